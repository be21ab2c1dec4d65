// What the OpenAPI document says about each bot-facing operation beyond what the route declares:
// a stable operationId (the names generated clients call), a description where the route has
// none, and a realistic request body example. Kept in one table, beside the post-process that
// applies it (refine.ts), so route files stay about handling requests; the quality test
// (server/test/openapi-quality.test.ts) fails on a bot-facing operation missing from here.

export interface OperationDoc {
  operationId: string;
  /** Used when the route's own `detail` has no description. */
  description?: string;
  /** An example request body (validated against the body schema by the quality test). */
  requestExample?: unknown;
  /** Bounds of integer query parameters the route checks itself (the schema only says digits). */
  integerRanges?: Record<string, [number, number]>;
}

const HANDOFF_EXAMPLE = {
  handoffId: 'conv-8842:handoff-1',
  contact: {
    botUserId: 'u_1029384',
    channel: 'messenger',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    tags: ['vip'],
    customFields: [{ key: 'plan', type: 'string', value: 'pro' }],
  },
  transcript: [
    { author: 'contact', text: 'My invoice is wrong', createdAt: '2026-01-15T09:29:00.000Z' },
    { author: 'bot', text: 'Let me get you a person.', createdAt: '2026-01-15T09:29:02.000Z' },
  ],
  botName: 'Phoenix Bot',
};

const MEMBER_INPUT = {
  email: 'grace@example.com',
  name: 'Grace Hopper',
  passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
  role: 'agent',
  teams: ['Billing'],
};

