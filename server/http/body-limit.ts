// Oversize bodies get the same JSON error as every other failure. Bun refuses a request whose
// Content-Length passes `maxRequestBodySize` (server/runtime.ts: the upload cap + 1 MiB) with a
// bare 413 before the app runs at all, so the app checks the declared length first, against a
// lower bound: the upload cap plus room for the multipart envelope. Bun's limit stays the hard
// stop for bodies that lie about their length or stream without one.
import { Elysia } from 'elysia';
import type { ErrorBody } from '../../shared/errors';
import { payloadTooLarge } from '../errors';

/** Multipart boundaries, part headers and the other form fields around an upload. */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

export function bodyLimit(uploadMaxBytes: number) {
  const limit = uploadMaxBytes + MULTIPART_ALLOWANCE_BYTES;
  const megabytes = Math.max(1, Math.floor(uploadMaxBytes / 1_048_576));
  return new Elysia({ name: 'body-limit' }).onRequest(({ request, set }) => {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (!(declared > limit)) return;
    const body: ErrorBody = payloadTooLarge(`Files can be at most ${megabytes} MB`, 'body', { maxBytes: uploadMaxBytes }).toBody();
    // Keep headers earlier hooks set (the widget's CORS), so the browser lets the page read it.
    const headers = { ...(set.headers as Record<string, string>), 'content-type': 'application/json; charset=utf-8', connection: 'close' };
    return new Response(JSON.stringify(body), { status: 413, headers });
  });
}
