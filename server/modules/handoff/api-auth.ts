// Authentication of /api/v1 requests by organization API key, with optional HMAC signatures.
//
// The signature covers the exact bytes received, so the body is read as text here (a parse
// hook, before Elysia's own JSON parsing) and kept beside the request; routes still declare
// `parse: 'json'` so the OpenAPI document lists the body as application/json. The key is
// checked in `derive`, which runs after parsing but before validation: a caller without a
// valid key learns nothing about its input (401 before any 400).
import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import { authenticateApiRequest } from '../../services/api-keys';
import { SIGNATURE_HEADERS } from '../../services/signature';

/** JSON bodies of the bot API are small; uploads go elsewhere. */
export const V1_MAX_BODY_BYTES = 1_048_576;

interface RawBody {
  /** null: larger than V1_MAX_BODY_BYTES, not read. */
  text: string | null;
  invalidJson: boolean;
}

const rawBodies = new WeakMap<Request, RawBody>();

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `Bodies of the API are limited to ${V1_MAX_BODY_BYTES} bytes`, 'body');

export function apiKeyAuth(ctx: AppContext) {
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
    .derive({ as: 'scoped' }, async ({ request, headers }) => {
      const body = rawBodies.get(request);
      const api = await authenticateApiRequest(ctx, {
        authorization: headers.authorization,
        timestamp: headers[SIGNATURE_HEADERS.timestamp],
        signature: headers[SIGNATURE_HEADERS.signature],
        rawBody: body === undefined ? '' : body.text,
        ip: clientIp(ctx, request),
      });
      if (body?.text === null) throw tooLarge();
      if (body?.invalidJson) throw new AppError('BAD_REQUEST', 'The request body must be JSON', 'body');
      return { api };
    });
}
