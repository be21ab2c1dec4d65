// The bot platform integration as admins manage it in the console (`/api/integrations/*`), and
// the webhooks Phoenix Chat sends to the bot platform. Routes: shared/api/routes.md.
import type { ChatStatus } from './enums';
import type { Id, IsoDate, MessageDto } from './dto';
import type { DeliveriesWireQuery } from '../contract/integrations';

/** Limits of organization API keys (per organization, and requests per minute per key). */
export const API_KEY_LIMITS = { perOrg: 50, defaultRatePerMinute: 600, maxRatePerMinute: 6000 } as const;

// The console's shapes are the schemas' static types (shared/contract/integrations.ts).
export type { ApiKeyDto, CreatedApiKeyDto, CreateApiKeyInput, WebhookConfigDto, WebhookPatch, WebhookDeliveryDto } from '../contract/integrations';

/** Events of the bot platform's webhook, plus the test event the console can send. */
export const WEBHOOK_EVENT_TYPES = ['chat.assigned', 'message.created', 'chat.ended', 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The client's view of the deliveries query (the wire form is DeliveriesWireQuery: `limit` as digits). */
export type DeliveriesQuery = Omit<DeliveriesWireQuery, 'cursor' | 'limit'> & {
  cursor?: string | null;
  /** 1–200, default 50. */
  limit?: number;
};

// ---- Webhook payloads (the JSON body POSTed to the webhook URL) -------------------------------

/** The envelope of every webhook body; `id` equals the `X-Phoenix-Event-Id` header. */
export interface WebhookEnvelope<T extends WebhookEventType = WebhookEventType, D = Record<string, unknown>> {
  id: string;
  type: T;
  createdAt: IsoDate;
  organizationId: Id;
  data: D;
}

export interface WebhookChat {
  id: Id;
  /** The bot platform's id for the handoff that opened the chat. */
  handoffId: string | null;
  status: ChatStatus;
  teamId: Id;
  assigneeId: Id | null;
  assigneeName: string | null;
  lastSeq: number;
  endedAt: IsoDate | null;
  /** The chat in the console (`PUBLIC_URL/chats/<id>`). */
  url: string;
}

export interface WebhookContact {
  id: Id;
  botUserId: string | null;
  channel: string | null;
  name: string | null;
}

export type ChatAssignedEvent = WebhookEnvelope<'chat.assigned', { chat: WebhookChat; contact: WebhookContact; agent: { id: Id | null; name: string | null } }>;
/** An agent's or the system's message for the contact; attachment URLs are absolute, under /api/v1/files. */
export type MessageCreatedEvent = WebhookEnvelope<'message.created', { chat: WebhookChat; contact: WebhookContact; message: MessageDto }>;
/** Hand-back to the bot: the transcript is readable with the same API key. */
export type ChatEndedEvent = WebhookEnvelope<'chat.ended', { chat: WebhookChat; contact: WebhookContact; transcript: { url: string; lastSeq: number } }>;
export type WebhookTestEvent = WebhookEnvelope<'webhook.test', { message: string }>;

export type WebhookEventPayload = ChatAssignedEvent | MessageCreatedEvent | ChatEndedEvent | WebhookTestEvent;
