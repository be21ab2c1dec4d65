import { t } from 'elysia';
import { ASSIGNMENT_STRATEGIES, PERMISSION_MODES, UNRESPONSIVE_STRATEGIES } from '../../../shared/types/enums';
import { TEAM_SETTINGS_LIMITS } from '../../domain/team-settings';
import { TEAM_NAME_MAX } from '../../services/teams';
import { integer, objectIdString, oneOf, scheduleBody } from '../profile/model';

// Shapes only; the rules that span fields (after-hours message with a schedule, offer_choice
// message) are the domain's applyTeamSettingsPatch, run on the merged settings.
const message = t.String({ maxLength: TEAM_SETTINGS_LIMITS.messageLength });
const settings = {
  permissionMode: t.Optional(oneOf(PERMISSION_MODES)),
  schedule: t.Optional(t.Union([scheduleBody, t.Null()])),
  afterHoursMessage: t.Optional(message),
  assignmentStrategy: t.Optional(oneOf(ASSIGNMENT_STRATEGIES)),
  assignedMessage: t.Optional(message),
  unresponsiveStrategy: t.Optional(oneOf(UNRESPONSIVE_STRATEGIES)),
  unresponsiveTimeoutSeconds: t.Optional(integer(TEAM_SETTINGS_LIMITS.unresponsiveTimeoutSeconds.min, TEAM_SETTINGS_LIMITS.unresponsiveTimeoutSeconds.max)),
  unresponsiveMessage: t.Optional(message),
  maxChatsPerAgent: t.Optional(t.Union([integer(TEAM_SETTINGS_LIMITS.maxChatsPerAgent.min, TEAM_SETTINGS_LIMITS.maxChatsPerAgent.max), t.Null()])),
};
const name = t.String({ minLength: 1, maxLength: TEAM_NAME_MAX });
const memberIds = t.Array(objectIdString, { maxItems: 1000 });

export const createTeamBody = t.Object({ name, memberIds: t.Optional(memberIds), ...settings }, { additionalProperties: false });
export const updateTeamBody = t.Object({ name: t.Optional(name), memberIds: t.Optional(memberIds), ...settings }, { additionalProperties: false });
