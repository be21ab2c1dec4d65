// Issue 16 item 2: GET /api/v1/chats lists the organization's chats in the order they changed,
// with filters and a cursor, so a bot platform can catch up after an outage with no gaps and no
// repeats — even while chats keep changing between its pages.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { oid, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let api: TestClient;
const chatIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer('handoff_chats_list');
  owner = await signUp(server, { orgName: 'Lister' });
  const key = (await owner.client.post('/api/integrations/api-keys', { name: 'bot', rateLimitPerMinute: 6000 })).body.key;
  api = new TestClient(server.url, { authorization: `Bearer ${key}` });
  for (let i = 0; i < 250; i++) {
    const res = await api.post('/api/v1/chats', { handoffId: `list-${i}`, contact: { botUserId: `user-${i % 50}`, channel: 'sms' } });
    if (res.status !== 201) throw new Error(`handoff ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    chatIds.push(res.body.chat.id);
  }
}, 120_000);
afterAll(() => server.close());

const page = (query: string) => api.get(`/api/v1/chats?${query}`);

test('paging over 250 chats while they change: every chat, each version once, the latest state last', async () => {
  const seen: { id: string; updatedAt: string; lastSeq: number; status: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  const touched = new Set<string>();
  for (;;) {
    const res = await page(`limit=40${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    for (const c of res.body.items) seen.push({ id: c.id, updatedAt: c.updatedAt, lastSeq: c.lastSeq, status: c.status });
    pages += 1;
    // Between pages the platform's world moves on: a chat already listed, one not yet listed, one ended.
    if (pages <= 4) {
      const early = chatIds[pages * 3]!;
      const late = chatIds[249 - pages]!;
      for (const id of [early, late]) {
        expect((await api.post(`/api/v1/chats/${id}/messages`, { text: `update ${pages}`, clientId: `u-${pages}-${id}` })).status).toBe(201);
        touched.add(id);
      }
      expect((await api.post(`/api/v1/chats/${chatIds[100 + pages]!}/end`)).status).toBe(200);
      touched.add(chatIds[100 + pages]!);
    }
    cursor = res.body.next;
    if (!res.body.hasMore) break;
  }
  expect(pages).toBeGreaterThanOrEqual(7);

  // No gaps: every chat is there.
  expect(new Set(seen.map((s) => s.id))).toEqual(new Set(chatIds));
  // No repeats: a chat comes again only with a newer version, and only if it changed.
  const versions = new Map<string, string[]>();
  for (const s of seen) versions.set(s.id, [...(versions.get(s.id) ?? []), s.updatedAt]);
  for (const [id, times] of versions) {
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort()).toEqual(times);
    if (times.length > 1) expect(touched.has(id)).toBe(true);
  }
  // The order is (updatedAt, id) throughout.
  const keys = seen.map((s) => `${s.updatedAt}|${s.id}`);
  expect([...keys].sort()).toEqual(keys);
  // The last version of each chat is its state now.
  const db = orgRepos(server, owner.org.id);
  for (const id of touched) {
    const stored = await db.chats.findById(oid(id));
    const last = seen.findLast((s) => s.id === id)!;
    expect({ id, lastSeq: last.lastSeq, status: last.status }).toEqual({ id, lastSeq: stored!.lastSeq, status: stored!.status });
  }

  // Caught up: the cursor kept from the last page answers only what changes afterwards.
  const quiet = await page(`cursor=${cursor}`);
  expect(quiet.body).toEqual({ items: [], next: cursor, hasMore: false });
  await api.post(`/api/v1/chats/${chatIds[7]!}/messages`, { text: 'after the outage', clientId: 'late-1' });
  const resumed = await page(`cursor=${cursor}`);
  expect(resumed.body.items.map((c: any) => c.id)).toEqual([chatIds[7]]);
  expect(resumed.body.items[0]).toMatchObject({ handoffId: 'list-7', lastMessage: { text: 'after the outage' } });
});

