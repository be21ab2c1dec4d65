import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { badRequest } from '../../errors';
import { authPlugin, requireAgent } from '../../http/auth';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys';
import { getWebhook, listDeliveries, sendTestEvent, updateWebhook } from '../../webhooks/admin';
import { startWebhooks } from '../../webhooks/dispatch';
import { createKeyBody, deliveriesQuery, integrationResponses as r, keyParams, webhookPatchBody } from './model';

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
    .get('/webhook', ({ auth }) => getWebhook(requireAgent(auth)), {
      response: r.webhook,
      detail: { summary: 'The webhook URL and whether a signing secret is set', tags },
    })
    .patch('/webhook', ({ auth, body }) => updateWebhook(ctx, requireAgent(auth), body), {
      body: webhookPatchBody,
      response: r.webhook,
      detail: { summary: 'Set the webhook URL (public addresses only) or rotate its signing secret', tags },
    })
    .post(
      '/webhook/test',
      async ({ auth, set }) => {
        const delivery = await sendTestEvent(ctx, requireAgent(auth));
        set.status = 202;
        return delivery;
      },
      { response: r.test, detail: { summary: 'Send a webhook.test event through the delivery queue', tags } },
    )
    .get(
      '/webhook/deliveries',
      ({ auth, query }) => {
        const limit = query.limit === undefined ? undefined : Number(query.limit);
        if (limit !== undefined && (limit < 1 || limit > 200)) throw badRequest('Must be a whole number from 1 to 200', 'query.limit');
        return listDeliveries(ctx, requireAgent(auth), { ...query, limit });
      },
      { query: deliveriesQuery, response: r.deliveries, detail: { summary: 'The delivery log: status, attempts, last error, response code', tags } },
    );
}
