import { t, consoleErrors, errorBody, id, isoDate, listOf, nullable, oneOf, pageOf, strict, widgetErrors, type Static } from './common';
import { contactSummarySchema } from './contacts';
import { ratingSchema } from './rating';
import { AUTHOR_KINDS, CHAT_CHANNELS, CHAT_EVENT_KINDS, CHAT_LIST_STATUSES, CHAT_STATUSES, CHAT_VIEWS, EVENT_ACTOR_KINDS, UNRESPONSIVE_CHOICES } from '../types/enums';

const str = t.String();

export const attachmentSchema = t.Object(
  { id, name: str, contentType: str, size: t.Number(), url: t.String({ description: 'Path to download it (authorized per caller)' }) },
  { title: 'Attachment' },
);
export const messageAuthorSchema = t.Object({
  kind: oneOf(AUTHOR_KINDS),
  id: t.Union([id, t.Null()], { description: 'Agent id for agent, contact id for contact, null for bot/system' }),
  name: nullable(str),
});
export const messageActionSchema = t.Object({ id: oneOf(UNRESPONSIVE_CHOICES), label: str });

export const messageSchema = t.Object(
  {
    id,
    chatId: id,
    seq: t.Number({ description: 'Position in the chat, strictly increasing' }),
    clientId: nullable(str),
    author: messageAuthorSchema,
    text: str,
    attachments: t.Array(attachmentSchema),
    actions: t.Array(messageActionSchema, { description: 'Buttons offered to the visitor (unresponsive-agent choice)' }),
    createdAt: isoDate,
  },
  { title: 'Message' },
);

const chatProperties = {
  id,
  contactId: id,
  contact: contactSummarySchema,
  teamId: id,
  assigneeId: nullable(id),
  assigneeName: nullable(str, { description: 'The assigned agent’s display name' }),
  status: oneOf(CHAT_STATUSES),
  channel: oneOf(CHAT_CHANNELS),
  lastSeq: t.Number(),
  lastMessage: nullable(t.Object({ seq: t.Number(), text: str, author: messageAuthorSchema, createdAt: isoDate })),
  createdAt: isoDate,
  assignedAt: nullable(isoDate),
  firstResponseAt: nullable(isoDate),
  endedAt: nullable(isoDate),
  awaitingChoice: t.Boolean({ description: 'True while the visitor is offered the unresponsive-agent choice' }),
  // Read receipts (services/read-receipts.ts): the highest seq each side has seen; monotonic.
  agentReadSeq: t.Optional(t.Number({ description: 'Highest seq an agent has read (0: none)' })),
  agentReadAt: t.Optional(nullable(isoDate)),
  visitorReadSeq: t.Optional(t.Number({ description: 'Highest seq the visitor has read (0: none)' })),
  visitorReadAt: t.Optional(nullable(isoDate)),
  rating: t.Optional(nullable(ratingSchema, { description: 'The visitor’s rating after the end; null until rated' })),
  // Optional: agents always get them; visitors' copies (widget routes and frames) leave them out.
  labels: t.Optional(t.Array(str, { description: 'Chat labels (lower case, organization-wide strings); agents only' })),
};
export const chatSchema = t.Object(chatProperties, { title: 'Chat' });
/** A chat as the v1 API shows it: with the bot platform's handoff id and its console URL. */
export const handoffChatSchema = t.Object(
  { ...chatProperties, handoffId: nullable(str), url: t.String({ description: 'The chat in the agent console' }) },
  { title: 'HandoffChat' },
);

export const chatEventSchema = t.Object(
  {
    id,
    chatId: id,
    kind: oneOf(CHAT_EVENT_KINDS),
    actor: t.Object({ kind: oneOf(EVENT_ACTOR_KINDS), id: nullable(id), name: nullable(str) }),
    fromAssigneeId: nullable(id),
    toAssigneeId: nullable(id),
    fromTeamId: nullable(id),
    toTeamId: nullable(id),
    createdAt: isoDate,
  },
  { title: 'ChatEvent' },
);

export const badgeCountsSchema = t.Object({
  unassigned: t.Number(),
  mine: t.Number(),
  all: t.Number(),
  teams: t.Record(t.String(), t.Number(), { description: 'Open (unassigned + assigned) chats per visible team' }),
});

