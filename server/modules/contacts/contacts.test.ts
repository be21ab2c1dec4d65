import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ObjectId } from '../../db/ids';
import { manualClock } from '../../clock';
import { upsertContactByExternalId } from '../../services/contacts';
import { OPERATOR, addMember, oid, orgRepos, signUp, startTestServer, type TestServer } from '../../testing/harness';

// In the future: the database's TTL sweeper runs on the wall clock and would delete sessions
// whose expiry (server clock + 14 days) has passed in real time.
const clock = manualClock(new Date('2100-01-01T00:00:00Z'));
let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let inboxId: string;

beforeAll(async () => {
  server = await startTestServer('contacts', { clock });
  owner = await signUp(server);
  inboxId = owner.user.teamIds[0];
});
afterAll(async () => {
  await server.close();
});

async function create(body: Record<string, unknown>) {
  clock.advance(1000);
  const res = await owner.client.post('/api/contacts', body);
  expect(res.status).toBe(201);
  return res.body;
}

const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe('create, read, update', () => {
  test('any member creates and edits contacts', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    const created = await agent.client.post('/api/contacts', { name: ' Ada Lovelace ', email: 'ADA@Example.com', phone: '+44 20 1234 5678', status: 'lead', tags: ['VIP', 'vip', 'Beta'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', status: 'lead', tags: ['VIP', 'Beta'], customFields: [], chatCount: 0 });
    const id = created.body.id;
    expect((await agent.client.get(`/api/contacts/${id}`)).body.name).toBe('Ada Lovelace');
    const patched = await owner.client.patch(`/api/contacts/${id}`, { username: 'ada', email: null, status: 'customer' });
    expect(patched.body).toMatchObject({ name: 'Ada Lovelace', username: 'ada', email: null, status: 'customer' });
    expect((await agent.client.patch(`/api/contacts/${id}`, { name: '' })).body.name).toBeNull();
    expect((await agent.client.get(`/api/contacts/${new ObjectId()}`)).status).toBe(404);
    expect((await agent.client.get('/api/contacts/not-an-id')).status).toBe(404);
  });
});

describe('search and paging', () => {
  test('by name, username, e-mail or tag, case-insensitively; regex characters are literal', async () => {
    const grace = await create({ name: 'Grace Hopper', username: 'amazing_grace', email: 'grace@navy.example' });
    const linus = await create({ name: 'Linus', username: 'torvalds', email: 'linus@kernel.example', tags: ['Kernel', 'Finland'] });
    const dotted = await create({ name: 'A.B. Dotted (Jr)' });
    const q = async (query: string) => ids((await owner.client.get(`/api/contacts?${query}`)).body);
    expect(await q('q=hopper')).toEqual([grace.id]);
    expect(await q('q=AMAZING')).toEqual([grace.id]);
    expect(await q('q=kernel.example')).toEqual([linus.id]);
    expect(await q('q=finl')).toEqual([linus.id]);
    expect(await q('tag=kernel')).toEqual([linus.id]);
    expect(await q('tag=kern')).toEqual([]);
    expect(await q('q=linus&tag=finland')).toEqual([linus.id]);
    expect(await q(`q=${encodeURIComponent('a.b.')}`)).toEqual([dotted.id]);
    expect(await q(`q=${encodeURIComponent('(jr)')}`)).toEqual([dotted.id]);
    expect(await q(`q=${encodeURIComponent('.*')}`)).toEqual([]);
    expect(await q(`q=${encodeURIComponent('[')}`)).toEqual([]);
    // Search follows edits and tags.
    await owner.client.patch(`/api/contacts/${grace.id}`, { name: 'Rear Admiral' });
    expect(await q('q=hopper')).toEqual([]);
    expect(await q('q=admiral')).toEqual([grace.id]);
    await owner.client.post(`/api/contacts/${grace.id}/tags`, { tag: 'COBOL' });
    expect(await q('q=cobol')).toEqual([grace.id]);
    await owner.client.delete(`/api/contacts/${grace.id}/tags/cobol`);
    expect(await q('q=cobol')).toEqual([]);
  });

  test('newest activity first, with an opaque cursor that neither skips nor repeats', async () => {
    const other = await signUp(server, { orgName: 'Pager' });
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      // Pairs share a lastSeenAt, so the _id tie-break is exercised.
      if (i % 2 === 0) clock.advance(1000);
      const res = await other.client.post('/api/contacts', { name: `Paged ${i}` });
      made.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; next: string | null } } = await other.client.get(
        `/api/contacts?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(res.body));
      cursor = res.body.next;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
    const bad = await other.client.get('/api/contacts?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.cursor');
    for (const limit of ['0', '101', 'x', '-1']) {
      const res = await other.client.get(`/api/contacts?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error.field).toBe('query.limit');
    }
    expect((await other.client.get('/api/contacts')).body.items).toHaveLength(7);
  });
});

