import { t } from 'elysia';
import { ROLES } from '../../../shared/types/enums';
import { email, objectIdString, oneOf, personName } from '../profile/model';

const token = t.String({ minLength: 16, maxLength: 200 });

export const inviteBody = t.Object(
  { email, role: oneOf(ROLES), teamIds: t.Optional(t.Array(objectIdString, { maxItems: 100 })) },
  { additionalProperties: false },
);
export const tokenParams = t.Object({ token: t.String({ maxLength: 200 }) }, { additionalProperties: false });
export const acceptBody = t.Object(
  { token, name: personName, password: t.String({ minLength: 8, maxLength: 200 }) },
  { additionalProperties: false },
);
