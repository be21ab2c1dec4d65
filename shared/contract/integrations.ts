import type { TProperties } from '@sinclair/typebox';
import { t, consoleErrors, digits, errorBody, id, integer, isoDate, listOf, noContent, nonBlankName, nullable, oneOf, pageOf, strict, type Static } from './common';
import { API_KEY_LIMITS, DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, WEBHOOK_SECRET_OVERLAP_HOURS, WEBHOOK_SUBSCRIBABLE_EVENTS } from '../types/integrations';
import { CHAT_STATUSES } from '../types/enums';
import { messageSchema } from './chats';
import { ratingSchema } from './rating';
import { contactSchema } from './contacts';
import { v1Errors } from './handoff';

/**
 * What an API key may reach under /api/v1. `members` covers teams (read), members and
 * invitations; `chats` covers the chats' attachments (/api/v1/files) too.
 */
export const API_KEY_SCOPES = ['chats', 'contacts', 'members', 'login-links', 'webhooks'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeySchema = t.Object(
  {
    id,
    name: t.String(),
    prefix: t.String({ description: 'The key’s first 12 characters (phx_…)' }),
    signatureRequired: t.Boolean(),
    rateLimitPerMinute: t.Number(),
    scopes: t.Array(oneOf(API_KEY_SCOPES), { description: 'What the key may reach under /api/v1' }),
    createdAt: isoDate,
    createdBy: t.Object({ id, name: nullable(t.String()) }),
    lastUsedAt: nullable(isoDate, { description: 'Updated at most once a minute' }),
  },
  { title: 'ApiKey' },
);
export const createdApiKeySchema = t.Composite([apiKeySchema, t.Object({ key: t.String({ description: 'Shown only in this answer' }) })], { title: 'CreatedApiKey' });

export const webhookConfigSchema = t.Object(
  {
    url: nullable(t.String(), { description: 'null: webhooks are off' }),
    hasSecret: t.Boolean(),
    events: t.Array(oneOf(WEBHOOK_SUBSCRIBABLE_EVENTS), { description: 'The event types sent (webhook.test always is)' }),
    availableEvents: t.Array(oneOf(WEBHOOK_SUBSCRIBABLE_EVENTS), { description: 'Every event type one can subscribe to' }),
    secret: t.Optional(t.String({ description: 'Only in the answer that generated it' })),
    previousSecretValidUntil: nullable(isoDate, {
      description: `After a rotation the old secret still signs deliveries (X-Phoenix-Signature-Previous) for ${WEBHOOK_SECRET_OVERLAP_HOURS} h, until then`,
    }),
  },
  { title: 'WebhookConfig' },
);

export const webhookDeliverySchema = t.Object(
  {
    id,
    eventId: t.String(),
    type: oneOf(WEBHOOK_EVENT_TYPES),
    chatId: nullable(id),
    status: oneOf(DELIVERY_STATUSES),
    attempts: t.Number(),
    lastError: nullable(t.String()),
    responseCode: nullable(t.Number()),
    url: nullable(t.String()),
    createdAt: isoDate,
    lastAttemptAt: nullable(isoDate),
    nextAttemptAt: nullable(isoDate),
    deliveredAt: nullable(isoDate),
    payload: t.Unknown({ description: 'The JSON body sent' }),
  },
  { title: 'WebhookDelivery' },
);

export const createKeyBody = t.Object(
  {
    name: nonBlankName(80),
    signatureRequired: t.Optional(t.Boolean({ description: 'Refuse requests without a valid X-Phoenix-Signature' })),
    rateLimitPerMinute: t.Optional(integer(1, API_KEY_LIMITS.maxRatePerMinute)),
    scopes: t.Optional(
      t.Array(oneOf(API_KEY_SCOPES), { minItems: 1, maxItems: 10, description: 'Default: all of them; at least one' }),
    ),
  },
  strict,
);
export const keyParams = t.Object({ id: t.String({ maxLength: 64 }) }, strict);
export const webhookPatchBody = t.Object(
  {
    url: t.Optional(t.Union([t.String({ maxLength: 2000 }), t.Null()], { description: 'null or "" turns webhooks off' })),
    rotateSecret: t.Optional(t.Boolean({ description: 'Generate a new signing secret (shown once, in this answer)' })),
    events: t.Optional(
      t.Array(oneOf(WEBHOOK_SUBSCRIBABLE_EVENTS), { maxItems: WEBHOOK_SUBSCRIBABLE_EVENTS.length, description: 'The event types to send; [] sends none (only test events)' }),
    ),
  },
  strict,
);
export const deliveryParams = t.Object({ id: t.String({ maxLength: 64 }) }, strict);
/** PATCH /api/v1/webhook: the URL and the events; the secret is rotated by its own route. */
export const v1WebhookPatchBody = t.Object(
  {
    url: webhookPatchBody.properties.url,
    events: webhookPatchBody.properties.events,
  },
  strict,
);
export const deliveriesQuery = t.Object(
  {
    status: t.Optional(oneOf(DELIVERY_STATUSES)),
    chatId: t.Optional(t.String({ maxLength: 64 })),
    cursor: t.Optional(t.String({ maxLength: 200 })),
    limit: t.Optional(digits(3, '1–200, default 50')),
  },
  strict,
);

export const integrationResponses = {
  keys: { 200: listOf(apiKeySchema), ...consoleErrors },
  created: { 201: createdApiKeySchema, ...consoleErrors, 409: errorBody },
  revoked: { 204: noContent, ...consoleErrors },
  webhook: { 200: webhookConfigSchema, ...consoleErrors },
  test: { 202: webhookDeliverySchema, ...consoleErrors, 409: errorBody },
  deliveries: { 200: pageOf(webhookDeliverySchema), ...consoleErrors },
  redelivered: { 202: webhookDeliverySchema, ...consoleErrors, 409: errorBody },
} as const;

/** The same answers under /api/v1/webhook (API key errors instead of the console's). */
export const v1WebhookResponses = {
  webhook: { 200: webhookConfigSchema, ...v1Errors },
  rotated: { 200: webhookConfigSchema, ...v1Errors },
  test: { 202: webhookDeliverySchema, ...v1Errors },
  deliveries: { 200: pageOf(webhookDeliverySchema), ...v1Errors },
  redelivered: { 202: webhookDeliverySchema, ...v1Errors },
} as const;

// ---- Webhook payloads: the JSON bodies POSTed to the webhook URL -----------------------------
// These schemas are the OpenAPI document's `webhooks` section (server/modules/docs/document.ts).

export const webhookChatSchema = t.Object(
  {
    id,
    handoffId: nullable(t.String(), { description: 'The bot platform’s id for the handoff that opened the chat' }),
    status: oneOf(CHAT_STATUSES),
    teamId: id,
    assigneeId: nullable(id),
    assigneeName: nullable(t.String()),
    lastSeq: t.Number(),
    endedAt: nullable(isoDate),
    url: t.String({ description: 'The chat in the agent console' }),
    rating: t.Optional(
      nullable(ratingSchema, {
        description:
          'The contact’s rating (1–5), present once rated. Ratings come after the end: there is no separate event for them; a rating moves the chat’s updatedAt, so GET /api/v1/chats?updatedSince… picks it up, and a chat.ended sent (or redelivered) after it carries it',
      }),
    ),
  },
  { title: 'WebhookChat' },
);
export const webhookContactSchema = t.Object(
  { id, botUserId: nullable(t.String()), channel: nullable(t.String()), name: nullable(t.String()) },
  { title: 'WebhookContact' },
);

const envelope = <T extends (typeof WEBHOOK_EVENT_TYPES)[number], D extends TProperties>(type: T, data: D, title: string, description: string) =>
  t.Object(
    {
      id: t.String({ description: 'The event id, the same as X-Phoenix-Event-Id and on every retry: deduplicate on it' }),
      type: t.Literal(type),
      createdAt: isoDate,
      organizationId: id,
      data: t.Object(data),
    },
    { title, description },
  );
const chatAndContact = { chat: webhookChatSchema, contact: webhookContactSchema };
const side = (what: string) => t.Object({ teamId: id, agentId: nullable(id, { description: `null: ${what} the team’s queue` }) });

export const chatCreatedEventSchema = envelope('chat.created', chatAndContact, 'ChatCreatedEvent', 'A chat was opened for a contact (a handoff)');
export const chatAssignedEventSchema = envelope(
  'chat.assigned',
  { ...chatAndContact, agent: t.Object({ id: nullable(id), name: nullable(t.String()) }) },
  'ChatAssignedEvent',
  'A chat was assigned to an agent (first assignment, claim, or reassignment)',
);
export const chatTransferredEventSchema = envelope(
  'chat.transferred',
  { ...chatAndContact, from: side('it was in'), to: t.Composite([side('it is back in'), t.Object({ agentName: nullable(t.String()) })]), byUserId: nullable(id, { description: 'The member who moved it; null: automation' }) },
  'ChatTransferredEvent',
  'A chat moved to another team or agent, or back to the queue (not its first assignment from the queue, which is chat.assigned alone)',
);
export const messageCreatedEventSchema = envelope(
  'message.created',
  { ...chatAndContact, message: messageSchema },
  'MessageCreatedEvent',
  'An agent (or the system) wrote to the contact: deliver it on the contact’s channel. Attachment URLs are absolute, under /api/v1/files',
);
export const chatEndedEventSchema = envelope(
  'chat.ended',
  { ...chatAndContact, transcript: t.Object({ url: t.String({ description: 'GET with the API key: the whole conversation' }), lastSeq: t.Number() }) },
  'ChatEndedEvent',
  'The chat ended: hand the contact back to the bot',
);
export const CONTACT_CHANGES = ['fields', 'status', 'tags', 'customFields'] as const;
export const contactUpdatedEventSchema = envelope(
  'contact.updated',
  { contact: contactSchema, changed: t.Array(oneOf(CONTACT_CHANGES), { description: 'fields: name, username, e-mail or phone' }) },
  'ContactUpdatedEvent',
  'A bot platform contact was edited (by an agent or through the API): its fields, status, tags or custom fields. The contact as it is after the change',
);
export const webhookTestEventSchema = envelope('webhook.test', { message: t.String() }, 'WebhookTestEvent', 'Sent from Manage → Integrations or POST /api/v1/webhook/test');

/** Each event type's body, for the OpenAPI document. */
export const webhookPayloadSchemas = {
  'chat.created': chatCreatedEventSchema,
  'chat.assigned': chatAssignedEventSchema,
  'chat.transferred': chatTransferredEventSchema,
  'message.created': messageCreatedEventSchema,
  'chat.ended': chatEndedEventSchema,
  'contact.updated': contactUpdatedEventSchema,
  'webhook.test': webhookTestEventSchema,
} as const;

export type WebhookChat = Static<typeof webhookChatSchema>;
export type WebhookContact = Static<typeof webhookContactSchema>;
export type ContactChange = (typeof CONTACT_CHANGES)[number];
export type ChatCreatedEvent = Static<typeof chatCreatedEventSchema>;
export type ChatAssignedEvent = Static<typeof chatAssignedEventSchema>;
export type ChatTransferredEvent = Static<typeof chatTransferredEventSchema>;
export type MessageCreatedEvent = Static<typeof messageCreatedEventSchema>;
export type ChatEndedEvent = Static<typeof chatEndedEventSchema>;
export type ContactUpdatedEvent = Static<typeof contactUpdatedEventSchema>;
export type WebhookTestEvent = Static<typeof webhookTestEventSchema>;
export type WebhookEventPayload = ChatCreatedEvent | ChatAssignedEvent | ChatTransferredEvent | MessageCreatedEvent | ChatEndedEvent | ContactUpdatedEvent | WebhookTestEvent;
/** The envelope of every webhook body; `id` equals the `X-Phoenix-Event-Id` header. */
export interface WebhookEnvelope<T extends (typeof WEBHOOK_EVENT_TYPES)[number] = (typeof WEBHOOK_EVENT_TYPES)[number], D = Record<string, unknown>> {
  id: string;
  type: T;
  createdAt: string;
  organizationId: string;
  data: D;
}

export type ApiKeyDto = Static<typeof apiKeySchema>;
export type CreatedApiKeyDto = Static<typeof createdApiKeySchema>;
export type CreateApiKeyInput = Static<typeof createKeyBody>;
export type WebhookConfigDto = Static<typeof webhookConfigSchema>;
export type WebhookPatch = Static<typeof webhookPatchBody>;
export type WebhookDeliveryDto = Static<typeof webhookDeliverySchema>;
export type DeliveriesWireQuery = Static<typeof deliveriesQuery>;
