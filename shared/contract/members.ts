import { t, consoleErrors, email, errorBody, id, integer, isoDate, listOf, nonBlankName, nullable, objectIdString, oneOf, strict, type Static } from './common';
import { scheduleSchema } from './schedule';
import { MANUAL_STATUSES, ROLES } from '../types/enums';
import { NAME_MAX } from '../types/limits';

export const notificationPrefsSchema = t.Object({ email: t.Boolean(), sms: t.Boolean(), sound: t.Boolean() });

export const memberSchema = t.Object(
  {
    id,
    email: t.String(),
    name: t.String(),
    role: oneOf(ROLES),
    teamIds: t.Array(id),
    phone: nullable(t.String()),
    active: t.Boolean(),
    manualStatus: oneOf(MANUAL_STATUSES),
    notifications: notificationPrefsSchema,
    schedule: nullable(scheduleSchema),
    maxConcurrentChats: nullable(t.Number()),
    createdAt: isoDate,
  },
  { title: 'Member' },
);

export const personName = nonBlankName(NAME_MAX.person);
export const teamIdList = t.Array(objectIdString, { maxItems: 100 });

export const memberPatchBody = t.Object(
  {
    role: t.Optional(oneOf(ROLES)),
    teamIds: t.Optional(teamIdList),
    active: t.Optional(t.Boolean()),
    maxConcurrentChats: t.Optional(t.Union([integer(1, 100), t.Null()])),
  },
  strict,
);

/** `PATCH /api/me`: what a member changes about themselves. */
export const profilePatchBody = t.Object(
  {
    name: t.Optional(personName),
    email: t.Optional(email),
    currentPassword: t.Optional(t.String({ minLength: 1, maxLength: 200, description: 'Required with a new e-mail' })),
    phone: t.Optional(t.Union([t.String({ maxLength: 32 }), t.Null()], { description: 'E.164 after removing spaces, dashes, dots and brackets; null or "" clears it' })),
    notifications: t.Optional(t.Object({ email: t.Optional(t.Boolean()), sms: t.Optional(t.Boolean()), sound: t.Optional(t.Boolean()) }, strict)),
    manualStatus: t.Optional(oneOf(MANUAL_STATUSES)),
    schedule: t.Optional(t.Union([scheduleSchema, t.Null()])),
  },
  strict,
);

export const memberResponses = {
  list: { 200: listOf(memberSchema), ...consoleErrors },
  one: { 200: memberSchema, ...consoleErrors, 409: errorBody },
} as const;

export type NotificationPrefs = Static<typeof notificationPrefsSchema>;
export type MemberDto = Static<typeof memberSchema>;
export type MemberPatch = Static<typeof memberPatchBody>;
export type ProfilePatch = Static<typeof profilePatchBody>;
