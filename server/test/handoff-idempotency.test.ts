// Issue 16 item 7: reused ids are conflicts, not silent 200s; a generic Idempotency-Key replays
// the first answer of a POST for 24 h; every /api/v1 answer reports the key's rate limit.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { manualClock } from '../clock';
import { orgRepos, signUp, startTestServer, uniqueEmail, type TestServer } from '../testing/harness';

const clock = manualClock();
let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let api: PhoenixApiClient;

const handoff = (handoffId: string, botUserId = `u-${handoffId}`) => ({ handoffId, contact: { botUserId, channel: 'sms' }, transcript: [{ author: 'contact' as const, text: 'hi' }] });

beforeAll(async () => {
  server = await startTestServer('handoff_idempotency', { clock });
  owner = await signUp(server, { orgName: 'Idem' });
  api = new PhoenixApiClient(server.url, (await createKey(owner.client, { rateLimitPerMinute: 1000 })).key);
});
afterAll(() => server.close());

describe('reused ids', () => {
  test('the same handoffId for another contact is a 409 IDEMPOTENCY_CONFLICT naming body.contact; for the same contact a 200', async () => {
    const first = await api.handoff(handoff('h-1'));
    expect(first.status).toBe(201);
    const again = await api.handoff(handoff('h-1'));
    expect(again.status).toBe(200);
    expect(again.body.chat.id).toBe(first.body.chat.id);
    const other = await api.handoff(handoff('h-1', 'someone-else'));
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'body.contact' });
    expect(await orgRepos(server, owner.org.id).contacts.count({ 'externalIds.botUserId': 'someone-else' })).toBe(0);
  });

  test('the same clientId with another text is a 409 IDEMPOTENCY_CONFLICT naming body.clientId; with the same text a 200', async () => {
    const chatId = (await api.handoff(handoff('h-2'))).body.chat.id;
    expect((await api.relay(chatId, 'my order is late', 'c-1')).status).toBe(201);
    expect((await api.relay(chatId, 'my order is late', 'c-1')).status).toBe(200);
    const other = await api.relay(chatId, 'something else', 'c-1');
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'body.clientId' });
    // After the chat ended the rule holds too.
    expect((await api.request('POST', `/api/v1/chats/${chatId}/end`)).status).toBe(200);
    expect((await api.relay(chatId, 'my order is late', 'c-1')).status).toBe(200);
    expect((await api.relay(chatId, 'other words', 'c-1')).body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'body.clientId' });
  });
});

describe('Idempotency-Key', () => {
  test('same key and body replays the first answer (status and body) without doing the work again', async () => {
    const body = { email: uniqueEmail('idem'), role: 'agent' };
    const first = await api.request('POST', '/api/v1/invitations', body, { 'idempotency-key': 'invite-1' });
    expect(first.status).toBe(201);
    const again = await api.request('POST', '/api/v1/invitations', body, { 'idempotency-key': 'invite-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(server.outbox.filter((m) => m.to === body.email)).toHaveLength(1);

    const chatId = (await api.handoff(handoff('h-3'))).body.chat.id;
    const ended = await api.request('POST', `/api/v1/chats/${chatId}/end`, undefined, { 'idempotency-key': 'end-1' });
    expect(ended.status).toBe(200);
    // Without the key the second end is a 409; with it, the first answer.
    const replayed = await api.request('POST', `/api/v1/chats/${chatId}/end`, undefined, { 'idempotency-key': 'end-1' });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(ended.body);
  });

  test('same key with another body or path is a 409 IDEMPOTENCY_CONFLICT naming the header', async () => {
    const chatId = (await api.handoff(handoff('h-4'))).body.chat.id;
    expect((await api.request('POST', `/api/v1/chats/${chatId}/messages`, { text: 'one' }, { 'idempotency-key': 'msg-1' })).status).toBe(201);
    const other = await api.request('POST', `/api/v1/chats/${chatId}/messages`, { text: 'two' }, { 'idempotency-key': 'msg-1' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'headers.idempotency-key' });
    const otherPath = await api.request('POST', '/api/v1/chats', handoff('h-5'), { 'idempotency-key': 'msg-1' });
    expect(otherPath.status).toBe(409);
    const messages = await api.messages(chatId);
    expect(messages.body.items.filter((m: { text: string }) => m.text === 'one' || m.text === 'two')).toHaveLength(1);
  });

  test('a refused request frees its key; keys are per API key; malformed keys are a 400', async () => {
    const refused = await api.request('POST', '/api/v1/chats', { handoffId: 'h-6', contact: { botUserId: 'x', channel: 'sms' }, teamId: '000000000000000000000000' }, { 'idempotency-key': 'retry-me' });
    expect(refused.status).toBe(400);
    const fixed = await api.request('POST', '/api/v1/chats', handoff('h-6'), { 'idempotency-key': 'retry-me' });
    expect(fixed.status).toBe(201);
    const otherKey = new PhoenixApiClient(server.url, (await createKey(owner.client, { name: 'other' })).key);
    expect((await otherKey.request('POST', '/api/v1/chats', handoff('h-7'), { 'idempotency-key': 'retry-me' })).status).toBe(201);
    const bad = await api.request('POST', '/api/v1/chats', handoff('h-8'), { 'idempotency-key': 'x'.repeat(256) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('headers.idempotency-key');
  });

  test('parallel requests with one key do the work once', async () => {
    const chatId = (await api.handoff(handoff('h-par'))).body.chat.id;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => api.request('POST', `/api/v1/chats/${chatId}/messages`, { text: 'only once' }, { 'idempotency-key': 'parallel' })),
    );
    // The first does it; the others replay it or are told it is still running.
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    const items = (await api.messages(chatId)).body.items as { text: string }[];
    expect(items.filter((m) => m.text === 'only once')).toHaveLength(1);
  });

  test('after 24 hours a key is forgotten and the request runs again', async () => {
    const chatId = (await api.handoff(handoff('h-9'))).body.chat.id;
    expect((await api.request('POST', `/api/v1/chats/${chatId}/messages`, { text: 'day one' }, { 'idempotency-key': 'daily' })).status).toBe(201);
    clock.advance(24 * 3_600_000 + 1000);
    const later = await api.request('POST', `/api/v1/chats/${chatId}/messages`, { text: 'day two' }, { 'idempotency-key': 'daily' });
    expect(later.status).toBe(201);
    expect(later.body.text).toBe('day two');
  });
});

describe('rate-limit headers', () => {
  test('every answer to a key carries X-RateLimit-Limit, -Remaining and -Reset, 4xx and 429 included', async () => {
    const small = new PhoenixApiClient(server.url, (await createKey(owner.client, { name: 'small', rateLimitPerMinute: 3 })).key);
    const first = await small.request('GET', '/api/v1/teams');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    const nowSeconds = clock.now().getTime() / 1000;
    expect(reset).toBeGreaterThan(nowSeconds);
    expect(reset).toBeLessThanOrEqual(Math.ceil(nowSeconds + 60));
    const missing = await small.request('GET', '/api/v1/chats/000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await small.request('GET', '/api/v1/teams')).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await small.request('GET', '/api/v1/teams');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });
});
