// The bot platform integration as admins manage it in the console (`/api/integrations/*`), and
// the webhooks Phoenix Chat sends to the bot platform. Routes: shared/api/routes.md.
import type { DeliveriesWireQuery } from '../contract/integrations';

/** Limits of organization API keys (per organization, and requests per minute per key). */
export const API_KEY_LIMITS = { perOrg: 50, defaultRatePerMinute: 600, maxRatePerMinute: 6000 } as const;

// The console's shapes are the schemas' static types (shared/contract/integrations.ts).
export type { ApiKeyDto, CreatedApiKeyDto, CreateApiKeyInput, WebhookConfigDto, WebhookPatch, WebhookDeliveryDto } from '../contract/integrations';

/**
 * Events a webhook can subscribe to. There is no `chat.reopened`: an ended chat stays ended, and a
 * contact who writes again (or a new handoff) opens a new chat, announced as `chat.created`.
 */
export const WEBHOOK_SUBSCRIBABLE_EVENTS = ['chat.created', 'chat.assigned', 'chat.transferred', 'message.created', 'chat.ended', 'contact.updated'] as const;
export type WebhookSubscribableEvent = (typeof WEBHOOK_SUBSCRIBABLE_EVENTS)[number];

/** Events of the bot platform's webhook, plus the test event (always sent, never subscribed to). */
export const WEBHOOK_EVENT_TYPES = [...WEBHOOK_SUBSCRIBABLE_EVENTS, 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** After a rotation the previous secret keeps signing (second signature header) this long. */
export const WEBHOOK_SECRET_OVERLAP_HOURS = 24;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The client's view of the deliveries query (the wire form is DeliveriesWireQuery: `limit` as digits). */
export type DeliveriesQuery = Omit<DeliveriesWireQuery, 'cursor' | 'limit'> & {
  cursor?: string | null;
  /** 1–200, default 50. */
  limit?: number;
};

// ---- Webhook payloads (the JSON body POSTed to the webhook URL) -------------------------------
// The schemas (and the OpenAPI `webhooks` section built from them) are in shared/contract/integrations.ts.
export type {
  WebhookEnvelope,
  WebhookChat,
  WebhookContact,
  ChatCreatedEvent,
  ChatAssignedEvent,
  ChatTransferredEvent,
  MessageCreatedEvent,
  ChatEndedEvent,
  ContactUpdatedEvent,
  WebhookTestEvent,
  WebhookEventPayload,
  ContactChange,
} from '../contract/integrations';