/** Keyed by `method path` as the document lists it (path parameters in braces). */
export const BOT_OPERATIONS: Record<string, OperationDoc> = {
  'post /api/v1/chats': { operationId: 'createHandoffChat', requestExample: HANDOFF_EXAMPLE },
  'get /api/v1/chats': { operationId: 'listChats' },
  'get /api/v1/chats/{id}': {
    operationId: 'getChat',
    description: 'One chat of the organization: its status, team, assigned agent and contact. 404 for a chat of another organization.',
  },
  'get /api/v1/chats/{id}/messages': {
    operationId: 'listChatMessages',
    integerRanges: { limit: [1, 500], afterSeq: [0, 999_999_999] },
    description: 'Messages with a seq above `afterSeq`, oldest first, at most `limit` (1–500, default 100). Page by passing the last seq seen as `afterSeq`. Works for ended chats too (the transcript).',
  },
  'post /api/v1/chats/{id}/messages': {
    operationId: 'relayContactMessage',
    description: 'Adds a message written by the contact to an open chat of channel `api`. A repeat with the same `clientId` and text answers 200 with the message stored first; the same `clientId` with another text is a 409.',
    requestExample: { text: 'It says 120 € but I paid 100 €', clientId: 'msg-5531' },
  },
  'post /api/v1/chats/{id}/assign': {
    operationId: 'assignChat',
    description: 'Give the chat to an agent (`agentId`), move it to a team (`teamId`), or both (an agent of that team). Allowed whatever the organization’s permission mode.',
    requestExample: { teamId: '65a1b2c3d4e5f60718293a4b' },
  },
  'post /api/v1/chats/{id}/end': {
    operationId: 'endChat',
    description: 'Ends the chat (hand the contact back to the bot). Ending an ended chat answers the chat unchanged. A chat.ended webhook follows.',
  },
  'post /api/v1/chats/{id}/choice': { operationId: 'answerChatChoice', requestExample: { choice: 'keep_waiting' } },
  'get /api/v1/files/{id}': {
    operationId: 'downloadFile',
    description: 'The stored bytes of an attachment of one of the organization’s chats, served as an attachment (Content-Disposition) with its detected type and `X-Content-Type-Options: nosniff`.',
  },
  'post /api/v1/chats/{id}/files': { operationId: 'uploadChatFile' },
  'get /api/v1/contacts': {
    operationId: 'findContactByBotUser',
    description: 'The contact the bot knows as `botUserId` on `channel` (created by an earlier handoff). 404 when there is none.',
  },
  'get /api/v1/contacts/{id}': { operationId: 'getContact', description: 'One contact: profile, status, tags and custom fields.' },
  'patch /api/v1/contacts/{id}': {
    operationId: 'updateContact',
    description: 'Changes only the fields sent; null clears a field. A contact.updated webhook follows.',
    requestExample: { name: 'Ada King', status: 'customer' },
  },
  'post /api/v1/contacts/{id}/tags': {
    operationId: 'addContactTag',
    description: 'Adds a tag; one already present in any letter case is left as it is.',
    requestExample: { tag: 'vip' },
  },
  'delete /api/v1/contacts/{id}/tags/{tag}': { operationId: 'removeContactTag', description: 'Removes the tag, whatever its letter case. Removing a tag the contact does not have changes nothing.' },
  'put /api/v1/contacts/{id}/fields/{key}': {
    operationId: 'setContactField',
    description: 'Sets the custom field `key` (letters, digits and _, starting with a letter) with its type; the value must match the type (dates as ISO 8601 strings).',
    requestExample: { type: 'number', value: 42 },
  },
  'delete /api/v1/contacts/{id}/fields/{key}': { operationId: 'removeContactField', description: 'Removes the custom field `key`; removing one that is not set changes nothing.' },
  'get /api/v1/teams': { operationId: 'listTeams', description: 'Every team of the organization with its member ids and routing settings.' },
  'get /api/v1/members': { operationId: 'listMembers', description: 'Every member of the organization with role, status and teams.' },
  'post /api/v1/members': {
    operationId: 'createMember',
    description: 'Creates a member who signs in with the given password. The key’s creator must be allowed to give the role (admins cannot create owners). 409 when the e-mail is taken.',
    requestExample: { email: 'grace@example.com', name: 'Grace Hopper', password: 'correct horse battery', role: 'agent' },
  },
  'post /api/v1/invitations': {
    operationId: 'inviteMember',
    description: 'E-mails an invitation valid for 7 days. Inviting an address with a pending invitation resends it (same id, fresh expiry).',
    requestExample: { email: 'grace@example.com', role: 'agent' },
  },
  'post /api/v1/login-links': { operationId: 'createLoginLink', requestExample: { email: 'grace@example.com' } },
  'get /api/v1/webhook': { operationId: 'getWebhook', description: 'The webhook configuration. The secret itself is never shown again after it is created or rotated.' },
  'patch /api/v1/webhook': { operationId: 'updateWebhook', requestExample: { url: 'https://bot.example.com/phoenix/webhook', events: ['chat.assigned', 'message.created', 'chat.ended'] } },
  'post /api/v1/webhook/rotate-secret': { operationId: 'rotateWebhookSecret' },
  'post /api/v1/webhook/test': {
    operationId: 'sendWebhookTest',
    description: 'Queues a webhook.test event to the webhook URL right away and answers its delivery (202); follow it in the delivery log. 409 when no URL is set.',
  },
  'get /api/v1/webhook/deliveries': {
    operationId: 'listWebhookDeliveries',
    integerRanges: { limit: [1, 200] },
    description: 'Deliveries newest first, optionally of one `status` or one `chatId`; `limit` 1–200 (default 50). Page with `cursor` = the previous answer’s `next`.',
  },
  'post /api/v1/webhook/deliveries/{id}/redeliver': {
    operationId: 'redeliverWebhookDelivery',
    description: 'Sends the delivery again with the same body and event id and a fresh attempt count (202). Receivers deduplicate on the event id.',
  },
  'put /api/platform/v1/organizations/{externalAccountId}': {
    operationId: 'enrollOrganization',
    requestExample: { name: 'Acme Support', timezone: 'Europe/Berlin', owner: { email: 'owner@acme.example', name: 'Olivia Owner', passwordHash: MEMBER_INPUT.passwordHash }, members: [MEMBER_INPUT], webhookUrl: 'https://bot.example.com/phoenix/webhook' },
  },
  'get /api/platform/v1/organizations/{externalAccountId}': {
    operationId: 'getEnrolledOrganization',
    description: 'The organization enrolled under this account id: name, whether it is disabled, and its members. 404 for an id never enrolled.',
  },
  'put /api/platform/v1/organizations/{externalAccountId}/members': {
    operationId: 'upsertOrganizationMembers',
    description: 'Members are matched by e-mail: new ones are created with their password hash, existing ones get the name, role and teams given. A password is never changed by this call.',
    requestExample: { members: [MEMBER_INPUT] },
  },
  'post /api/platform/v1/organizations/{externalAccountId}/disable': {
    operationId: 'disableOrganization',
    description: 'The organization’s API keys, sign-ins and widget stop working at once; its data stays. Enable it again with /enable.',
  },
  'post /api/platform/v1/organizations/{externalAccountId}/enable': { operationId: 'enableOrganization', description: 'Lifts a disable: keys, sign-ins and the widget work again.' },
};

/** Bot-facing: the bot platform's API; the console's and the widget's routes are documented lighter. */
export const isBotFacing = (path: string): boolean => path.startsWith('/api/v1/') || path === '/api/v1' || path.startsWith('/api/platform/v1/');
