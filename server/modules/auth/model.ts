import { t } from 'elysia';

export const email = t.String({ format: 'email', maxLength: 254 });
export const password = t.String({ minLength: 8, maxLength: 200 });
export const personName = t.String({ minLength: 1, maxLength: 120 });
export const token = t.String({ minLength: 16, maxLength: 200 });

export const signupBody = t.Object(
  { orgName: t.String({ minLength: 1, maxLength: 120 }), name: personName, email, password, timezone: t.Optional(t.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
export const loginBody = t.Object({ email, password: t.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const passwordBody = t.Object({ currentPassword: t.String({ minLength: 1, maxLength: 200 }), newPassword: password }, { additionalProperties: false });
export const forgotBody = t.Object({ email }, { additionalProperties: false });
export const resetBody = t.Object({ token, password }, { additionalProperties: false });
export const loginLinkBody = t.Object({ token }, { additionalProperties: false });
