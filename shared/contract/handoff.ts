// The bot platform's API under /api/v1: request schemas (every object refuses unknown keys and
// every scalar is typed, so a MongoDB operator object where a string belongs is a 400 naming the
// field) and the answers, documented in the OpenAPI document.
import { t, digits, email, errorBody, isoDate, objectIdString, oneOf, strict, type Static } from './common';
import { contactFields, contactSchema, contactTags, customFieldValueSchema } from './contacts';
import { handoffChatSchema } from './chats';
import { personName } from './members';
import { CUSTOM_FIELD_TYPES, ROLES, TRANSCRIPT_AUTHORS, UNRESPONSIVE_CHOICES } from '../types/enums';
import { CONTACT_LIMITS, PASSWORD_LIMITS } from '../types/limits';

export const v1IdParams = t.Object({ id: t.String({ maxLength: 64, description: 'Id of the object' }) }, strict);

const customField = t.Object(
  {
    key: t.String({ maxLength: 40, description: 'Letters, digits and _, starting with a letter' }),
    type: oneOf(CUSTOM_FIELD_TYPES),
    value: customFieldValueSchema,
  },
  strict,
);

/**
 * Files of the bot conversation, inline (the whole body stays under the API's 1 MiB): checked
 * like widget uploads (type by content, UPLOAD_MAX_BYTES). Larger files: open the handoff, then
 * upload them (POST /api/v1/chats/{id}/files) and relay a message with their `fileIds`.
 */
const transcriptAttachments = t.Array(
  t.Object(
    {
      name: t.String({ minLength: 1, maxLength: 200, description: 'File name; its extension must match the content' }),
      contentBase64: t.String({ minLength: 1, maxLength: 1_048_576, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'The bytes, base64 (standard alphabet)' }),
    },
    strict,
  ),
  { maxItems: 10 },
);

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
        tags: t.Optional(t.Array(contactTags.items, { maxItems: CONTACT_LIMITS.tags, description: 'Added to the contact’s tags' })),
        customFields: t.Optional(t.Array(customField, { maxItems: CONTACT_LIMITS.customFields })),
      },
      strict,
    ),
    transcript: t.Optional(
      t.Array(
        t.Object(
          {
            author: oneOf(TRANSCRIPT_AUTHORS),
            text: t.String({ minLength: 1, maxLength: 10_000 }),
            createdAt: t.Optional(t.String({ format: 'date-time', maxLength: 40 })),
            attachments: t.Optional(transcriptAttachments),
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
  { ...strict, title: 'HandoffRequest' },
);

export const relayBody = t.Object(
  {
    text: t.String({ minLength: 1, maxLength: 10_000 }),
    clientId: t.Optional(
      t.String({ minLength: 1, maxLength: 128, pattern: '^(?!handoff:)', description: 'Your message id; a repeat returns the stored message (200). Ids starting with handoff: are reserved for transcripts.' }),
    ),
    fileIds: t.Optional(t.Array(objectIdString, { maxItems: 10, description: 'Files uploaded into this chat with POST /api/v1/chats/{id}/files' })),
  },
  { ...strict, title: 'RelayMessageRequest' },
);

export const v1MessagesQuery = t.Object(
  { afterSeq: t.Optional(digits(9, 'Only messages with a higher seq')), limit: t.Optional(digits(3, '1–500, default 100')) },
  strict,
);

export const v1AssignBody = t.Object(
  { teamId: t.Optional(t.String({ maxLength: 64 })), agentId: t.Optional(t.String({ maxLength: 64 })) },
  { ...strict, minProperties: 1, description: 'An agent, a team, or both (an agent of that team)', title: 'AssignRequest' },
);
export const v1ChoiceBody = t.Object({ choice: oneOf(UNRESPONSIVE_CHOICES) }, { ...strict, title: 'ChoiceRequest' });

export const contactLookupQuery = t.Object(
  { botUserId: t.String({ minLength: 1, maxLength: 200 }), channel: t.String({ minLength: 1, maxLength: 32 }) },
  strict,
);
export const contactPatchBody = t.Object(contactFields, { ...strict, title: 'ContactPatch' });
export const v1TagBody = t.Object({ tag: t.String({ maxLength: 100 }) }, { ...strict, title: 'TagRequest' });
export const v1FieldBody = t.Object({ type: oneOf(CUSTOM_FIELD_TYPES), value: customFieldValueSchema }, { ...strict, title: 'CustomFieldRequest' });

const teamIds = t.Optional(t.Array(objectIdString, { maxItems: 100 }));
export const v1InviteBody = t.Object({ email, role: oneOf(ROLES), teamIds }, { ...strict, title: 'InvitationRequest' });
export const createMemberBody = t.Object(
  { email, name: personName, password: t.String({ minLength: PASSWORD_LIMITS.min, maxLength: PASSWORD_LIMITS.max }), role: oneOf(ROLES), teamIds },
  { ...strict, title: 'CreateMemberRequest' },
);
export const v1LoginLinkBody = t.Object({ email }, { ...strict, title: 'LoginLinkRequest' });

// ---- answers --------------------------------------------------------------------------------

export const handoffResponse = t.Object({ chat: handoffChatSchema, contact: contactSchema }, { title: 'Handoff' });
export const loginLinkResponse = t.Object({ url: t.String({ description: 'Opens the console signed in; valid once, for 60 seconds' }), expiresAt: isoDate }, { title: 'LoginLink' });

/** Error answers every v1 route can give, documented once. */
/** Errors every /api/v1 route can answer: 403 SCOPE_MISSING, 409 IDEMPOTENCY_CONFLICT (Idempotency-Key) among them. */
export const v1Errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody, 500: errorBody } as const;

export type HandoffInput = Static<typeof handoffBody>;
export type HandoffContactInput = HandoffInput['contact'];
export type TranscriptEntry = NonNullable<HandoffInput['transcript']>[number];
export type RelayInput = Static<typeof relayBody>;
export type V1AssignInput = Static<typeof v1AssignBody>;
export type CreateMemberInput = Static<typeof createMemberBody>;
export type HandoffDto = Static<typeof handoffResponse>;
export type LoginLinkDto = Static<typeof loginLinkResponse>;
