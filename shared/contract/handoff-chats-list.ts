// GET /api/v1/chats: the organization's chats in the order they last changed, for a bot platform
// that catches up after an outage. Pages are (updatedAt, id) ordered and the cursor is the
// position after the last chat, so paging never skips or repeats a chat; a chat that changes
// while the platform pages comes again later, with its new state.
import { t, isoDate, nullable, objectIdString, oneOf, strict, type Static } from './common';
import { handoffChatSchema } from './chats';
import { CHAT_STATUSES } from '../types/enums';

export const CHATS_LIST_LIMITS = { defaultLimit: 50, maxLimit: 200 } as const;

/**
 * A whole number in a query string: a Number schema (the server turns query text into numbers
 * for those) that says `integer` in the OpenAPI document. The range and wholeness are checked by
 * the service (chats-list.ts), since the query's number conversion reports those without the
 * parameter's name.
 */
function queryInteger(minimum: number, maximum: number, description: string) {
  const schema = t.Number({ description: `${description} (${minimum}–${maximum})` });
  (schema as { type: string }).type = 'integer';
  return schema;
}

export const v1ChatsListQuery = t.Object(
  {
    status: t.Optional(oneOf(CHAT_STATUSES)),
    teamId: t.Optional(objectIdString),
    agentId: t.Optional(t.Union([objectIdString, t.Literal('none')], { description: 'An agent’s id, or `none` for chats assigned to nobody' })),
    contactId: t.Optional(objectIdString),
    handoffId: t.Optional(t.String({ minLength: 1, maxLength: 128 })),
    updatedSince: t.Optional(t.String({ format: 'date-time', maxLength: 40, description: 'Only chats changed at or after this instant (ISO 8601)' })),
    cursor: t.Optional(t.String({ minLength: 1, maxLength: 200, description: 'The `next` of an earlier answer: continue after it' })),
    limit: t.Optional(queryInteger(1, CHATS_LIST_LIMITS.maxLimit, `Default ${CHATS_LIST_LIMITS.defaultLimit}`)),
  },
  strict,
);

export const v1ChatListItem = t.Composite([handoffChatSchema, t.Object({ updatedAt: isoDate })], { title: 'HandoffChatListItem' });

export const v1ChatsPage = t.Object(
  {
    items: t.Array(v1ChatListItem),
    next: nullable(t.String(), {
      description: 'Cursor after the last chat returned (or the one you sent when nothing new); keep it and ask again later for what changed since. Null only for an empty first page.',
    }),
    hasMore: t.Boolean({ description: 'More chats are waiting now: ask again with `next` right away' }),
  },
  { title: 'HandoffChatsPage' },
);

export type V1ChatsListQuery = Static<typeof v1ChatsListQuery>;
export type V1ChatListItem = Static<typeof v1ChatListItem>;
export type V1ChatsPage = Static<typeof v1ChatsPage>;
