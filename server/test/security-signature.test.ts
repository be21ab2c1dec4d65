// Issue 15 item 16: a request signature covers METHOD \n path?query \n timestamp \n body, so it is
// tied to its endpoint and two different bodiless requests in the same second both pass, while
// the replay of one signed request is still refused.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { hmacSha256Hex } from '../services/crypto';
import { requestSignedString, signRequest } from '../services/signature';
import { signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
let key: string;
let chatA: string;
let chatB: string;

beforeAll(async () => {
  server = await startTestServer('signature_v2');
  const owner = await signUp(server, { orgName: 'Signed' });
  ({ key } = await createKey(owner.client, { signatureRequired: true }));
  const api = new PhoenixApiClient(server.url, key, { sign: true });
  chatA = (await api.handoff({ handoffId: 'sig-a', contact: { botUserId: 'a', channel: 'sms' } })).body.chat.id;
  chatB = (await api.handoff({ handoffId: 'sig-b', contact: { botUserId: 'b', channel: 'sms' } })).body.chat.id;
  expect(chatA).toBeString();
  expect(chatB).toBeString();
});
afterAll(() => server.close());

const seconds = () => String(Math.floor(Date.now() / 1000));
function signed(method: string, pathWithQuery: string, timestamp: string, rawBody = '', signAs?: { method?: string; pathWithQuery?: string }) {
  const signature = signRequest(key, { method: signAs?.method ?? method, pathWithQuery: signAs?.pathWithQuery ?? pathWithQuery, timestamp, rawBody });
  const client = new TestClient(server.url, { authorization: `Bearer ${key}` });
  const headers = { 'x-phoenix-timestamp': timestamp, 'x-phoenix-signature': signature, ...(rawBody ? { 'content-type': 'application/json' } : {}) };
  return client.request(method, pathWithQuery, rawBody === '' ? undefined : rawBody, headers);
}

describe('the canonical string', () => {
  test('is METHOD, path with query, timestamp and body joined by newlines', () => {
    const req = { method: 'post', pathWithQuery: '/api/v1/chats/x/messages?afterSeq=1', timestamp: '1750000000', rawBody: '{"text":"hi"}' };
    expect(requestSignedString(req)).toBe('POST\n/api/v1/chats/x/messages?afterSeq=1\n1750000000\n{"text":"hi"}');
    expect(signRequest('s', req)).toBe(hmacSha256Hex('s', requestSignedString(req)));
  });
});

describe('signed requests', () => {
  test('two different bodiless requests signed in the same second both pass', async () => {
    const ts = seconds();
    const first = await signed('GET', `/api/v1/chats/${chatA}`, ts);
    const second = await signed('GET', `/api/v1/chats/${chatB}`, ts);
    const third = await signed('GET', `/api/v1/chats/${chatA}/messages?afterSeq=0`, ts);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
  });

  test('the replay of the exact same signed request is refused', async () => {
    const ts = seconds();
    expect((await signed('GET', `/api/v1/chats/${chatA}/messages?afterSeq=1`, ts)).status).toBe(200);
    const replay = await signed('GET', `/api/v1/chats/${chatA}/messages?afterSeq=1`, ts);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already been used/);
  });

  test('a signature is tied to its method, path and query', async () => {
    const ts = seconds();
    const otherPath = await signed('GET', `/api/v1/chats/${chatB}/messages`, ts, '', { pathWithQuery: `/api/v1/chats/${chatA}/messages` });
    expect(otherPath.status).toBe(401);
    expect(otherPath.body.error.message).toMatch(/signature does not match/);
    const otherQuery = await signed('GET', `/api/v1/chats/${chatA}/messages?afterSeq=2`, ts, '', { pathWithQuery: `/api/v1/chats/${chatA}/messages?afterSeq=0` });
    expect(otherQuery.status).toBe(401);
    const otherMethod = await signed('POST', `/api/v1/chats/${chatA}/end`, ts, '', { method: 'GET' });
    expect(otherMethod.status).toBe(401);
    // The chat was not ended by the mis-signed request.
    expect((await signed('GET', `/api/v1/chats/${chatA}`, String(Date.now()))).body.status).not.toBe('ended');
  });

  test('the old form (timestamp.body) is refused', async () => {
    const ts = seconds();
    const res = await new TestClient(server.url, { authorization: `Bearer ${key}` }).request('GET', `/api/v1/chats/${chatB}/messages?afterSeq=5`, undefined, {
      'x-phoenix-timestamp': ts,
      'x-phoenix-signature': hmacSha256Hex(key, `${ts}.`),
    });
    expect(res.status).toBe(401);
  });

  test('the simulator client signs POSTs with bodies the same way', async () => {
    const api = new PhoenixApiClient(server.url, key, { sign: true });
    expect((await api.relay(chatB, 'hello', 'c-1')).status).toBe(201);
  });
});

test('the OpenAPI document describes the signing string, scopes, idempotency and rate-limit headers', async () => {
  const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as { info: { description: string }; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const text = doc.info.description;
  expect(text).toContain('METHOD + "\\n" + pathWithQuery + "\\n" + timestamp + "\\n" + rawBody');
  for (const words of ['SCOPE_MISSING', 'Idempotency-Key', 'IDEMPOTENCY_CONFLICT', 'X-RateLimit-Remaining', 'LOGIN_LINK_EXPIRED', 'LOGIN_LINK_USED']) expect(text).toContain(words);
  expect(Object.keys(doc.paths['/api/v1/chats']!.post!.responses)).toEqual(expect.arrayContaining(['403', '409']));
});
