import { t, consoleErrors, digits, errorBody, id, isoDate, nullable, oneOf, pageOf, strict, type Static } from './common';
import { CONTACT_STATUSES, CUSTOM_FIELD_TYPES } from '../types/enums';
import { CONTACT_LIMITS } from '../types/limits';

const str = t.String();
export const visitorInfoSchema = t.Object({ pageUrl: nullable(str), referrer: nullable(str), browser: nullable(str), language: nullable(str) });
export const customFieldValueSchema = t.Union([t.String({ maxLength: CONTACT_LIMITS.stringValue }), t.Number(), t.Boolean()], { description: 'Dates as ISO 8601 strings' });
export const customFieldSchema = t.Object({ key: str, type: oneOf(CUSTOM_FIELD_TYPES), value: t.Union([str, t.Number(), t.Boolean()]) });

export const contactSchema = t.Object(
  {
    id,
    name: nullable(str),
    username: nullable(str),
    email: nullable(str),
    phone: nullable(str),
    status: oneOf(CONTACT_STATUSES),
    tags: t.Array(str),
    customFields: t.Array(customFieldSchema),
    externalIds: t.Object({ botUserId: nullable(str), channel: nullable(str), userId: nullable(str) }),
    lastAgentId: nullable(id),
    visitor: visitorInfoSchema,
    firstSeenAt: isoDate,
    lastSeenAt: isoDate,
    chatCount: t.Number(),
  },
  { title: 'Contact' },
);
export const contactSummarySchema = t.Object({ id, name: nullable(str), username: nullable(str), email: nullable(str) });

const text = (max: number) => t.Union([t.String({ maxLength: max }), t.Null()]);
/** The editable fields of a contact (console and v1 alike). */
export const contactFields = {
  name: t.Optional(text(200)),
  username: t.Optional(text(200)),
  email: t.Optional(t.Union([t.String({ format: 'email', maxLength: 254 }), t.Literal(''), t.Null()])),
  phone: t.Optional(t.Union([t.String({ maxLength: 32, pattern: '^[+0-9 ().-]*$', description: 'Digits, spaces, + ( ) . -' }), t.Null()])),
  status: t.Optional(oneOf(CONTACT_STATUSES)),
};
export const contactTags = t.Array(t.String({ maxLength: CONTACT_LIMITS.tagLength + 20 }), { maxItems: CONTACT_LIMITS.tags });

export const createContactBody = t.Object({ ...contactFields, tags: t.Optional(contactTags) }, strict);
export const updateContactBody = t.Object(contactFields, strict);
export const contactsQuery = t.Object(
  {
    q: t.Optional(t.String({ maxLength: 200 })),
    tag: t.Optional(t.String({ maxLength: 100 })),
    cursor: t.Optional(t.String({ maxLength: 200 })),
    limit: t.Optional(digits(3, `1…${CONTACT_LIMITS.pageSize}`)),
  },
  strict,
);
export const tagBody = t.Object({ tag: t.String({ maxLength: 100 }) }, strict);
export const tagParams = t.Object({ id: t.String({ maxLength: 64 }), tag: t.String({ maxLength: 200 }) }, strict);
export const fieldParams = t.Object({ id: t.String({ maxLength: 64 }), key: t.String({ maxLength: 100 }) }, strict);
export const fieldBody = t.Object({ type: oneOf(CUSTOM_FIELD_TYPES), value: customFieldValueSchema }, strict);

export const contactResponses = {
  page: { 200: pageOf(contactSchema), ...consoleErrors },
  created: { 201: contactSchema, ...consoleErrors, 409: errorBody },
  one: { 200: contactSchema, ...consoleErrors, 409: errorBody },
} as const;

export type VisitorInfo = Static<typeof visitorInfoSchema>;
export type CustomField = Static<typeof customFieldSchema>;
export type ContactDto = Static<typeof contactSchema>;
export type ContactInput = Static<typeof createContactBody>;
export type ContactPatch = Static<typeof updateContactBody>;
export type ContactsQuery = Static<typeof contactsQuery>;
