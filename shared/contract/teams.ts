import { t, consoleErrors, errorBody, id, integer, isoDate, listOf, noContent, nonBlankName, nullable, objectIdString, oneOf, strict, type Static } from './common';
import { scheduleSchema } from './schedule';
import { ASSIGNMENT_STRATEGIES, PERMISSION_MODES, UNRESPONSIVE_STRATEGIES } from '../types/enums';
import { TEAM_NAME_MAX, TEAM_SETTINGS_LIMITS as L } from '../types/limits';

/** `name`, `email`, `phone`, or `custom:<key>` (a contact custom field of type string). */
export const PRECHAT_FIELD_PATTERN = '^(name|email|phone|custom:[a-zA-Z][a-zA-Z0-9_]{0,39})$';
export const prechatFieldSchema = t.Object(
  { field: t.String({ pattern: PRECHAT_FIELD_PATTERN }), label: t.String({ maxLength: 80 }), required: t.Boolean() },
  { ...strict, title: 'PrechatField' },
);
/** Asked before the visitor's first message (not of identified users); off by default. */
export const prechatFormSchema = t.Object({ enabled: t.Boolean(), fields: t.Array(prechatFieldSchema, { maxItems: 10 }) }, { ...strict, title: 'PrechatForm' });

export const teamSettingsSchema = t.Object({
  permissionMode: oneOf(PERMISSION_MODES),
  schedule: nullable(scheduleSchema, { description: 'null: always open' }),
  afterHoursMessage: t.String(),
  assignmentStrategy: oneOf(ASSIGNMENT_STRATEGIES),
  assignedMessage: t.String({ description: 'Posted to the visitor on auto-assignment; {agent} is the agent’s name' }),
  unresponsiveStrategy: oneOf(UNRESPONSIVE_STRATEGIES),
  unresponsiveTimeoutSeconds: t.Number(),
  unresponsiveMessage: t.String(),
  maxChatsPerAgent: nullable(t.Number(), { description: 'Per-agent cap of open chats in this team; null: no cap' }),
  onlineOnlyRouting: t.Boolean({ description: 'Round robin picks only agents with the console open (online or away); on by default' }),
  autoResolveMinutes: nullable(t.Number(), { description: 'End a chat this many minutes after an agent’s message the visitor did not answer; null: off (the default)' }),
  autoResolveMessage: t.String({ description: 'Posted to the visitor when auto-resolve ends the chat' }),
  prechatForm: prechatFormSchema,
  offlineWhenNoAgentOnline: t.Boolean({ description: 'The widget offers the offline form also while the team is open but no member has the console open' }),
});

export const teamSchema = t.Composite([t.Object({ id, name: t.String(), memberIds: t.Array(id), isDefault: t.Boolean(), createdAt: isoDate }), teamSettingsSchema], { title: 'Team' });

// Shapes only; the rules that span fields (after-hours message with a schedule, offer_choice
// message) are the domain's applyTeamSettingsPatch, run on the merged settings.
const message = t.String({ maxLength: L.messageLength });
const settingsInput = {
  permissionMode: t.Optional(oneOf(PERMISSION_MODES)),
  schedule: t.Optional(t.Union([scheduleSchema, t.Null()])),
  afterHoursMessage: t.Optional(message),
  assignmentStrategy: t.Optional(oneOf(ASSIGNMENT_STRATEGIES)),
  assignedMessage: t.Optional(message),
  unresponsiveStrategy: t.Optional(oneOf(UNRESPONSIVE_STRATEGIES)),
  unresponsiveTimeoutSeconds: t.Optional(integer(L.unresponsiveTimeoutSeconds.min, L.unresponsiveTimeoutSeconds.max)),
  unresponsiveMessage: t.Optional(message),
  maxChatsPerAgent: t.Optional(t.Union([integer(L.maxChatsPerAgent.min, L.maxChatsPerAgent.max), t.Null()])),
  onlineOnlyRouting: t.Optional(t.Boolean()),
  autoResolveMinutes: t.Optional(t.Union([integer(L.autoResolveMinutes.min, L.autoResolveMinutes.max), t.Null()])),
  autoResolveMessage: t.Optional(message),
  prechatForm: t.Optional(prechatFormSchema),
  offlineWhenNoAgentOnline: t.Optional(t.Boolean()),
};
const teamName = nonBlankName(TEAM_NAME_MAX);
const memberIds = t.Array(objectIdString, { maxItems: 1000 });

export const createTeamBody = t.Object({ name: teamName, memberIds: t.Optional(memberIds), ...settingsInput }, strict);
export const updateTeamBody = t.Object({ name: t.Optional(teamName), memberIds: t.Optional(memberIds), ...settingsInput }, strict);

export const teamResponses = {
  list: { 200: listOf(teamSchema), ...consoleErrors },
  create: { 201: teamSchema, ...consoleErrors, 409: errorBody },
  update: { 200: teamSchema, ...consoleErrors, 409: errorBody },
  remove: { 204: noContent, ...consoleErrors, 409: errorBody },
} as const;

export type TeamSettings = Static<typeof teamSettingsSchema>;
export type PrechatField = Static<typeof prechatFieldSchema>;
export type PrechatForm = Static<typeof prechatFormSchema>;
export type TeamDto = Static<typeof teamSchema>;
/** What the team routes accept (create: `name` required). */
export type TeamInput = Static<typeof updateTeamBody>;
export type CreateTeamInput = Static<typeof createTeamBody>;
