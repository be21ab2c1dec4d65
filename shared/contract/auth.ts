import { t, consoleErrors, email, errorBody, noContent, okBody, strict } from './common';
import { memberSchema, personName } from './members';
import { orgSchema } from './org';
import { NAME_MAX, PASSWORD_LIMITS } from '../types/limits';
import { nonBlankName } from './common';

const password = t.String({ minLength: PASSWORD_LIMITS.min, maxLength: PASSWORD_LIMITS.max });
const anyPassword = t.String({ minLength: 1, maxLength: PASSWORD_LIMITS.max });
const token = t.String({ minLength: 16, maxLength: 200 });

export const signupBody = t.Object(
  { orgName: nonBlankName(NAME_MAX.org), name: personName, email, password, timezone: t.Optional(t.String({ maxLength: 64 })) },
  strict,
);
export const loginBody = t.Object({ email, password: anyPassword }, strict);
export const passwordBody = t.Object({ currentPassword: anyPassword, newPassword: password }, strict);
export const forgotBody = t.Object({ email }, strict);
export const resetBody = t.Object({ token, password }, strict);
export const loginLinkBody = t.Object({ token }, strict);

/** The signed-in member and their organization (signup, login, /me, accepted invitation). */
export const sessionSchema = t.Object({ user: memberSchema, org: orgSchema }, { title: 'Session' });

export const authResponses = {
  signup: { 201: sessionSchema, ...consoleErrors, 409: errorBody },
  session: { 200: sessionSchema, ...consoleErrors },
  /** 410 LOGIN_LINK_EXPIRED / LOGIN_LINK_USED: the link will never work again. */
  loginLink: { 200: sessionSchema, ...consoleErrors, 410: errorBody },
  noContent: { 204: noContent, ...consoleErrors },
  accepted: { 202: okBody, ...consoleErrors },
} as const;