describe('tags and custom fields', () => {
  test('tags are trimmed, deduplicated ignoring case, removed in any case', async () => {
    const c = await create({ name: 'Tagged' });
    expect((await owner.client.post(`/api/contacts/${c.id}/tags`, { tag: '  Premium ' })).body.tags).toEqual(['Premium']);
    expect((await owner.client.post(`/api/contacts/${c.id}/tags`, { tag: 'PREMIUM' })).body.tags).toEqual(['Premium']);
    expect((await owner.client.post(`/api/contacts/${c.id}/tags`, { tag: 'a+b (c)' })).body.tags).toEqual(['Premium', 'a+b (c)']);
    expect((await owner.client.delete(`/api/contacts/${c.id}/tags/${encodeURIComponent('A+B (C)')}`)).body.tags).toEqual(['Premium']);
    expect((await owner.client.delete(`/api/contacts/${c.id}/tags/absent`)).body.tags).toEqual(['Premium']);
    for (const tag of ['', '   ', 'x'.repeat(51)]) {
      const res = await owner.client.post(`/api/contacts/${c.id}/tags`, { tag });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('body.tag');
    }
    const parallel = await Promise.all(['one', 'ONE', 'One'].map((tag) => owner.client.post(`/api/contacts/${c.id}/tags`, { tag })));
    expect(parallel.every((r) => r.status === 200)).toBe(true);
    expect((await owner.client.get(`/api/contacts/${c.id}`)).body.tags.filter((t: string) => t.toLowerCase() === 'one')).toHaveLength(1);
  });

  test('typed custom fields: set, replace, unset; values must match the type', async () => {
    const c = await create({ name: 'Fields' });
    const put = (key: string, body: unknown) => owner.client.put(`/api/contacts/${c.id}/fields/${key}`, body);
    expect((await put('plan', { type: 'string', value: 'pro' })).body.customFields).toEqual([{ key: 'plan', type: 'string', value: 'pro' }]);
    await put('seats', { type: 'number', value: 12.5 });
    await put('trial', { type: 'boolean', value: false });
    await put('renewal', { type: 'date', value: '2025-06-30T12:00:00+02:00' });
    const replaced = await put('plan', { type: 'string', value: 'enterprise' });
    expect(replaced.body.customFields).toEqual([
      { key: 'plan', type: 'string', value: 'enterprise' },
      { key: 'seats', type: 'number', value: 12.5 },
      { key: 'trial', type: 'boolean', value: false },
      { key: 'renewal', type: 'date', value: '2025-06-30T10:00:00.000Z' },
    ]);
    const stored = await orgRepos(server, owner.org.id).contacts.findById(oid(c.id));
    expect(stored!.customFields.find((f) => f.key === 'renewal')!.value).toBeInstanceOf(Date);
    const mismatches: [string, unknown][] = [
      ['number', '12'],
      ['boolean', 'true'],
      ['string', 5],
      ['date', 'next tuesday'],
      ['date', '2025-02-30'],
      ['date', 1700000000000],
    ];
    for (const [type, value] of mismatches) {
      const res = await put('check', { type, value });
      expect(res.status, `${type} ${String(value)}`).toBe(400);
      expect(res.body.error.field).toBe('body.value');
    }
    for (const key of ['1abc', 'has-dash', 'a'.repeat(41), '$where', '__proto__x']) {
      const res = await put(encodeURIComponent(key), { type: 'string', value: 'x' });
      expect(res.status, key).toBe(400);
      expect(res.body.error.field).toBe('params.key');
    }
    const typeRes = await put('ok', { type: 'json', value: 'x' });
    expect(typeRes.body.error.field).toBe('body.type');
    const unset = await owner.client.delete(`/api/contacts/${c.id}/fields/seats`);
    expect(unset.body.customFields.map((f: { key: string }) => f.key)).toEqual(['plan', 'trial', 'renewal']);
  });
});

describe('chats of a contact', () => {
  test('only the chats the caller may see, newest first', async () => {
    const db = orgRepos(server, owner.org.id);
    const secret = (await owner.client.post('/api/teams', { name: 'Secret', permissionMode: 'restrictive' })).body.id;
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    const c = await create({ name: 'Chatty' });
    const chat = async (teamId: string, minutes: number) =>
      (
        await db.chats.insert({
          contactId: new ObjectId(c.id),
          teamId: new ObjectId(teamId),
          status: 'ended',
          channel: 'web',
          createdAt: new Date(Date.UTC(2025, 0, 1, 0, minutes)),
        })
      )._id.toString();
    const older = await chat(inboxId, 1);
    const newer = await chat(inboxId, 2);
    const hidden = await chat(secret, 3);
    const asOwner = await owner.client.get(`/api/contacts/${c.id}/chats`);
    expect(ids(asOwner.body)).toEqual([hidden, newer, older]);
    expect(asOwner.body.items[0].contact).toMatchObject({ id: c.id, name: 'Chatty' });
    expect(ids((await agent.client.get(`/api/contacts/${c.id}/chats`)).body)).toEqual([newer, older]);
  });
});

