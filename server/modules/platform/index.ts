// The bot platform's enrollment API (/api/platform/v1), authenticated by PLATFORM_API_KEY. It is
// cross-organization by nature, so it only ever names an organization by the platform's own
// account id, and it only reaches organizations enrolled under that id (never sign-ups).
import { Elysia } from 'elysia';
import { errorBody } from '../../../shared/contract/common';
import {
  platformEnrollBody,
  platformEnrollResponse,
  platformMembersBody,
  platformMembersResponse,
  platformOrgParams,
  platformOrgSchema,
} from '../../../shared/contract/platform';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import { checkPlatformCredential } from '../../services/platform-credential';
import { enrollOrganization, platformOrganization, setOrganizationDisabled, upsertPlatformMembers, type WebhookPort } from '../../services/platform-enrollment';
import { checkWebhookTarget } from '../../webhooks/address-guard';
import { changeWebhook } from '../../webhooks/admin';

const tags = ['platform · enrollment'];
const security = [{ platformKey: [] as string[] }];
const errors = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 429: errorBody, 500: errorBody } as const;

const invalidJson = new WeakSet<Request>();

/**
 * The credential is checked before the body is looked at: the body is parsed here, and a parse
 * failure only reported after the check, so without PLATFORM_API_KEY every route is a 404 and
 * with a wrong one a 401, whatever was sent.
 */
function platformAuth(ctx: AppContext) {
  return new Elysia()
    .onParse({ as: 'scoped' }, async ({ request }) => {
      const text = await request.text();
      if (text.trim() === '') return {};
      try {
        return JSON.parse(text) as unknown;
      } catch {
        invalidJson.add(request);
        return {};
      }
    })
    .derive({ as: 'scoped' }, ({ request, headers }) => {
      checkPlatformCredential(ctx, headers.authorization, clientIp(ctx, request));
      if (invalidJson.has(request)) throw new AppError('BAD_REQUEST', 'The request body must be JSON', 'body');
      return {};
    });
}

/** The webhook as server/webhooks keeps it (the same checks as the console's Integrations page). */
function webhookPort(ctx: AppContext): WebhookPort {
  return {
    async check(url) {
      const check = await checkWebhookTarget(url, { allowPrivate: ctx.config.webhookAllowPrivate });
      return check.ok ? { ok: true, url: check.url.toString() } : { ok: false, reason: check.reason };
    },
    async change(org, patch) {
      const config = await changeWebhook(ctx, org, patch);
      return { url: config.url, hasSecret: config.hasSecret, ...(config.secret ? { secret: config.secret } : {}) };
    },
  };
}

export function platformModule(ctx: AppContext) {
  const webhooks = webhookPort(ctx);
  return new Elysia({ prefix: '/api/platform/v1/organizations' })
    .use(platformAuth(ctx))
    .put(
      '/:externalAccountId',
      async ({ params, body, set }) => {
        const { result, created } = await enrollOrganization(ctx, webhooks, params.externalAccountId, body);
        set.status = created ? 201 : 200;
        return result;
      },
      {
        parse: 'json',
        params: platformOrgParams,
        body: platformEnrollBody,
        response: { 200: platformEnrollResponse, 201: platformEnrollResponse, ...errors },
        detail: {
          summary: 'Enroll (or update) an organization with its owner, members, API key and webhook',
          description:
            'Idempotent on the external account id: the same body again changes nothing (200, no new key). Members are matched by e-mail; their password hashes (bcrypt or argon2) are imported once and never changed by later calls. The API key is in the answer only when it is new (first enrollment, or `rotateApiKey`).',
          tags,
          security,
        },
      },
    )
    .get('/:externalAccountId', ({ params }) => platformOrganization(ctx, params.externalAccountId), {
      params: platformOrgParams,
      response: { 200: platformOrgSchema, ...errors },
      detail: { summary: 'An enrolled organization', tags, security },
    })
    .put(
      '/:externalAccountId/members',
      async ({ params, body }) => ({ members: await upsertPlatformMembers(ctx, params.externalAccountId, body.members) }),
      {
        parse: 'json',
        params: platformOrgParams,
        body: platformMembersBody,
        response: { 200: platformMembersResponse, ...errors },
        detail: {
          summary: 'Add or update members (idempotent on e-mail; an existing member’s password is never changed)',
          tags,
          security,
        },
      },
    )
    .post('/:externalAccountId/disable', ({ params }) => setOrganizationDisabled(ctx, params.externalAccountId, true), {
      params: platformOrgParams,
      response: { 200: platformOrgSchema, ...errors },
      detail: { summary: 'Disable: API keys, sign-ins and the widget stop; nothing is deleted', tags, security },
    })
    .post('/:externalAccountId/enable', ({ params }) => setOrganizationDisabled(ctx, params.externalAccountId, false), {
      params: platformOrgParams,
      response: { 200: platformOrgSchema, ...errors },
      detail: { summary: 'Enable a disabled organization again', tags, security },
    });
}
