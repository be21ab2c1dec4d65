import { t } from 'elysia';
import { oneOf } from '../profile/model';
import { CONTACT_STATUSES, CUSTOM_FIELD_TYPES } from '../../../shared/types/enums';
import { CONTACT_LIMITS } from '../../services/contacts';

const text = (max: number) => t.Union([t.String({ maxLength: max }), t.Null()]);
const fields = {
  name: t.Optional(text(200)),
  username: t.Optional(text(200)),
  email: t.Optional(t.Union([t.String({ format: 'email', maxLength: 254 }), t.Literal(''), t.Null()])),
  phone: t.Optional(t.Union([t.String({ maxLength: 32, pattern: '^[+0-9 ().-]*$' }), t.Null()])),
  status: t.Optional(oneOf(CONTACT_STATUSES)),
};

export const createContactBody = t.Object(
  { ...fields, tags: t.Optional(t.Array(t.String({ maxLength: CONTACT_LIMITS.tagLength + 20 }), { maxItems: CONTACT_LIMITS.tags })) },
  { additionalProperties: false },
);
export const updateContactBody = t.Object(fields, { additionalProperties: false });

export const listQuery = t.Object(
  {
    q: t.Optional(t.String({ maxLength: 200 })),
    tag: t.Optional(t.String({ maxLength: 100 })),
    cursor: t.Optional(t.String({ maxLength: 200 })),
    /** 1…100; a string here because Elysia's numeric query types carry a default of 0. */
    limit: t.Optional(t.String({ pattern: '^[0-9]{1,3}$' })),
  },
  { additionalProperties: false },
);

export const tagBody = t.Object({ tag: t.String({ maxLength: 100 }) }, { additionalProperties: false });
export const tagParams = t.Object({ id: t.String({ maxLength: 64 }), tag: t.String({ maxLength: 200 }) }, { additionalProperties: false });
export const fieldParams = t.Object({ id: t.String({ maxLength: 64 }), key: t.String({ maxLength: 100 }) }, { additionalProperties: false });
export const fieldBody = t.Object(
  {
    type: oneOf(CUSTOM_FIELD_TYPES),
    value: t.Union([t.String({ maxLength: CONTACT_LIMITS.stringValue }), t.Number(), t.Boolean()]),
  },
  { additionalProperties: false },
);