describe('handoff helpers', () => {
  test('upsertContactByExternalId creates once, then updates; concurrent first sightings make one contact', async () => {
    const orgId = new ObjectId(owner.org.id);
    const results = await Promise.all(
      [1, 2, 3].map(() => upsertContactByExternalId(server.ctx, orgId, { botUserId: 'u-42', channel: 'telegram' }, { name: 'Bot User' })),
    );
    expect(new Set(results.map((r) => r.contact._id.toString())).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const again = await upsertContactByExternalId(server.ctx, orgId, { botUserId: 'u-42', channel: 'telegram' }, { email: 'Bot@Example.com' });
    expect(again.created).toBe(false);
    expect(again.contact).toMatchObject({ name: 'Bot User', email: 'bot@example.com', status: 'open' });
    const found = (await owner.client.get('/api/contacts?q=bot%40example')).body.items;
    expect(found.map((x: { externalIds: unknown }) => x.externalIds)).toEqual([{ botUserId: 'u-42', channel: 'telegram', userId: null }]);
  });
});

describe('bad input', () => {
  test('operators and wrong types are 400 naming the field; nothing is written', async () => {
    const c = await create({ name: 'Target' });
    const contacts = orgRepos(server, owner.org.id).contacts;
    const before = await contacts.count();
    const bodies: [string, string, unknown, string][] = [
      ['POST', '/api/contacts', { name: OPERATOR }, 'body.name'],
      ['POST', '/api/contacts', { email: 'not mail' }, 'body.email'],
      ['POST', '/api/contacts', { status: 'vip' }, 'body.status'],
      ['POST', '/api/contacts', { tags: 'vip' }, 'body.tags'],
      ['POST', '/api/contacts', { tags: [OPERATOR] }, 'body.tags[0]'],
      ['POST', '/api/contacts', { tags: ['ok', ' '] }, 'body.tags[1]'],
      ['POST', '/api/contacts', { orgId: owner.org.id }, 'body.orgId'],
      ['PATCH', `/api/contacts/${c.id}`, { username: OPERATOR }, 'body.username'],
      ['PATCH', `/api/contacts/${c.id}`, { phone: 'call me maybe' }, 'body.phone'],
      ['PATCH', `/api/contacts/${c.id}`, { searchText: 'x' }, 'body.searchText'],
      ['PATCH', `/api/contacts/${c.id}`, { status: OPERATOR }, 'body.status'],
      ['POST', `/api/contacts/${c.id}/tags`, { tag: OPERATOR }, 'body.tag'],
      ['POST', `/api/contacts/${c.id}/tags`, { tag: ['a'] }, 'body.tag'],
      ['PUT', `/api/contacts/${c.id}/fields/plan`, { type: 'string', value: OPERATOR }, 'body.value'],
      ['PUT', `/api/contacts/${c.id}/fields/plan`, { type: OPERATOR, value: 'x' }, 'body.type'],
    ];
    for (const [method, path, body, field] of bodies) {
      const res = await owner.client.request(method, path, body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.field, `${method} ${JSON.stringify(body)}`).toBe(field);
    }
    const injected = await owner.client.get('/api/contacts?q[$ne]=x');
    expect(injected.status).toBe(400);
    expect(injected.body.error.field).toStartWith('query.');
    expect(await contacts.count()).toBe(before);
    expect((await owner.client.get(`/api/contacts/${c.id}`)).body).toMatchObject({ name: 'Target', tags: [], customFields: [] });
  });
});

describe('another organization', () => {
  test('gets 404 for every route with this organization’s contact ids and never finds them', async () => {
    const c = await create({ name: 'Confidential Carl', tags: ['secret'] });
    await owner.client.put(`/api/contacts/${c.id}/fields/plan`, { type: 'string', value: 'gold' });
    const other = await signUp(server, { orgName: 'Snoops' });
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/contacts/${c.id}`],
      ['PATCH', `/api/contacts/${c.id}`, { name: 'Pwned' }],
      ['POST', `/api/contacts/${c.id}/tags`, { tag: 'pwned' }],
      ['DELETE', `/api/contacts/${c.id}/tags/secret`],
      ['PUT', `/api/contacts/${c.id}/fields/plan`, { type: 'string', value: 'free' }],
      ['DELETE', `/api/contacts/${c.id}/fields/plan`],
      ['GET', `/api/contacts/${c.id}/chats`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await other.client.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await other.client.get('/api/contacts?q=carl')).body.items).toEqual([]);
    expect((await other.client.get('/api/contacts?tag=secret')).body.items).toEqual([]);
    expect((await owner.client.get(`/api/contacts/${c.id}`)).body).toMatchObject({
      name: 'Confidential Carl',
      tags: ['secret'],
      customFields: [{ key: 'plan', type: 'string', value: 'gold' }],
    });
  });
});
