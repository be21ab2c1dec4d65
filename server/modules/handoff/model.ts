// Request schemas of /api/v1. Every object refuses unknown keys and every scalar is typed, so a
// MongoDB operator object (`{"$gt": ""}`) where a string belongs is a 400 naming the field.
import { t } from 'elysia';
import { CONTACT_STATUSES, CUSTOM_FIELD_TYPES, ROLES, UNRESPONSIVE_CHOICES } from '../../../shared/types/enums';
import { CONTACT_LIMITS } from '../../services/contacts';
import { email, objectIdString, oneOf, personName } from '../profile/model';

const strict = { additionalProperties: false } as const;
const nullableText = (max: number, description?: string) => t.Union([t.String({ maxLength: max }), t.Null()], description ? { description } : {});

export const idParams = t.Object({ id: t.String({ maxLength: 64, description: 'Id of the object' }) }, strict);
export const tagParams = t.Object({ id: t.String({ maxLength: 64 }), tag: t.String({ maxLength: 200 }) }, strict);
export const fieldParams = t.Object({ id: t.String({ maxLength: 64 }), key: t.String({ maxLength: 100 }) }, strict);

const customField = t.Object(
  {
    key: t.String({ maxLength: 40, description: 'Letters, digits and _, starting with a letter' }),
    type: oneOf(CUSTOM_FIELD_TYPES),
    value: t.Union([t.String({ maxLength: CONTACT_LIMITS.stringValue }), t.Number(), t.Boolean()], { description: 'Dates as ISO 8601 strings' }),
  },
  strict,
);

export const contactFields = {
  name: t.Optional(nullableText(200)),
  username: t.Optional(nullableText(200)),
  email: t.Optional(t.Union([t.String({ format: 'email', maxLength: 254 }), t.Literal(''), t.Null()])),
  phone: t.Optional(t.Union([t.String({ maxLength: 32, pattern: '^[+0-9 ().-]*$' }), t.Null()])),
  status: t.Optional(oneOf(CONTACT_STATUSES)),
};

export const handoffBody = t.Object(
  {
    handoffId: t.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'Your id for this handoff; repeating it returns the same chat (200) instead of opening another',
    }),
    contact: t.Object(
      {
        botUserId: t.String({ minLength: 1, maxLength: 200, description: 'The contact’s user id on the bot platform' }),
        channel: t.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,31}$', description: 'The channel the bot serves the contact on, e.g. messenger, sms, web' }),
        ...contactFields,
        tags: t.Optional(t.Array(t.String({ maxLength: CONTACT_LIMITS.tagLength + 20 }), { maxItems: CONTACT_LIMITS.tags, description: 'Added to the contact’s tags' })),
        customFields: t.Optional(t.Array(customField, { maxItems: CONTACT_LIMITS.customFields })),
      },
      strict,
    ),
    transcript: t.Optional(
      t.Array(
        t.Object(
          {
            author: oneOf(['bot', 'contact'] as const),
            text: t.String({ minLength: 1, maxLength: 10_000 }),
            createdAt: t.Optional(t.String({ format: 'date-time', maxLength: 40 })),
          },
          strict,
        ),
        { maxItems: 500, description: 'The bot conversation so far, oldest first' },
      ),
    ),
    teamId: t.Optional(t.String({ maxLength: 64, description: 'Team to hand the chat to (default: the organization’s default team)' })),
    agentId: t.Optional(t.String({ maxLength: 64, description: 'Assign to this agent (a member of the team) instead of routing' })),
    botName: t.Optional(t.String({ maxLength: 80, description: 'Author name of the bot’s transcript lines' })),
  },
  strict,
);

export const relayBody = t.Object(
  {
    text: t.String({ minLength: 1, maxLength: 10_000 }),
    clientId: t.Optional(
      t.String({ minLength: 1, maxLength: 128, pattern: '^(?!handoff:)', description: 'Your message id; a repeat returns the stored message (200). Ids starting with handoff: are reserved for transcripts.' }),
    ),
  },
  strict,
);

export const messagesQuery = t.Object(
  {
    afterSeq: t.Optional(t.String({ pattern: '^[0-9]{1,9}$', description: 'Only messages with a higher seq' })),
    limit: t.Optional(t.String({ pattern: '^[0-9]{1,3}$', description: '1–500, default 100' })),
  },
  strict,
);

export const assignBody = t.Object(
  {
    teamId: t.Optional(t.String({ maxLength: 64 })),
    agentId: t.Optional(t.String({ maxLength: 64 })),
  },
  { ...strict, minProperties: 1, description: 'An agent, a team, or both (an agent of that team)' },
);

export const choiceBody = t.Object({ choice: oneOf(UNRESPONSIVE_CHOICES) }, strict);

export const contactLookupQuery = t.Object(
  { botUserId: t.String({ minLength: 1, maxLength: 200 }), channel: t.String({ minLength: 1, maxLength: 32 }) },
  strict,
);
export const contactPatchBody = t.Object(contactFields, strict);
export const tagBody = t.Object({ tag: t.String({ maxLength: 100 }) }, strict);
export const fieldBody = t.Object({ type: oneOf(CUSTOM_FIELD_TYPES), value: customField.properties.value }, strict);

export const inviteBody = t.Object({ email, role: oneOf(ROLES), teamIds: t.Optional(t.Array(objectIdString, { maxItems: 100 })) }, strict);
export const createMemberBody = t.Object(
  {
    email,
    name: personName,
    password: t.String({ minLength: 8, maxLength: 200 }),
    role: oneOf(ROLES),
    teamIds: t.Optional(t.Array(objectIdString, { maxItems: 100 })),
  },
  strict,
);
export const loginLinkBody = t.Object({ email }, strict);
