// Oversize bodies get the same JSON error as every other failure, whatever their size. Bun
// refuses a request whose Content-Length passes `maxRequestBodySize` with a bare 413 before the
// app runs at all, so Bun's own limit is set far above the app's (SERVER_MAX_REQUEST_BODY_BYTES,
// server/runtime.ts) and the app checks the declared length first (bodyLimit), against the upload
// cap plus room for the multipart envelope. Bodies without a declared length (chunked) are read
// by the runtime up to that same bound and refused with the same JSON 413 past it
// (boundUndeclaredBody), so the raised Bun limit never lets an unbounded body be buffered.
import { Elysia } from 'elysia';
import type { ErrorBody } from '../../shared/errors';
import { payloadTooLarge } from '../errors';

/** Multipart boundaries, part headers and the other form fields around an upload. */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

/** Bun's limit: never reached by a declared length, so the app's JSON 413 always answers. */
export const SERVER_MAX_REQUEST_BODY_BYTES = Number.MAX_SAFE_INTEGER;

/** The largest body the app reads: an upload at the cap with its multipart envelope. */
export const appBodyLimit = (uploadMaxBytes: number): number => uploadMaxBytes + MULTIPART_ALLOWANCE_BYTES;

function tooLargeBody(uploadMaxBytes: number): ErrorBody {
  const megabytes = Math.max(1, Math.floor(uploadMaxBytes / 1_048_576));
  return payloadTooLarge(`Files can be at most ${megabytes} MB`, 'body', { maxBytes: uploadMaxBytes }).toBody();
}

export function bodyLimit(uploadMaxBytes: number) {
  const limit = appBodyLimit(uploadMaxBytes);
  return new Elysia({ name: 'body-limit' }).onRequest(({ request, set }) => {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (!(declared > limit)) return;
    // Keep headers earlier hooks set (the widget's CORS), so the browser lets the page read it.
    const headers = { ...(set.headers as Record<string, string>), 'content-type': 'application/json; charset=utf-8', connection: 'close' };
    return new Response(JSON.stringify(tooLargeBody(uploadMaxBytes)), { status: 413, headers });
  });
}

/**
 * A request whose body has no Content-Length (chunked), read here up to the app's bound: the
 * same request with the bytes in hand, or the JSON 413 once the body passes the bound. Requests
 * with a declared length (or no body) are returned as they are, untouched.
 */
export async function boundUndeclaredBody(request: Request, uploadMaxBytes: number): Promise<Request | Response> {
  if (request.body === null || request.headers.has('content-length')) return request;
  const limit = appBodyLimit(uploadMaxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return new Response(JSON.stringify(tooLargeBody(uploadMaxBytes)), { status: 413, headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' } });
    }
    chunks.push(value);
  }
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(size));
  return new Request(request.url, { method: request.method, headers, body: Buffer.concat(chunks), signal: request.signal });
}
