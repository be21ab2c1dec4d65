// The settings a team carries besides its name and members, in the order forms show them. One
// list for the server's settings check and the console's team form.
import type { TeamSettings } from '../contract/teams';

export const TEAM_SETTING_KEYS = [
  'permissionMode',
  'schedule',
  'afterHoursMessage',
  'assignmentStrategy',
  'assignedMessage',
  'unresponsiveStrategy',
  'unresponsiveTimeoutSeconds',
  'unresponsiveMessage',
  'maxChatsPerAgent',
  'onlineOnlyRouting',
  'autoResolveMinutes',
  'autoResolveMessage',
  'prechatForm',
  'offlineWhenNoAgentOnline',
] as const satisfies readonly (keyof TeamSettings)[];
