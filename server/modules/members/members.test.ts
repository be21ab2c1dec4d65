import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BusEvent } from '../../bus/bus';
import { OPERATOR, TestClient, addMember, orgRepos, signUp, startTestServer, type TestServer } from '../../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let inboxId: string;
let salesId: string;
const events: BusEvent[] = [];

beforeAll(async () => {
  server = await startTestServer('members');
  server.ctx.bus.subscribe((e) => events.push(e));
  owner = await signUp(server);
  inboxId = owner.user.teamIds[0];
  salesId = (await owner.client.post('/api/teams', { name: 'Sales' })).body.id;
  await owner.client.patch('/api/me', { phone: '+1 555 010 9999' });
});
afterAll(async () => {
  await server.close();
});

describe('GET /api/members', () => {
  test('every member sees the organization; phone numbers only admins (and oneself)', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    const admin = await addMember(server, owner.client, { role: 'admin' });
    const asAgent = await agent.client.get('/api/members');
    expect(asAgent.status).toBe(200);
    const ids = asAgent.body.items.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([owner.user.id, agent.user.id, admin.user.id]));
    expect(asAgent.body.items.find((m: { id: string }) => m.id === owner.user.id).phone).toBeNull();
    expect(asAgent.body.items[0]).not.toHaveProperty('passwordHash');
    const asAdmin = await admin.client.get('/api/members');
    expect(asAdmin.body.items.find((m: { id: string }) => m.id === owner.user.id).phone).toBe('+15550109999');
    expect((await new TestClient(server.url).get('/api/members')).status).toBe(401);
  });
});