const can = t.Boolean();
export const chatWithCapabilitiesSchema = t.Object({
  chat: chatSchema,
  capabilities: t.Object({ view: can, claim: can, assign: can, write: can, end: can, upload: can, view_history: can }, { description: 'What the caller may do with it' }),
});

// ---- requests -------------------------------------------------------------------------------

export const chatIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });
// Numbers in queries: Elysia coerces a query's t.Number from its string form.
export const chatListQuery = t.Object(
  {
    view: t.Optional(oneOf(CHAT_VIEWS)),
    teamId: t.Optional(t.String({ maxLength: 64 })),
    status: t.Optional(oneOf(CHAT_LIST_STATUSES)),
    cursor: t.Optional(t.String({ maxLength: 200 })),
    limit: t.Optional(t.Number({ minimum: 1, maximum: 200 })),
    label: t.Optional(t.String({ maxLength: 200, description: 'Only chats carrying this label' })),
  },
  strict,
);
// Label bounds are the service's (a 400 naming body.label); these keep absurd input out.
export const chatLabelBody = t.Object({ label: t.String({ maxLength: 200 }) }, strict);
export const chatLabelParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }), label: t.String({ minLength: 1, maxLength: 200 }) }, strict);
export const assignBody = t.Object(
  { agentId: t.Optional(t.String({ minLength: 1, maxLength: 64 })), teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })) },
  strict,
);
export const messagesQuery = t.Object(
  {
    afterSeq: t.Optional(t.Number({ minimum: 0 })),
    beforeSeq: t.Optional(t.Number({ minimum: 0 })),
    limit: t.Optional(t.Number({ minimum: 1, maximum: 500 })),
  },
  strict,
);
export const sendMessageBody = t.Object(
  {
    clientId: t.String({ minLength: 1, maxLength: 64 }),
    text: t.String({ maxLength: 10_000 }),
    attachmentIds: t.Optional(t.Array(t.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 })),
  },
  strict,
);

export const chatResponses = {
  page: { 200: pageOf(chatSchema), ...consoleErrors },
  counts: { 200: badgeCountsSchema, ...consoleErrors },
  withCapabilities: { 200: chatWithCapabilitiesSchema, ...consoleErrors },
  chat: { 200: chatSchema, ...consoleErrors, 409: errorBody },
  events: { 200: listOf(chatEventSchema), ...consoleErrors },
  messages: { 200: listOf(messageSchema), ...consoleErrors },
  sent: { 200: messageSchema, 201: messageSchema, ...consoleErrors, 409: errorBody },
  upload: { 201: attachmentSchema, ...consoleErrors, 413: errorBody, 415: errorBody },
  list: { 200: listOf(chatSchema), ...consoleErrors },
  labels: { 200: t.Object({ items: t.Array(str, { description: 'Labels on the organization’s chats, a–z' }) }), ...consoleErrors },
} as const;
export const widgetChatResponses = {
  messages: { 200: listOf(messageSchema), ...widgetErrors },
  sent: { 200: messageSchema, 201: messageSchema, ...widgetErrors },
  upload: { 201: attachmentSchema, ...widgetErrors, 413: errorBody, 415: errorBody },
} as const;

export type AttachmentDto = Static<typeof attachmentSchema>;
export type MessageAuthor = Static<typeof messageAuthorSchema>;
export type MessageAction = Static<typeof messageActionSchema>;
export type MessageDto = Static<typeof messageSchema>;
export type ChatDto = Static<typeof chatSchema>;
export type HandoffChatDto = Static<typeof handoffChatSchema>;
export type ChatEventDto = Static<typeof chatEventSchema>;
export type BadgeCounts = Static<typeof badgeCountsSchema>;
export type ChatWithCapabilities = Static<typeof chatWithCapabilitiesSchema>;
export type ChatListQuery = Static<typeof chatListQuery>;
export type AssignInput = Static<typeof assignBody>;
export type SendMessageInput = Static<typeof sendMessageBody>;
export type ChatLabelInput = Static<typeof chatLabelBody>;
