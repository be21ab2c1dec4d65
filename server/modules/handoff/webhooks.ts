// The organization's webhook, managed by the bot platform with its API key (scope `webhooks`):
// the same functions as the console's Manage → Integrations (server/webhooks/admin.ts), with the
// key's creator as the admin. A key whose creator can no longer manage the organization is
// refused (403), like the other member-level v1 actions.
import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { badRequest } from '../../errors';
import { keyCreator } from '../../services/api-keys';
import { getWebhook, listDeliveries, redeliverAsAdmin, sendTestEvent, updateWebhook } from '../../webhooks/admin';
import { deliveriesQuery, deliveryParams, v1WebhookPatchBody, v1WebhookResponses as r } from '../../../shared/contract/integrations';
import { apiKeyAuth } from './api-auth';
import { V1_TAGS, v1Security } from './docs';

const tags = [V1_TAGS.webhooks];
const detail = (summary: string, description?: string) => ({ summary, tags, security: v1Security, ...(description ? { description } : {}) });

export function v1WebhookRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1/webhook' })
    .use(apiKeyAuth(ctx))
    .get('', async ({ api }) => getWebhook(ctx, await keyCreator(ctx, api)), {
      response: r.webhook,
      detail: detail('The webhook: URL, subscribed events, whether a secret is set, until when the previous secret still signs'),
    })
    .patch('', async ({ api, body }) => updateWebhook(ctx, await keyCreator(ctx, api), body), {
      parse: 'json',
      body: v1WebhookPatchBody,
      response: r.webhook,
      detail: detail(
        'Set the webhook URL (public addresses only; null or "" turns webhooks off) or the events sent',
        'Setting the first URL generates a signing secret, returned once in `secret`.',
      ),
    })
    .post('/rotate-secret', async ({ api }) => updateWebhook(ctx, await keyCreator(ctx, api), { rotateSecret: true }), {
      response: r.rotated,
      detail: detail(
        'Rotate the signing secret; the answer is the only time it is shown',
        'For 24 hours the previous secret keeps signing every delivery too, in X-Phoenix-Signature-Previous: switch the receiver to the new secret within that time.',
      ),
    })
    .post(
      '/test',
      async ({ api, set }) => {
        const delivery = await sendTestEvent(ctx, await keyCreator(ctx, api));
        set.status = 202;
        return delivery;
      },
      { response: r.test, detail: detail('Send a webhook.test event now (logged like any delivery)') },
    )
    .get(
      '/deliveries',
      async ({ api, query }) => {
        const limit = query.limit === undefined ? undefined : Number(query.limit);
        if (limit !== undefined && (limit < 1 || limit > 200)) throw badRequest('Must be a whole number from 1 to 200', 'query.limit');
        return listDeliveries(ctx, await keyCreator(ctx, api), { ...query, limit });
      },
      { query: deliveriesQuery, response: r.deliveries, detail: detail('The delivery log, newest first, paged by `next`: status, attempts, last error, response code') },
    )
    .post(
      '/deliveries/:id/redeliver',
      async ({ api, params, set }) => {
        const delivery = await redeliverAsAdmin(ctx, await keyCreator(ctx, api), params.id);
        set.status = 202;
        return delivery;
      },
      { params: deliveryParams, response: r.redelivered, detail: detail('Send one delivery again now: the same body and event id, fresh attempts') },
    );
}
