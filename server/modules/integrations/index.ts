import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { badRequest } from '../../errors';
import { authPlugin, requireAgent } from '../../http/auth';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys';
import { getWebhook, listDeliveries, redeliverAsAdmin, sendTestEvent, updateWebhook } from '../../webhooks/admin';
import { startWebhooks } from '../../webhooks/dispatch';
import { createKeyBody, deliveriesQuery, deliveryParams, integrationResponses as r, keyParams, webhookPatchBody } from './model';

const tags = ['integrations'];

/** Admin console routes for the bot platform integration: API keys and the outbound webhook. */
export function integrationsModule(ctx: AppContext) {
  // Deliveries run wherever the app runs: the job is defined (and the bus watched) here.
  startWebhooks(ctx);
  return new Elysia({ prefix: '/api/integrations' })
    .use(authPlugin(ctx))
    .get('/api-keys', async ({ auth }) => ({ items: await listApiKeys(ctx, requireAgent(auth)) }), {
      response: r.keys,
      detail: { summary: 'API keys (prefix, name, last used; never the key)', tags },
    })
    .post(
      '/api-keys',
      async ({ auth, body, set }) => {
        const created = await createApiKey(ctx, requireAgent(auth), body);
        set.status = 201;
        return created;
      },
      { body: createKeyBody, response: r.created, detail: { summary: 'Create an API key; the answer is the only time the key is shown', tags } },
    )
    .delete(
      '/api-keys/:id',
      async ({ auth, params, set }) => {
        await revokeApiKey(ctx, requireAgent(auth), params.id);
        set.status = 204;
      },
      { params: keyParams, response: r.revoked, detail: { summary: 'Revoke an API key (immediately refused)', tags } },
    )
    .get('/webhook', ({ auth }) => getWebhook(ctx, requireAgent(auth)), {
      response: r.webhook,
      detail: { summary: 'The webhook URL and whether a signing secret is set', tags },
    })
    .patch('/webhook', ({ auth, body }) => updateWebhook(ctx, requireAgent(auth), body), {
      body: webhookPatchBody,
      response: r.webhook,
      detail: { summary: 'Set the webhook URL (public addresses only) or its events, or rotate its signing secret (the old one signs too for 24 h)', tags },
    })
    .post(
      '/webhook/test',
      async ({ auth, set }) => {
        const delivery = await sendTestEvent(ctx, requireAgent(auth));
        set.status = 202;
        return delivery;
      },
      { response: r.test, detail: { summary: 'Send a webhook.test event (sent at once, logged like any delivery)', tags } },
    )
    .get(
      '/webhook/deliveries',
      ({ auth, query }) => {
        const limit = query.limit === undefined ? undefined : Number(query.limit);
        if (limit !== undefined && (limit < 1 || limit > 200)) throw badRequest('Must be a whole number from 1 to 200', 'query.limit');
        return listDeliveries(ctx, requireAgent(auth), { ...query, limit });
      },
      { query: deliveriesQuery, response: r.deliveries, detail: { summary: 'The delivery log: status, attempts, last error, response code', tags } },
    )
    .post(
      '/webhook/deliveries/:id/redeliver',
      async ({ auth, params, set }) => {
        const delivery = await redeliverAsAdmin(ctx, requireAgent(auth), params.id);
        set.status = 202;
        return delivery;
      },
      { params: deliveryParams, response: r.redelivered, detail: { summary: 'Send one delivery again now (same body and event id)', tags } },
    );
}
