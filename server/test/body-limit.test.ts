// Oversize bodies are always the JSON 413, never Bun's bare one: far past the upload cap (where
// Bun's maxRequestBodySize used to answer before the app), declared or streamed without a length.
// Bodies within the bound still work when streamed (chunked).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createKey } from '../../e2e/simulator/fixtures';
import { signUp, startTestServer, type TestServer } from '../testing/harness';

const UPLOAD_MAX = 1024 * 1024;
const THIRTY_MB = 30 * 1024 * 1024;
let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer('body_limit', { env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX) } });
  const owner = await signUp(server);
  key = (await createKey(owner.client)).key;
});
afterAll(async () => {
  await server.close();
});

/** A body sent in 1 MiB chunks with no Content-Length (Transfer-Encoding: chunked). */
const chunked = (bytes: Uint8Array | number): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      if (typeof bytes !== 'number') controller.enqueue(bytes);
      else for (let sent = 0; sent < bytes; sent += 1_048_576) controller.enqueue(new Uint8Array(Math.min(1_048_576, bytes - sent)));
      controller.close();
    },
  });

async function expectJson413(res: Response) {
  expect(res.status).toBe(413);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as { error: { code: string; field?: string } };
  expect(body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body' });
}

test('a 30 MB body with its length declared is the JSON 413, on the API and on uploads', async () => {
  const api = await fetch(`${server.url}/api/v1/chats`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: new Uint8Array(THIRTY_MB),
  });
  await expectJson413(api);
  const upload = await fetch(`${server.url}/api/widget/files`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(THIRTY_MB) });
  await expectJson413(upload);
});

test('a 30 MB body streamed without a length is the JSON 413 too', async () => {
  const res = await fetch(`${server.url}/api/v1/chats`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: chunked(THIRTY_MB),
  });
  await expectJson413(res);
});

test('a small body streamed without a length is read as usual', async () => {
  const body = JSON.stringify({ handoffId: 'chunked-1', contact: { botUserId: 'c-1', channel: 'web' } });
  const res = await fetch(`${server.url}/api/v1/chats`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: chunked(new TextEncoder().encode(body)),
  });
  expect(res.status).toBe(201);
  expect(((await res.json()) as { chat: { handoffId: string } }).chat.handoffId).toBe('chunked-1');
});