test('filters: status, team, agent, contact, handoff id, updatedSince', async () => {
  const db = orgRepos(server, owner.org.id);
  const teamId = owner.user.teamIds[0];
  const all = async (query: string) => {
    const out: any[] = [];
    let cursor = '';
    for (;;) {
      const res = await page(`${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      out.push(...res.body.items);
      if (!res.body.hasMore) return out;
      cursor = res.body.next;
    }
  };
  const ended = await all('status=ended');
  expect(ended.length).toBe(await db.chats.count({ status: 'ended' }));
  expect(ended.every((c) => c.status === 'ended')).toBe(true);
  expect((await all(`teamId=${teamId}`)).length).toBe(250);
  // Ids that are not the organization's are a 400 on the parameter, not an empty list.
  for (const param of ['teamId', 'agentId', 'contactId']) {
    const res = await page(`${param}=${'0'.repeat(24)}`);
    expect({ param, status: res.status, field: res.body.error?.field }).toEqual({ param, status: 400, field: `query.${param}` });
  }

  const assigned = await api.post(`/api/v1/chats/${chatIds[200]!}/assign`, { agentId: owner.user.id });
  expect(assigned.status).toBe(200);
  expect((await all(`agentId=${owner.user.id}`)).map((c) => c.id)).toEqual([chatIds[200]]);
  expect((await all('agentId=none')).length).toBe(249);

  const contactId = (await api.get(`/api/v1/chats/${chatIds[3]!}`)).body.contactId;
  expect((await all(`contactId=${contactId}`)).length).toBe(5);
  expect((await all('handoffId=list-42')).map((c) => c.id)).toEqual([chatIds[42]]);

  const since = new Date().toISOString();
  await api.post(`/api/v1/chats/${chatIds[9]!}/messages`, { text: 'new', clientId: 'since-1' });
  expect((await all(`updatedSince=${encodeURIComponent(since)}`)).map((c) => c.id)).toContain(chatIds[9]);
  expect((await all(`updatedSince=${encodeURIComponent(since)}&status=ended`)).length).toBe(0);
});

test('bad input is a 400 naming the parameter; limit and cursor are typed', async () => {
  for (const [query, field] of [
    ['limit=0', 'query.limit'],
    ['limit=201', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['limit=1.5', 'query.limit'],
    ['cursor=nonsense', 'query.cursor'],
    [`cursor=${Buffer.from('1|2|3').toString('base64url')}`, 'query.cursor'],
    ['status=open', 'query.status'],
    ['teamId=x', 'query.teamId'],
    ['agentId[$ne]=x', 'query.agentId'],
    ['updatedSince=yesterday', 'query.updatedSince'],
    ['sort=-1', 'query'],
  ] as const) {
    const res = await page(query);
    expect({ query, status: res.status }).toEqual({ query, status: 400 });
    expect(res.body.error.field ?? '').toStartWith(field);
  }
  // The document says integers are integers.
  const doc = await (await fetch(`${server.url}/docs/json`)).json();
  const limit = doc.paths['/api/v1/chats'].get.parameters.find((p: any) => p.name === 'limit');
  expect(limit.schema.type).toBe('integer');
});

test('another organization’s key lists none of these chats', async () => {
  const other = await signUp(server, { orgName: 'Other' });
  const otherApi = new TestClient(server.url, { authorization: `Bearer ${(await other.client.post('/api/integrations/api-keys', { name: 'b' })).body.key}` });
  const res = await otherApi.get(`/api/v1/chats?handoffId=list-1`);
  expect(res.body.items).toEqual([]);
  const mine = await page('limit=1');
  expect((await otherApi.get(`/api/v1/chats?cursor=${mine.body.next}`)).body.items).toEqual([]);
  expect((await new TestClient(server.url).get('/api/v1/chats')).status).toBe(401);
});
