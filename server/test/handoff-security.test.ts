// Issue #8, negative paths of the bot API: keys, signatures, replays, rate limits and operator
// injection are refused with the shared ErrorBody, and nothing is written.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey, provisionAgent } from '../../e2e/simulator/fixtures';
import { oid, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';
import { signRequest } from '../services/signature';

/** A POST /api/v1/chats signature (method, path, timestamp, body). */
const sign = (secret: string, timestamp: string, rawBody: string) => signRequest(secret, { method: 'POST', pathWithQuery: '/api/v1/chats', timestamp, rawBody });

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let key: string;
let api: PhoenixApiClient;
let chatId: string;
let contactId: string;

const handoffBody = (handoffId: string) => ({
  handoffId,
  contact: { botUserId: `user-${handoffId}`, channel: 'sms', name: 'Sam', tags: ['a'], customFields: [{ key: 'plan', type: 'string', value: 'gold' }] },
  transcript: [{ author: 'contact', text: 'hello' }],
});

/** Every organization of this file (signUp through `newOrg`): refused requests must change none. */
const orgIds: string[] = [];
async function newOrg(orgName: string) {
  const org = await signUp(server, { orgName });
  orgIds.push(org.org.id);
  return org;
}

/** Everything a refused request must not have changed, organization by organization. */
async function counts() {
  const perOrg: Record<string, { chats: number; contacts: number; messages: number; users: number }> = {};
  for (const id of orgIds) {
    const db = orgRepos(server, id);
    perOrg[id] = { chats: await db.chats.count(), contacts: await db.contacts.count(), messages: await db.messages.count(), users: await db.members.count() };
  }
  return perOrg;
}

beforeAll(async () => {
  server = await startTestServer('handoff_security');
  owner = await newOrg('Acme');
  ({ key } = await createKey(owner.client));
  api = new PhoenixApiClient(server.url, key);
  const opened = await api.handoff(handoffBody('base'));
  expect(opened.status).toBe(201);
  chatId = opened.body.chat.id;
  contactId = opened.body.contact.id;
});
afterAll(() => server.close());

describe('API keys', () => {
  test('missing, malformed and unknown keys are 401 ErrorBodies; nothing is written', async () => {
    const before = await counts();
    for (const authorization of [undefined, 'Basic abc', 'Bearer', `Bearer ${key}x`, `Bearer phx_${'A'.repeat(43)}`]) {
      const res = await new TestClient(server.url, authorization ? { authorization } : {}).post('/api/v1/chats', handoffBody('nope'));
      expect(res.status, String(authorization)).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect(await counts()).toEqual(before);
  });

  test('a bad key is refused before the body is looked at (401, not 400)', async () => {
    const wrong = new PhoenixApiClient(server.url, 'phx_wrong');
    expect((await wrong.request('POST', '/api/v1/chats', '{not json')).status).toBe(401);
    expect((await wrong.handoff({ handoffId: { $gt: '' } })).status).toBe(401);
    expect((await api.request('POST', '/api/v1/chats', '{not json')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    const huge = JSON.stringify({ ...handoffBody('huge'), botName: 'x'.repeat(1_100_000) });
    expect((await wrong.request('POST', '/api/v1/chats', huge)).status).toBe(401);
    expect((await api.request('POST', '/api/v1/chats', huge)).body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a revoked key stops working at once and disappears from the list', async () => {
    const extra = await createKey(owner.client, { name: 'to revoke' });
    const client = new PhoenixApiClient(server.url, extra.key);
    expect((await client.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(200);
    const list = await owner.client.get('/api/integrations/api-keys');
    const listed = list.body.items.find((k: any) => k.id === extra.id);
    expect(listed).toMatchObject({ name: 'to revoke', prefix: extra.key.slice(0, 12), signatureRequired: false, createdBy: { name: 'Olivia Owner' } });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(extra.key);
    expect((await owner.client.delete(`/api/integrations/api-keys/${extra.id}`)).status).toBe(204);
    expect((await client.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(401);
    expect((await owner.client.delete(`/api/integrations/api-keys/${extra.id}`)).status).toBe(404);
    expect((await owner.client.get('/api/integrations/api-keys')).body.items.some((k: any) => k.id === extra.id)).toBe(false);
  });

  test('the stored key is a hash: the database never holds the secret', async () => {
    const docs = (await Promise.all(orgIds.map((id) => orgRepos(server, id).apiKeys.find()))).flat();
    expect(docs.length).toBeGreaterThan(0);
    expect(JSON.stringify(docs)).not.toContain(key);
  });

  test('a key of another organization sees none of this one (404), and writes nothing', async () => {
    const other = await newOrg('Other Co');
    const otherApi = new PhoenixApiClient(server.url, (await createKey(other.client)).key);
    const before = await counts();
    expect((await otherApi.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(404);
    expect((await otherApi.request('GET', `/api/v1/chats/${chatId}/messages`)).status).toBe(404);
    expect((await otherApi.relay(chatId, 'injected', 'x1')).status).toBe(404);
    expect((await otherApi.request('POST', `/api/v1/chats/${chatId}/end`)).status).toBe(404);
    expect((await otherApi.request('POST', `/api/v1/chats/${chatId}/assign`, { teamId: owner.user.teamIds[0] })).status).toBe(404);
    expect((await otherApi.request('GET', `/api/v1/contacts/${contactId}`)).status).toBe(404);
    expect((await otherApi.request('GET', '/api/v1/contacts?botUserId=user-base&channel=sms')).status).toBe(404);
    expect((await otherApi.request('POST', `/api/v1/contacts/${contactId}/tags`, { tag: 'x' })).status).toBe(404);
    expect((await otherApi.request('PUT', `/api/v1/contacts/${contactId}/fields/plan`, { type: 'string', value: 'x' })).status).toBe(404);
    expect((await otherApi.request('POST', '/api/v1/login-links', { email: owner.email })).status).toBe(404);
    // Its own handoff naming this organization's team is a 400 on the field, nothing created.
    const cross = await otherApi.handoff({ ...handoffBody('cross'), teamId: owner.user.teamIds[0] });
    expect(cross.body.error).toMatchObject({ code: 'VALIDATION', field: 'body.teamId' });
    expect(await counts()).toEqual(before);
  });

  test('only admins manage keys and the webhook', async () => {
    const agent = await provisionAgent(api, 'Aggie', [owner.user.teamIds[0]]);
    expect((await agent.client.get('/api/integrations/api-keys')).status).toBe(403);
    expect((await agent.client.post('/api/integrations/api-keys', { name: 'mine' })).status).toBe(403);
    expect((await agent.client.patch('/api/integrations/webhook', { url: 'https://example.com/h' })).status).toBe(403);
    expect((await agent.client.get('/api/integrations/webhook/deliveries')).status).toBe(403);
    expect((await new TestClient(server.url).get('/api/integrations/api-keys')).status).toBe(401);
  });

  test('past its per-key rate limit a key gets 429 with Retry-After', async () => {
    const limited = new PhoenixApiClient(server.url, (await createKey(owner.client, { rateLimitPerMinute: 3 })).key);
    for (let i = 0; i < 3; i++) expect((await limited.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(200);
    const refused = await limited.request('GET', `/api/v1/chats/${chatId}`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other keys are not affected.
    expect((await api.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(200);
  });
});

describe('signed requests', () => {
  const post = (k: string, body: string, headers: Record<string, string>) =>
    new TestClient(server.url, { authorization: `Bearer ${k}` }).post('/api/v1/chats', body, headers);
  const now = () => String(Math.floor(Date.now() / 1000));

  test('a valid signature is accepted once; its replay, a tampered body and a stale timestamp are 401', async () => {
    const before = await counts();
    const body = JSON.stringify(handoffBody('signed-1'));
    const ts = now();
    const headers = { 'x-phoenix-timestamp': ts, 'x-phoenix-signature': sign(key, ts, body) };

    const tampered = await post(key, body.replace('signed-1', 'signed-2'), headers);
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.message).toMatch(/signature does not match/);

    const stale = String(Math.floor(Date.now() / 1000) - 301);
    const old = await post(key, body, { 'x-phoenix-timestamp': stale, 'x-phoenix-signature': sign(key, stale, body) });
    expect(old.status).toBe(401);
    expect(old.body.error.message).toMatch(/300 seconds/);
    const future = String(Math.floor(Date.now() / 1000) + 400);
    expect((await post(key, body, { 'x-phoenix-timestamp': future, 'x-phoenix-signature': sign(key, future, body) })).status).toBe(401);
    expect((await post(key, body, { 'x-phoenix-timestamp': ts })).status).toBe(401);
    expect((await post(key, body, { 'x-phoenix-timestamp': ts, 'x-phoenix-signature': sign('other secret', ts, body) })).status).toBe(401);
    expect(await counts()).toEqual(before);

    expect((await post(key, body, headers)).status).toBe(201);
    const replay = await post(key, body, headers);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already been used/);
    const after = await counts();
    expect(after[owner.org.id]!.chats).toBe(before[owner.org.id]!.chats + 1);
  });

  test('parallel replays of one signature: exactly one gets through', async () => {
    const body = JSON.stringify(handoffBody('signed-race'));
    const ts = String(Date.now());
    const headers = { 'x-phoenix-timestamp': ts, 'x-phoenix-signature': sign(key, ts, body) };
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => post(key, body, headers)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 401, 401, 401, 401, 401, 401, 401]);
  });

  test('a signature-required key refuses unsigned requests and accepts signed ones', async () => {
    const strict = await createKey(owner.client, { name: 'strict', signatureRequired: true });
    const unsigned = new PhoenixApiClient(server.url, strict.key);
    const refused = await unsigned.request('GET', `/api/v1/chats/${chatId}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/requires signed requests/);
    const signed = new PhoenixApiClient(server.url, strict.key, { sign: true });
    expect((await signed.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(200);
    expect((await signed.request('POST', `/api/v1/chats/${chatId}/messages`, { text: 'signed hello', clientId: 's-1' })).status).toBe(201);
  });
});

describe('operator injection', () => {
  const injections = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, ['$in'], 1];

  /** Paths to every scalar of a JSON value. */
  function scalarPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) return value.flatMap((v, i) => scalarPaths(v, [...path, i]));
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => scalarPaths(v, [...path, k]));
    return [path];
  }
  function replaced(value: any, path: (string | number)[], injected: unknown): any {
    if (path.length === 0) return injected;
    const copy = Array.isArray(value) ? [...value] : { ...value };
    copy[path[0]!] = replaced(value[path[0]!], path.slice(1), injected);
    return copy;
  }

  const bodies: [string, string, () => Record<string, unknown>][] = [
    ['POST', '/api/v1/chats', () => ({ ...handoffBody('inj'), teamId: owner.user.teamIds[0], botName: 'Bot', contact: { ...handoffBody('inj').contact, email: 'a@b.test', phone: '+1 555', username: 'u', status: 'lead' }, transcript: [{ author: 'contact', text: 'x', createdAt: new Date().toISOString() }] })],
    ['POST', '/api/v1/chats/:chat/messages', () => ({ text: 'hi', clientId: 'c-1' })],
    // Relayed attachments (issue 16): inline transcript files and uploaded file ids.
    ['POST', '/api/v1/chats', () => ({ ...handoffBody('inj-files'), transcript: [{ author: 'bot', text: 'x', attachments: [{ name: 'a.png', contentBase64: 'iVBORw0KGgoAAAAN' }] }] })],
    ['POST', '/api/v1/chats/:chat/messages', () => ({ text: 'hi', clientId: 'c-2', fileIds: ['0'.repeat(24)] })],
    ['POST', '/api/v1/chats/:chat/assign', () => ({ teamId: owner.user.teamIds[0], agentId: owner.user.id })],
    ['PATCH', '/api/v1/contacts/:contact', () => ({ name: 'n', username: 'u', email: 'e@x.test', phone: '+1', status: 'lead' })],
    ['POST', '/api/v1/contacts/:contact/tags', () => ({ tag: 't' })],
    ['PUT', '/api/v1/contacts/:contact/fields/plan', () => ({ type: 'string', value: 'v' })],
    ['POST', '/api/v1/members', () => ({ email: 'new@x.test', name: 'N', password: 'long enough 1', role: 'agent', teamIds: [owner.user.teamIds[0]] })],
    ['POST', '/api/v1/invitations', () => ({ email: 'inv@x.test', role: 'agent', teamIds: [owner.user.teamIds[0]] })],
    ['POST', '/api/v1/login-links', () => ({ email: owner.email })],
    ['PATCH', '/api/v1/webhook', () => ({ url: 'https://bots.example.com/phoenix', events: ['chat.ended', 'message.created'] })],
  ];

  test('a MongoDB operator (or any wrong type) in any field of any body is a 400 naming the field; nothing is written', async () => {
    const before = await counts();
    const contacts = orgRepos(server, owner.org.id).contacts;
    const contactBefore = await contacts.findById(oid(contactId));
    expect(contactBefore).not.toBeNull();
    let checked = 0;
    for (const [method, template, make] of bodies) {
      const path = template.replace(':chat', chatId).replace(':contact', contactId);
      for (const fieldPath of scalarPaths(make())) {
        for (const injected of injections) {
          const res = await api.request(method, path, replaced(make(), fieldPath, injected));
          const expectedField = `body.${fieldPath.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}`;
          expect(res.status, `${method} ${template} ${expectedField} = ${JSON.stringify(injected)}`).toBe(400);
          expect(res.body.error.field, `${template} ${JSON.stringify(injected)}`).toStartWith(expectedField.split('[')[0]!);
          checked += 1;
        }
      }
      // An extra, unknown key is refused too (never silently dropped).
      const extra = await api.request(method, path, { ...make(), $where: '1' });
      expect(extra.status, `${template} extra key`).toBe(400);
    }
    expect(checked).toBeGreaterThan(100);
    expect(await counts()).toEqual(before);
    expect(await contacts.findById(oid(contactId))).toEqual(contactBefore);
    expect(server.outbox.some((m) => m.to === 'inv@x.test')).toBe(false);
  });

  test('operators in query strings and path parameters are refused or match nothing', async () => {
    const res = await api.request('GET', '/api/v1/contacts?botUserId[$ne]=x&channel=sms');
    expect(res.status).toBe(400);
    expect((await api.request('GET', '/api/v1/contacts?botUserId=%7B%22%24ne%22%3A1%7D&channel=sms')).status).toBe(404);
    expect((await api.request('GET', `/api/v1/chats/${chatId}/messages?afterSeq[$gt]=0`)).status).toBe(400);
    expect((await api.request('GET', `/api/v1/chats/${chatId}/messages?afterSeq=-1`)).status).toBe(400);
    expect((await api.request('GET', '/api/v1/chats/%7B%22%24ne%22%3Anull%7D')).status).toBe(404);
    expect((await api.request('DELETE', `/api/v1/contacts/${contactId}/fields/%24where`)).status).toBe(200);
  });
});
