import { t } from 'elysia';
import { API_KEY_LIMITS, DELIVERY_STATUSES } from '../../../shared/types/integrations';
import { integer, oneOf } from '../profile/model';

const strict = { additionalProperties: false } as const;

export const createKeyBody = t.Object(
  {
    name: t.String({ minLength: 1, maxLength: 80 }),
    signatureRequired: t.Optional(t.Boolean({ description: 'Refuse requests without a valid X-Phoenix-Signature' })),
    rateLimitPerMinute: t.Optional(integer(1, API_KEY_LIMITS.maxRatePerMinute)),
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
    limit: t.Optional(t.String({ pattern: '^[0-9]{1,3}$', description: '1–200, default 50' })),
  },
  strict,
);
