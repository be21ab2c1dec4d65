// Issue #8: contacts, teams and members, and single-use login links through the bot API.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey, provisionAgent } from '../../e2e/simulator/fixtures';
import { addMember, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let api: PhoenixApiClient;
let inbox: string;
beforeAll(async () => {
  server = await startTestServer('handoff_contacts');
  owner = await signUp(server, { orgName: 'Contacts Co' });
  api = new PhoenixApiClient(server.url, (await createKey(owner.client)).key);
  inbox = owner.user.teamIds[0];
});
afterAll(() => server.close());

describe('contacts', () => {
  test('found by id or by bot user and channel; fields, tags and status read and written', async () => {
    const opened = await api.handoff({ handoffId: 'c-1', contact: { botUserId: '+15550001', channel: 'sms', name: 'Lee' } });
    const id = opened.body.contact.id;
    expect((await api.request('GET', `/api/v1/contacts/${id}`)).body).toMatchObject({ id, name: 'Lee', status: 'open' });
    expect((await api.request('GET', '/api/v1/contacts?botUserId=%2B15550001&channel=sms')).body.id).toBe(id);
    expect((await api.request('GET', '/api/v1/contacts?botUserId=%2B15550001&channel=messenger')).status).toBe(404);
    expect((await api.request('GET', '/api/v1/contacts?botUserId=x')).status).toBe(400);

    const withField = await api.request('PUT', `/api/v1/contacts/${id}/fields/renewsOn`, { type: 'date', value: '2025-03-01' });
    expect(withField.body.customFields).toEqual([{ key: 'renewsOn', type: 'date', value: '2025-03-01T00:00:00.000Z' }]);
    expect((await api.request('PUT', `/api/v1/contacts/${id}/fields/renewsOn`, { type: 'date', value: 'soon' })).body.error.field).toBe('body.value');
    expect((await api.request('PUT', `/api/v1/contacts/${id}/fields/9bad`, { type: 'string', value: 'x' })).body.error.field).toBe('params.key');
    expect((await api.request('DELETE', `/api/v1/contacts/${id}/fields/renewsOn`)).body.customFields).toEqual([]);

    expect((await api.request('POST', `/api/v1/contacts/${id}/tags`, { tag: 'VIP' })).body.tags).toEqual(['VIP']);
    expect((await api.request('POST', `/api/v1/contacts/${id}/tags`, { tag: 'vip' })).body.tags).toEqual(['VIP']);
    expect((await api.request('DELETE', `/api/v1/contacts/${id}/tags/vip`)).body.tags).toEqual([]);

    const patched = await api.request('PATCH', `/api/v1/contacts/${id}`, { status: 'customer', email: 'LEE@Example.test' });
    expect(patched.body).toMatchObject({ status: 'customer', email: 'lee@example.test' });
    expect((await api.request('PATCH', `/api/v1/contacts/${id}`, { status: 'vip' })).body.error.field).toBe('body.status');
    // The console sees what the bot wrote.
    expect((await owner.client.get(`/api/contacts/${id}`)).body.status).toBe('customer');
  });

  test('a later handoff updates the contact: given fields overwrite, tags add up', async () => {
    await api.handoff({ handoffId: 'c-2', contact: { botUserId: 'm-9', channel: 'messenger', name: 'Old', tags: ['a'], customFields: [{ key: 'n', type: 'number', value: 1 }] } });
    const again = await api.handoff({ handoffId: 'c-3', contact: { botUserId: 'm-9', channel: 'messenger', name: 'New', tags: ['b'], customFields: [{ key: 'n', type: 'number', value: 2 }] } });
    expect(again.body.contact).toMatchObject({ name: 'New', tags: ['a', 'b'], customFields: [{ key: 'n', type: 'number', value: 2 }] });
  });
});

describe('teams and members', () => {
  test('teams and members are listed', async () => {
    const teams = await api.request('GET', '/api/v1/teams');
    expect(teams.body.items.map((t: any) => t.name)).toContain('Inbox');
    const members = await api.request('GET', '/api/v1/members');
    expect(members.body.items.map((m: any) => m.email)).toContain(owner.email);
  });

  test('a member is invited (the e-mail goes out) or created with a password', async () => {
    const invited = await api.request('POST', '/api/v1/invitations', { email: 'Invitee@Example.test', role: 'supervisor', teamIds: [inbox] });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'invitee@example.test', role: 'supervisor', teamIds: [inbox] });
    const mail = server.outbox.findLast((m) => m.to === 'invitee@example.test');
    expect(mail?.text).toContain('/accept?token=');
    expect(mail?.subject).toContain('Olivia Owner');

    const created = await provisionAgent(api, 'Dee', [inbox], 'admin');
    expect((await created.client.get('/api/auth/me')).body.user).toMatchObject({ name: 'Dee', role: 'admin', teamIds: [inbox] });
    const dup = await api.request('POST', '/api/v1/members', { email: created.email, name: 'Dee 2', password: 'long password', role: 'agent' });
    expect(dup.body.error).toMatchObject({ code: 'CONFLICT', field: 'body.email' });
    expect((await api.request('POST', '/api/v1/members', { email: 'x@y.test', name: 'X', password: 'short', role: 'agent' })).body.error.field).toBe('body.password');
    expect((await api.request('POST', '/api/v1/members', { email: 'x@y.test', name: 'X', password: 'long password', role: 'agent', teamIds: ['0123456789abcdef01234567'] })).body.error.field).toBe('body.teamIds[0]');
  });

  test('a key acts with its creator’s rights: an admin’s key cannot make owners, and stops provisioning once its creator is demoted', async () => {
    const admin = await addMember(server, owner.client, { role: 'admin', teamIds: [inbox] });
    const adminApi = new PhoenixApiClient(server.url, (await createKey(admin.client)).key);
    expect((await adminApi.request('POST', '/api/v1/members', { email: 'o2@x.test', name: 'O', password: 'long password', role: 'owner' })).status).toBe(403);
    expect((await adminApi.request('POST', '/api/v1/invitations', { email: 'o3@x.test', role: 'owner' })).status).toBe(403);
    expect((await adminApi.request('POST', '/api/v1/members', { email: 'a2@x.test', name: 'A', password: 'long password', role: 'agent' })).status).toBe(201);
    await owner.client.patch(`/api/members/${admin.user.id}`, { role: 'agent' });
    expect((await adminApi.request('POST', '/api/v1/members', { email: 'a3@x.test', name: 'A', password: 'long password', role: 'agent' })).status).toBe(403);
    // Chats are automation and keep working.
    expect((await adminApi.handoff({ handoffId: 'after-demotion', contact: { botUserId: 'z', channel: 'sms' } })).status).toBe(201);
  });
});

