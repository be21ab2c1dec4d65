import { t, consoleErrors, digits, errorBody, id, integer, isoDate, listOf, noContent, nonBlankName, nullable, oneOf, pageOf, strict, type Static } from './common';
import { API_KEY_LIMITS, DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../types/integrations';

/**
 * What an API key may reach under /api/v1. `members` covers teams (read), members and
 * invitations; `chats` covers the chats' attachments (/api/v1/files) too.
 */
export const API_KEY_SCOPES = ['chats', 'contacts', 'members', 'login-links'] as const;
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
    events: t.Array(oneOf(WEBHOOK_EVENT_TYPES)),
    secret: t.Optional(t.String({ description: 'Only in the answer that generated it' })),
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
} as const;

export type ApiKeyDto = Static<typeof apiKeySchema>;
export type CreatedApiKeyDto = Static<typeof createdApiKeySchema>;
export type CreateApiKeyInput = Static<typeof createKeyBody>;
export type WebhookConfigDto = Static<typeof webhookConfigSchema>;
export type WebhookPatch = Static<typeof webhookPatchBody>;
export type WebhookDeliveryDto = Static<typeof webhookDeliverySchema>;
export type DeliveriesWireQuery = Static<typeof deliveriesQuery>;
