// The bot platform integration as admins manage it in the console (`/api/integrations/*`), and
// the webhooks Phoenix Chat sends to the bot platform. Routes: shared/api/routes.md.
import type { ChatStatus } from './enums';
import type { Id, IsoDate, MessageDto } from './dto';

/** Limits of organization API keys (per organization, and requests per minute per key). */
export const API_KEY_LIMITS = { perOrg: 50, defaultRatePerMinute: 600, maxRatePerMinute: 6000 } as const;

/** An API key as listed: never the key itself, only its first characters (`prefix`). */
export interface ApiKeyDto {
  id: Id;
  name: string;
  /** The key's first 12 characters (`phx_…`), to recognise it. */
  prefix: string;
  /** Requests without a valid X-Phoenix-Signature are refused. */
  signatureRequired: boolean;
  rateLimitPerMinute: number;
  createdAt: IsoDate;
  createdBy: { id: Id; name: string | null };
  /** Updated at most once a minute. */
  lastUsedAt: IsoDate | null;
}

/** The answer to creating a key: the only time `key` is ever shown. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

export interface CreateApiKeyInput {
  name: string;
  signatureRequired?: boolean;
  /** 1 to API_KEY_LIMITS.maxRatePerMinute; default API_KEY_LIMITS.defaultRatePerMinute. */
  rateLimitPerMinute?: number;
}

/** Events of the bot platform's webhook, plus the test event the console can send. */
export const WEBHOOK_EVENT_TYPES = ['chat.assigned', 'message.created', 'chat.ended', 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookConfigDto {
  /** null: webhooks are off. */
  url: string | null;
  hasSecret: boolean;
  /** The events sent to the URL (`webhook.test` only on request). */
  events: WebhookEventType[];
  /** Only in the answer that generated it: store it now, it is not shown again. */
  secret?: string;
}

export interface WebhookPatch {
  /** null or "" turns webhooks off; private and loopback addresses are refused (400, field `url`). */
  url?: string | null;
  rotateSecret?: boolean;
}

/** One event and its delivery log entry. */
export interface WebhookDeliveryDto {
  id: Id;
  eventId: string;
  type: WebhookEventType;
  chatId: Id | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** The receiver's HTTP status on the last attempt, when it answered. */
  responseCode: number | null;
  /** The URL of the last attempt. */
  url: string | null;
  createdAt: IsoDate;
  lastAttemptAt: IsoDate | null;
  /** Only while pending. */
  nextAttemptAt: IsoDate | null;
  deliveredAt: IsoDate | null;
  /** The JSON body sent (a `WebhookEventPayload`). */
  payload: unknown;
}

export interface DeliveriesQuery {
  status?: DeliveryStatus;
  chatId?: Id;
  cursor?: string | null;
  /** 1–200, default 50. */
  limit?: number;
}

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
