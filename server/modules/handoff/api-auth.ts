// Authentication of /api/v1 requests by organization API key, with optional HMAC signatures.
//
// The signature covers the exact bytes received, so the body is read as text here (a parse
// hook, before Elysia's own JSON parsing) and kept beside the request; routes still declare
// `parse: 'json'` so the OpenAPI document lists the body as application/json. The key is
// checked in `derive`, which runs after parsing but before validation: a caller without a
// valid key learns nothing about its input (401 before any 400), nor does a key without the
// route's scope (403 SCOPE_MISSING before any 400).
//
// Every answer to a recognised key carries X-RateLimit-Limit/-Remaining/-Reset (429s too).
// POSTs with an Idempotency-Key are claimed once the input is valid (beforeHandle); mapResponse,
// which runs for answers and errors alike before anything is sent, keeps a successful answer or
// frees the key of a failed one, so a retry right after an error finds the key free.
import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import { authenticateApiRequest, requireScope, type RateLimitState } from '../../services/api-keys';
import { idempotencyHooks, pathWithQuery } from './idempotent-posts';
import { SIGNATURE_HEADERS } from '../../services/signature';

/** JSON bodies of the bot API are small; uploads go elsewhere. */
export const V1_MAX_BODY_BYTES = 1_048_576;

interface RawBody {
  /** null: larger than V1_MAX_BODY_BYTES, not read. */
  text: string | null;
  invalidJson: boolean;
}

const rawBodies = new WeakMap<Request, RawBody>();

export const RATE_LIMIT_HEADERS = { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' } as const;

/**
 * Puts a key's budget on the answer (X-RateLimit-*): pass as `onRateLimit` of
 * authenticateApiRequest from any /api/v1 auth hook (uploads have their own parse hook).
 */
export const reportRateLimit =
  (set: { headers: Record<string, unknown> }) =>
  (rate: RateLimitState): void => {
    set.headers[RATE_LIMIT_HEADERS.limit] = String(rate.limit);
    set.headers[RATE_LIMIT_HEADERS.remaining] = String(rate.remaining);
    set.headers[RATE_LIMIT_HEADERS.reset] = String(rate.resetAt);
  };

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `Bodies of the API are limited to ${V1_MAX_BODY_BYTES} bytes`, 'body');

export function apiKeyAuth(ctx: AppContext) {
  const idempotency = idempotencyHooks(ctx, (request) => rawBodies.get(request)?.text ?? '');
  return new Elysia()
    .onParse({ as: 'scoped' }, async ({ request }) => {
      // Errors thrown here would reach the error handler as generic parse errors, and before
      // authentication; problems are noted and reported by `derive` instead.
      if (Number(request.headers.get('content-length') ?? 0) > V1_MAX_BODY_BYTES) {
        rawBodies.set(request, { text: null, invalidJson: false });
        return {};
      }
      const text = await request.text();
      if (Buffer.byteLength(text) > V1_MAX_BODY_BYTES) {
        rawBodies.set(request, { text: null, invalidJson: false });
        return {};
      }
      let parsed: unknown = {};
      let invalidJson = false;
      if (text.trim() !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          invalidJson = true;
        }
      }
      rawBodies.set(request, { text, invalidJson });
      return parsed;
    })
    .derive({ as: 'scoped' }, async ({ request, headers, set }) => {
      const body = rawBodies.get(request);
      const api = await authenticateApiRequest(ctx, {
        method: request.method,
        pathWithQuery: pathWithQuery(request),
        authorization: headers.authorization,
        timestamp: headers[SIGNATURE_HEADERS.timestamp],
        signature: headers[SIGNATURE_HEADERS.signature],
        rawBody: body === undefined ? '' : body.text,
        ip: clientIp(ctx, request),
        onRateLimit: reportRateLimit(set),
      });
      requireScope(api, new URL(request.url).pathname);
      if (body?.text === null) throw tooLarge();
      if (body?.invalidJson) throw new AppError('BAD_REQUEST', 'The request body must be JSON', 'body');
      return { api };
    })
    // Async and destructured on purpose: Elysia reads a hook's source to learn whether to await it
    // and which parts of the context to prepare.
    .onBeforeHandle({ as: 'scoped' }, async ({ request, headers, set, api }) => await idempotency.claim({ request, headers, set, api }))
    .mapResponse({ as: 'scoped' }, async ({ request, set, responseValue }) => {
      await idempotency.keep({ request, set, responseValue });
    })
    .onAfterResponse({ as: 'scoped' }, async ({ request }) => {
      await idempotency.release({ request });
    });
}
