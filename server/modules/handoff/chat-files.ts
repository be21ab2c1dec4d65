// POST /api/v1/chats/:id/files: the bot relays a file its contact sent (multipart, field `file`).
//
// Multipart bodies are binary, so this route has its own parse step instead of api-auth.ts's
// text one: the bytes are read once, the form is parsed from them, and a signed request signs
// the lower-case hex SHA-256 of the raw body in place of the body itself (the string signed is
// METHOD\nPATH?QUERY\nTIMESTAMP\nSHA256HEX). The key is checked before the form is looked at.
import { createHash } from 'node:crypto';
import { Elysia, t } from 'elysia';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import { authenticateApiRequest, requireScope } from '../../services/api-keys';
import { uploadRelayedFile } from '../../services/handoff-uploads';
import { SIGNATURE_HEADERS } from '../../services/signature';
import { reportRateLimit } from './api-auth';
import { V1_TAGS, v1Security } from './docs';
import { idempotencyHooks, pathWithQuery } from './idempotent-posts';
import { idParams } from './model';
import { commonErrors, errorSchema } from './responses';
import { attachmentSchema } from '../../../shared/contract/chats';

interface RawUpload {
  digest: string;
  /** What a retry is compared by (Idempotency-Key): the file's name and SHA-256, since a client
   * that sends the same file again writes a new multipart boundary. */
  identity: string;
  /** null: not multipart/form-data, or not a form that parses. */
  form: FormData | null;
}

const uploads = new WeakMap<Request, RawUpload>();

function apiKeyUploadAuth(ctx: AppContext) {
  const idempotency = idempotencyHooks(ctx, (request) => uploads.get(request)?.identity ?? '');
  return new Elysia()
    .onParse({ as: 'scoped' }, async ({ request }) => {
      const contentType = request.headers.get('content-type') ?? '';
      const bytes = new Uint8Array(await request.arrayBuffer());
      const digest = createHash('sha256').update(bytes).digest('hex');
      let form: FormData | null = null;
      if (contentType.toLowerCase().startsWith('multipart/form-data')) {
        try {
          form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
        } catch {
          form = null;
        }
      }
      const file = form?.get('file');
      const identity =
        file instanceof File ? `${file.name}\n${createHash('sha256').update(new Uint8Array(await file.arrayBuffer())).digest('hex')}` : digest;
      uploads.set(request, { digest, identity, form });
      // Only the file goes on to validation; any other field is refused there.
      const fields: Record<string, unknown> = {};
      form?.forEach((value, key) => {
        fields[key] = value;
      });
      return { ...fields, ...(file !== undefined && file !== null ? { file } : {}) };
    })
    .derive({ as: 'scoped' }, async ({ request, headers, set }) => {
      const raw = uploads.get(request);
      const url = new URL(request.url);
      const api = await authenticateApiRequest(ctx, {
        method: request.method,
        pathWithQuery: pathWithQuery(request),
        authorization: headers.authorization,
        timestamp: headers[SIGNATURE_HEADERS.timestamp],
        signature: headers[SIGNATURE_HEADERS.signature],
        rawBody: raw?.digest ?? createHash('sha256').update('').digest('hex'),
        ip: clientIp(ctx, request),
        onRateLimit: reportRateLimit(set),
      });
      requireScope(api, url.pathname);
      if (!raw?.form) throw new AppError('BAD_REQUEST', 'Send the file as multipart/form-data in the field "file"', 'body.file');
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

export function v1ChatFileRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1' }).use(apiKeyUploadAuth(ctx)).post(
    '/chats/:id/files',
    async ({ api, params, body, set }) => {
      const attachment = await uploadRelayedFile(ctx, api, params.id, body.file);
      set.status = 201;
      return attachment;
    },
    {
      params: idParams,
      body: t.Object({ file: t.File() }, { additionalProperties: false }),
      response: { 201: attachmentSchema, ...commonErrors, 409: errorSchema, 413: errorSchema, 415: errorSchema },
      detail: {
        summary: 'Upload a file the contact sent (then relay a message with its id in `fileIds`)',
        description:
          'multipart/form-data with one field, `file`. Checked like widget uploads: at most UPLOAD_MAX_BYTES, and the type is read from the content (images, PDF, Office/OpenDocument, text) and must match the name’s extension. Only into chats of channel `api` that have not ended. Signed requests sign the hex SHA-256 of the raw body in place of the body.',
        tags: [V1_TAGS.chats],
        security: v1Security,
      },
    },
  );
}
