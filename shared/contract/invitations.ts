import { t, consoleErrors, email, errorBody, id, isoDate, listOf, noContent, oneOf, strict, type Static } from './common';
import { personName, teamIdList } from './members';
import { sessionSchema } from './auth';
import { ROLES } from '../types/enums';
import { PASSWORD_LIMITS } from '../types/limits';

export const invitationSchema = t.Object(
  { id, email: t.String(), role: oneOf(ROLES), teamIds: t.Array(id), expiresAt: isoDate, acceptedAt: t.Union([isoDate, t.Null()]), createdAt: isoDate },
  { title: 'Invitation' },
);

export const inviteBody = t.Object({ email, role: oneOf(ROLES), teamIds: t.Optional(teamIdList) }, strict);
export const invitationTokenParams = t.Object({ token: t.String({ maxLength: 200 }) }, strict);
export const acceptInvitationBody = t.Object(
  { token: t.String({ minLength: 16, maxLength: 200 }), name: personName, password: t.String({ minLength: PASSWORD_LIMITS.min, maxLength: PASSWORD_LIMITS.max }) },
  strict,
);
export const invitationLookupSchema = t.Object({ email: t.String(), orgName: t.String(), role: oneOf(ROLES) });

export const invitationResponses = {
  list: { 200: listOf(invitationSchema), ...consoleErrors },
  create: { 201: invitationSchema, ...consoleErrors, 409: errorBody },
  revoke: { 204: noContent, ...consoleErrors },
  lookup: { 200: invitationLookupSchema, ...consoleErrors },
  accept: { 201: sessionSchema, ...consoleErrors, 409: errorBody },
} as const;

export type InvitationDto = Static<typeof invitationSchema>;
export type InviteInput = Static<typeof inviteBody>;
export type AcceptInvitationInput = Static<typeof acceptInvitationBody>;
export type InvitationLookupDto = Static<typeof invitationLookupSchema>;
