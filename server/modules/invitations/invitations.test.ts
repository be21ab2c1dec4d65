import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'bun:test';
import { manualClock } from '../../clock';
import { OPERATOR, TestClient, addMember, invitationToken, oid, orgRepos, signUp, startTestServer, uniqueEmail, type TestServer } from '../../testing/harness';

const clock = manualClock(new Date('2025-03-03T09:00:00Z'));
let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let salesId: string;

beforeAll(async () => {
  server = await startTestServer('invitations', { clock });
  owner = await signUp(server, { orgName: 'Acme & Co <b>' });
  const sales = await owner.client.post('/api/teams', { name: 'Sales' });
  expect(sales.status).toBe(201);
  salesId = sales.body.id;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.ctx.limiter.reset());

describe('invitation journey', () => {
  test('invite → mail → lookup → accept → the member signs in with role and teams', async () => {
    const email = uniqueEmail('Invitee').toUpperCase();
    const invited = await owner.client.post('/api/invitations', { email, role: 'supervisor', teamIds: [salesId] });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: email.toLowerCase(), role: 'supervisor', teamIds: [salesId], acceptedAt: null });
    expect(new Date(invited.body.expiresAt).getTime() - clock.now().getTime()).toBe(7 * 86_400_000);

    const mail = server.outbox.at(-1)!;
    expect(mail.to).toBe(email.toLowerCase());
    expect(mail.text).toContain('http://phoenix.test/accept?token=');
    expect(mail.text).toContain('Acme & Co <b>');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    const token = invitationToken(server, email.toLowerCase());
    // Only the hash is stored.
    const stored = await orgRepos(server, owner.org.id).invitations.findById(oid(invited.body.id));
    expect(stored).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(token);

    const pending = await owner.client.get('/api/invitations');
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(invited.body.id);

    const anonymous = new TestClient(server.url);
    const lookup = await anonymous.get(`/api/invitations/lookup/${encodeURIComponent(token)}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({ email: email.toLowerCase(), orgName: 'Acme & Co <b>', role: 'supervisor' });

    const accepted = await anonymous.post('/api/invitations/accept', { token, name: '  Sam Super  ', password: 'a long password' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Sam Super', role: 'supervisor', teamIds: [salesId] });
    expect(accepted.body.org.id).toBe(owner.org.id);
    const me = await anonymous.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe('supervisor');

    const login = new TestClient(server.url);
    const loggedIn = await login.post('/api/auth/login', { email, password: 'a long password' });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body.user).toMatchObject({ role: 'supervisor', teamIds: [salesId] });

    // Reuse fails, the lookup no longer answers, and it left the pending list.
    const again = await new TestClient(server.url).post('/api/invitations/accept', { token, name: 'Mallory', password: 'another password' });
    expect(again.status).toBe(400);
    expect(again.body.error.field).toBe('body.token');
    expect((await anonymous.get(`/api/invitations/lookup/${encodeURIComponent(token)}`)).status).toBe(404);
    const after = await owner.client.get('/api/invitations');
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(invited.body.id);
    const team = (await owner.client.get('/api/teams')).body.items.find((t: { id: string }) => t.id === salesId);
    expect(team.memberIds).toContain(accepted.body.user.id);
  });

  test('two accepts at once: exactly one member is created', async () => {
    const email = uniqueEmail('race');
    await owner.client.post('/api/invitations', { email, role: 'agent' });
    const token = invitationToken(server, email);
    const results = await Promise.all(
      [1, 2, 3].map((i) => new TestClient(server.url).post('/api/invitations/accept', { token, name: `Racer ${i}`, password: 'a long password' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
    expect(await orgRepos(server, owner.org.id).members.count({ email })).toBe(1);
  });

  test('an expired invitation cannot be looked up or accepted', async () => {
    const email = uniqueEmail('late');
    await owner.client.post('/api/invitations', { email, role: 'agent' });
    const token = invitationToken(server, email);
    clock.advance(7 * 86_400_000 + 1000);
    try {
      expect((await new TestClient(server.url).get(`/api/invitations/lookup/${token}`)).status).toBe(404);
      const res = await new TestClient(server.url).post('/api/invitations/accept', { token, name: 'Late', password: 'a long password' });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('body.token');
      expect(await server.ctx.repos.crossOrg.emailTaken(email)).toBe(false);
    } finally {
      clock.advance(-(7 * 86_400_000 + 1000));
    }
  });

  // Issue 16 item 8 (server/test/invitations-resend.test.ts): a resend keeps the invitation and its first link.
  test('re-inviting a pending address resends the same invitation with the new role and teams', async () => {
    const email = uniqueEmail('twice');
    const first = await owner.client.post('/api/invitations', { email, role: 'agent' });
    const oldToken = invitationToken(server, email);
    const second = await owner.client.post('/api/invitations', { email, role: 'admin', teamIds: [salesId] });
    expect(second.status).toBe(201);
    const newToken = invitationToken(server, email);
    expect(newToken).not.toBe(oldToken);
    const list = (await owner.client.get('/api/invitations')).body.items.filter((i: { email: string }) => i.email === email);
    expect(list.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    expect(list[0]).toMatchObject({ role: 'admin', teamIds: [salesId] });
    expect((await new TestClient(server.url).get(`/api/invitations/lookup/${oldToken}`)).body.role).toBe('admin');
    expect((await new TestClient(server.url).get(`/api/invitations/lookup/${newToken}`)).body.role).toBe('admin');
  });

  test('an address that already has an account is a 409 on body.email', async () => {
    const res = await owner.client.post('/api/invitations', { email: owner.email.toUpperCase(), role: 'agent' });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('body.email');
  });

  test('revoking makes the link useless', async () => {
    const email = uniqueEmail('revoked');
    const inv = await owner.client.post('/api/invitations', { email, role: 'agent' });
    const token = invitationToken(server, email);
    expect((await owner.client.delete(`/api/invitations/${inv.body.id}`)).status).toBe(204);
    expect((await owner.client.delete(`/api/invitations/${inv.body.id}`)).status).toBe(404);
    expect((await new TestClient(server.url).get(`/api/invitations/lookup/${token}`)).status).toBe(404);
    const res = await new TestClient(server.url).post('/api/invitations/accept', { token, name: 'Nope', password: 'a long password' });
    expect(res.status).toBe(400);
  });
});

describe('who may invite', () => {
  test('agents and supervisors get 403; admins cannot invite owners; owners can', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [salesId] });
    const admin = await addMember(server, owner.client, { role: 'admin' });
    for (const c of [agent.client, supervisor.client]) {
      expect((await c.post('/api/invitations', { email: uniqueEmail(), role: 'agent' })).status).toBe(403);
      expect((await c.get('/api/invitations')).status).toBe(403);
    }
    const ownerInvite = await admin.client.post('/api/invitations', { email: uniqueEmail(), role: 'owner' });
    expect(ownerInvite.status).toBe(403);
    expect((await admin.client.post('/api/invitations', { email: uniqueEmail(), role: 'admin' })).status).toBe(201);
    const byOwner = await owner.client.post('/api/invitations', { email: uniqueEmail(), role: 'owner' });
    expect(byOwner.status).toBe(201);
    // …and an admin cannot revoke the owner invitation either.
    expect((await admin.client.delete(`/api/invitations/${byOwner.body.id}`)).status).toBe(403);
    const agentDelete = await agent.client.delete(`/api/invitations/${byOwner.body.id}`);
    expect(agentDelete.status).toBe(403);
    expect((await new TestClient(server.url).post('/api/invitations', { email: uniqueEmail(), role: 'agent' })).status).toBe(401);
  });

  test('teams must be teams of the organization', async () => {
    const other = await signUp(server, { orgName: 'Other' });
    const foreignTeam = (await other.client.get('/api/teams')).body.items[0].id;
    const foreign = await owner.client.post('/api/invitations', { email: uniqueEmail(), role: 'agent', teamIds: [salesId, foreignTeam] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('body.teamIds[1]');
    const malformed = await owner.client.post('/api/invitations', { email: uniqueEmail(), role: 'agent', teamIds: ['nope'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('body.teamIds[0]');
  });
});

describe('bad input', () => {
  test('operators and wrong types are 400 naming the field; nothing is written', async () => {
    const before = await orgRepos(server, owner.org.id).invitations.count();
    const cases: [unknown, string][] = [
      [{ email: OPERATOR, role: 'agent' }, 'body.email'],
      [{ email: 'not-an-email', role: 'agent' }, 'body.email'],
      [{ email: uniqueEmail(), role: OPERATOR }, 'body.role'],
      [{ email: uniqueEmail(), role: 'superuser' }, 'body.role'],
      [{ email: uniqueEmail(), role: 'agent', teamIds: OPERATOR }, 'body.teamIds'],
      [{ email: uniqueEmail(), role: 'agent', teamIds: [OPERATOR] }, 'body.teamIds[0]'],
      [{ email: uniqueEmail(), role: 'agent', isAdmin: true }, 'body.isAdmin'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.client.post('/api/invitations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect(await orgRepos(server, owner.org.id).invitations.count()).toBe(before);

    const anonymous = new TestClient(server.url);
    const acceptCases: [unknown, string][] = [
      [{ token: OPERATOR, name: 'X', password: 'a long password' }, 'body.token'],
      [{ token: 'x'.repeat(40), name: OPERATOR, password: 'a long password' }, 'body.name'],
      [{ token: 'x'.repeat(40), name: 'X', password: 'short' }, 'body.password'],
      [{ token: 'x'.repeat(40), name: 'X', password: 'a long password', role: 'owner' }, 'body.role'],
    ];
    for (const [body, field] of acceptCases) {
      const res = await anonymous.post('/api/invitations/accept', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await anonymous.get('/api/invitations/lookup/%24gt')).status).toBe(404);
  });
});

describe('another organization', () => {
  test("sees none of this organization's invitations", async () => {
    const inv = await owner.client.post('/api/invitations', { email: uniqueEmail(), role: 'agent' });
    const other = await signUp(server, { orgName: 'Elsewhere' });
    expect((await other.client.delete(`/api/invitations/${inv.body.id}`)).status).toBe(404);
    expect((await other.client.get('/api/invitations')).body.items).toEqual([]);
    expect((await owner.client.get('/api/invitations')).body.items.map((i: { id: string }) => i.id)).toContain(inv.body.id);
  });
});

describe('rate limits', () => {
  test('accept and lookup are limited per address', async () => {
    const anonymous = new TestClient(server.url);
    for (let i = 0; i < 10; i += 1) {
      const res = await anonymous.post('/api/invitations/accept', { token: `guess-${i}-`.padEnd(40, 'x'), name: 'G', password: 'a long password' });
      expect(res.status).toBe(400);
    }
    const limited = await anonymous.post('/api/invitations/accept', { token: 'y'.repeat(40), name: 'G', password: 'a long password' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    for (let i = 0; i < 30; i += 1) expect((await anonymous.get(`/api/invitations/lookup/guess${i}`)).status).toBe(404);
    expect((await anonymous.get('/api/invitations/lookup/guess-more')).status).toBe(429);
    // The window passes.
    clock.advance(16 * 60_000);
    expect((await anonymous.get('/api/invitations/lookup/guess-after')).status).toBe(404);
  });
});