describe('login links', () => {
  const redeem = (token: string) => new TestClient(server.url).post('/api/auth/login-link', { token });
  const tokenOf = (url: string) => decodeURIComponent(new URL(url).searchParams.get('token')!);

  test('a link signs a member into the console once', async () => {
    const agent = await provisionAgent(api, 'Lin', [inbox]);
    const link = await api.request('POST', '/api/v1/login-links', { email: agent.email.toUpperCase() });
    expect(link.status).toBe(201);
    expect(link.body.url).toStartWith('http://phoenix.test/login-link?token=');
    expect(new Date(link.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    const browser = new TestClient(server.url);
    const first = await browser.post('/api/auth/login-link', { token: tokenOf(link.body.url) });
    expect(first.status).toBe(200);
    expect(first.body.user.email).toBe(agent.email);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    // Issue 16 item 8: a used link says so (410 LOGIN_LINK_USED), unlike an unknown one (400).
    const used = await redeem(tokenOf(link.body.url));
    expect(used.status).toBe(410);
    expect(used.body.error).toMatchObject({ code: 'LOGIN_LINK_USED', field: 'body.token' });
    const unknown = await redeem('x'.repeat(43));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION');
  });

  test('50 parallel redemptions of one link produce exactly one session', async () => {
    const agent = await provisionAgent(api, 'Par', [inbox]);
    const link = await api.request('POST', '/api/v1/login-links', { email: agent.email });
    const db = orgRepos(server, owner.org.id);
    const userId = (await db.members.findOne({ email: agent.email }))!._id;
    const sessionsBefore = await db.sessions.count({ userId });
    server.ctx.limiter.reset();
    const results = await Promise.all(Array.from({ length: 50 }, () => redeem(tokenOf(link.body.url))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The rest are refused: used (410) or, past the per-address limit, 429.
    expect(statuses.every((s) => s === 200 || s === 410 || s === 429)).toBe(true);
    expect(await db.sessions.count({ userId })).toBe(sessionsBefore + 1);
    expect(results.filter((r) => r.headers.getSetCookie().some((c) => c.startsWith('phx_session=') && !c.startsWith('phx_session=;')))).toHaveLength(1);
    server.ctx.limiter.reset();
  });

  test('an expired link is refused', async () => {
    const agent = await provisionAgent(api, 'Exp', [inbox]);
    const link = await api.request('POST', '/api/v1/login-links', { email: agent.email });
    const expired = await orgRepos(server, owner.org.id).oneTimeTokens.updateMany({ kind: 'login_link', usedAt: null }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    expect(expired.modifiedCount).toBeGreaterThan(0);
    // Issue 16 item 8: an expired link answers another code than a used one.
    const refused = await redeem(tokenOf(link.body.url));
    expect(refused.status).toBe(410);
    expect(refused.body.error).toMatchObject({ code: 'LOGIN_LINK_EXPIRED', field: 'body.token' });
  });

  test('only for members of the key’s organization; owners only with an owner’s key', async () => {
    const other = await signUp(server, { orgName: 'Elsewhere' });
    expect((await api.request('POST', '/api/v1/login-links', { email: other.email })).status).toBe(404);
    expect((await api.request('POST', '/api/v1/login-links', { email: 'nobody@example.test' })).status).toBe(404);
    expect((await api.request('POST', '/api/v1/login-links', { email: owner.email })).status).toBe(201);
    const admin = await addMember(server, owner.client, { role: 'admin', teamIds: [inbox] });
    const adminApi = new PhoenixApiClient(server.url, (await createKey(admin.client)).key);
    expect((await adminApi.request('POST', '/api/v1/login-links', { email: owner.email })).status).toBe(403);
    expect((await adminApi.request('POST', '/api/v1/login-links', { email: admin.email })).status).toBe(201);
  });
});