describe('PATCH /api/members/:id', () => {
  test('agents and supervisors cannot change members', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [salesId] });
    for (const c of [agent.client, supervisor.client]) {
      const res = await c.patch(`/api/members/${agent.user.id}`, { maxConcurrentChats: 3 });
      expect(res.status).toBe(403);
      expect((await c.patch(`/api/members/${owner.user.id}`, { role: 'agent' })).status).toBe(403);
    }
  });

  test('admins manage non-owners but cannot make or touch owners', async () => {
    const admin = await addMember(server, owner.client, { role: 'admin' });
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const promoted = await admin.client.patch(`/api/members/${agent.user.id}`, { role: 'supervisor', teamIds: [salesId, salesId], maxConcurrentChats: 4 });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'supervisor', teamIds: [salesId], maxConcurrentChats: 4 });
    expect((await admin.client.patch(`/api/members/${agent.user.id}`, { role: 'owner' })).status).toBe(403);
    expect((await admin.client.patch(`/api/members/${owner.user.id}`, { role: 'admin' })).status).toBe(403);
    expect((await admin.client.patch(`/api/members/${owner.user.id}`, { active: false })).status).toBe(403);
    expect((await admin.client.patch(`/api/members/${owner.user.id}`, { maxConcurrentChats: 2 })).status).toBe(403);
    // Own teams and cap are fine; own role and deactivation are not; resending the current role is a no-op.
    const own = await admin.client.patch(`/api/members/${admin.user.id}`, { role: 'admin', teamIds: [inboxId], maxConcurrentChats: null });
    expect(own.status).toBe(200);
    expect(own.body.teamIds).toEqual([inboxId]);
    expect((await admin.client.patch(`/api/members/${admin.user.id}`, { role: 'agent' })).status).toBe(403);
    expect((await admin.client.patch(`/api/members/${admin.user.id}`, { active: false })).status).toBe(403);
    const nulled = await admin.client.patch(`/api/members/${agent.user.id}`, { maxConcurrentChats: null });
    expect(nulled.body.maxConcurrentChats).toBeNull();
  });

  test('a patch changes only what it names (no defaults fill in a role)', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const res = await owner.client.patch(`/api/members/${agent.user.id}`, { maxConcurrentChats: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'agent', active: true, maxConcurrentChats: 3 });
  });

  test('the last owner cannot demote or deactivate themselves; owners can make owners', async () => {
    expect((await owner.client.patch(`/api/members/${owner.user.id}`, { role: 'admin' })).status).toBe(403);
    expect((await owner.client.patch(`/api/members/${owner.user.id}`, { active: false })).status).toBe(403);
    const other = await signUp(server, { orgName: 'Two owners' });
    const second = await addMember(server, other.client, { role: 'admin' });
    const made = await other.client.patch(`/api/members/${second.user.id}`, { role: 'owner' });
    expect(made.status).toBe(200);
    expect(made.body.role).toBe('owner');
    // Two owners demoting each other at once: one wins, at least one active owner remains.
    const [a, b] = await Promise.all([
      other.client.patch(`/api/members/${second.user.id}`, { role: 'admin' }),
      second.client.patch(`/api/members/${other.user.id}`, { role: 'admin' }),
    ]);
    // Sequentially the loser is no owner any more (403); truly at once both writes are undone (409).
    const wins = [a.status, b.status].filter((s) => s === 200).length;
    expect(wins).toBeLessThanOrEqual(1);
    expect([a.status, b.status].every((s) => s === 200 || s === 403 || s === 409)).toBe(true);
    const owners = await orgRepos(server, other.org.id).members.count({ role: 'owner', active: true, email: { $in: [other.email, second.email] } });
    expect(owners).toBe(wins === 1 ? 1 : 2);
  });

  test('deactivation ends the member’s sessions at once and keeps them out', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [salesId] });
    expect((await agent.client.get('/api/auth/me')).status).toBe(200);
    events.length = 0;
    const res = await owner.client.patch(`/api/members/${agent.user.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await agent.client.get('/api/auth/me')).status).toBe(401);
    expect((await agent.client.get('/api/members')).status).toBe(401);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'user.revoked', userId: agent.user.id, reason: 'deactivated' }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'user.changed', userId: agent.user.id }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'team.changed', teamId: salesId }));
    const login = await new TestClient(server.url).post('/api/auth/login', { email: agent.email, password: agent.password });
    expect(login.status).toBe(403);
    // Deactivated members drop out of team member lists but keep their teams for reactivation.
    const sales = (await owner.client.get('/api/teams')).body.items.find((t: { id: string }) => t.id === salesId);
    expect(sales.memberIds).not.toContain(agent.user.id);
    const back = await owner.client.patch(`/api/members/${agent.user.id}`, { active: true });
    expect(back.body).toMatchObject({ active: true, teamIds: [salesId] });
    expect((await new TestClient(server.url).post('/api/auth/login', { email: agent.email, password: agent.password })).status).toBe(200);
  });

  test('teams must belong to the organization; nothing is written otherwise', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    const other = await signUp(server, { orgName: 'Foreign' });
    const foreignTeam = other.user.teamIds[0];
    const res = await owner.client.patch(`/api/members/${agent.user.id}`, { teamIds: [salesId, foreignTeam], role: 'supervisor' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.teamIds[1]');
    const unchanged = (await owner.client.get('/api/members')).body.items.find((m: { id: string }) => m.id === agent.user.id);
    expect(unchanged).toMatchObject({ role: 'agent', teamIds: [inboxId] });
    events.length = 0;
    const ok = await owner.client.patch(`/api/members/${agent.user.id}`, { teamIds: [salesId] });
    expect(ok.body.teamIds).toEqual([salesId]);
    const kinds = events.map((e) => (e.kind === 'team.changed' ? `team:${e.teamId}` : e.kind));
    expect(kinds).toEqual(expect.arrayContaining(['user.changed', `team:${salesId}`, `team:${inboxId}`]));
  });

  test('operators and wrong types are 400 naming the field', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const cases: [unknown, string][] = [
      [{ role: OPERATOR }, 'body.role'],
      [{ role: 'root' }, 'body.role'],
      [{ active: 'false' }, 'body.active'],
      [{ active: OPERATOR }, 'body.active'],
      [{ teamIds: OPERATOR }, 'body.teamIds'],
      [{ teamIds: [OPERATOR] }, 'body.teamIds[0]'],
      [{ maxConcurrentChats: 0 }, 'body.maxConcurrentChats'],
      [{ maxConcurrentChats: 101 }, 'body.maxConcurrentChats'],
      [{ maxConcurrentChats: 2.5 }, 'body.maxConcurrentChats'],
      [{ maxConcurrentChats: '5' }, 'body.maxConcurrentChats'],
      [{ email: 'x@example.test' }, 'body.email'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.client.patch(`/api/members/${agent.user.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await owner.client.patch('/api/members/not-an-id', { active: true })).status).toBe(404);
  });
});

describe('another organization', () => {
  test('gets 404 for this organization’s members and does not list them', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const other = await signUp(server, { orgName: 'Rival' });
    for (const target of [agent.user.id, owner.user.id]) {
      expect((await other.client.patch(`/api/members/${target}`, { active: false })).status).toBe(404);
      expect((await other.client.patch(`/api/members/${target}`, { role: 'agent' })).status).toBe(404);
    }
    const list = await other.client.get('/api/members');
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([other.user.id]);
    expect((await agent.client.get('/api/auth/me')).status).toBe(200);
  });
});
