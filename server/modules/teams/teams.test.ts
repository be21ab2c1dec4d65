import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ObjectId } from '../../db/ids';
import type { BusEvent } from '../../bus/bus';
import { OPERATOR, addMember, oid, orgRepos, signUp, startTestServer, uniqueEmail, type TestServer } from '../../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let inboxId: string;
const events: BusEvent[] = [];

const weekdays = { timezone: 'Europe/London', weekly: { mon: [{ start: '09:00', end: '17:00' }] }, exceptions: [] };

beforeAll(async () => {
  server = await startTestServer('teams');
  server.ctx.bus.subscribe((e) => events.push(e));
  owner = await signUp(server);
  inboxId = owner.user.teamIds[0];
});
afterAll(async () => {
  await server.close();
});

async function openChat(teamId: string, status: 'unassigned' | 'assigned' | 'ended' = 'unassigned') {
  const db = orgRepos(server, owner.org.id);
  const contact = await db.contacts.insert({ name: 'Visitor', firstSeenAt: new Date(), lastSeenAt: new Date() });
  const chat = await db.chats.insert({ contactId: contact._id, teamId: oid(teamId), status, channel: 'web', createdAt: new Date() });
  return chat._id.toString();
}

describe('create', () => {
  test('admins create teams with default settings; names are unique ignoring case', async () => {
    events.length = 0;
    const res = await owner.client.post('/api/teams', { name: '  Support  ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Support',
      isDefault: false,
      memberIds: [],
      permissionMode: 'collaborative',
      assignmentStrategy: 'none',
      unresponsiveStrategy: 'none',
      unresponsiveTimeoutSeconds: 300,
      schedule: null,
    });
    expect(res.body.afterHoursMessage.length).toBeGreaterThan(0);
    expect(events).toContainEqual({ kind: 'team.changed', orgId: owner.org.id, teamId: res.body.id });
    const dup = await owner.client.post('/api/teams', { name: 'SUPPORT' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.field).toBe('body.name');
    // Regex characters in names are just characters.
    expect((await owner.client.post('/api/teams', { name: 'Supp.rt' })).status).toBe(201);
    expect((await owner.client.post('/api/teams', { name: '.*' })).status).toBe(201);
  });

  test('settings and members can be given at creation', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const res = await owner.client.post('/api/teams', {
      name: 'Night shift',
      permissionMode: 'restrictive',
      schedule: weekdays,
      afterHoursMessage: 'We are closed',
      assignmentStrategy: 'round_robin',
      unresponsiveStrategy: 'offer_choice',
      unresponsiveMessage: 'Another agent?',
      unresponsiveTimeoutSeconds: 60,
      maxChatsPerAgent: 3,
      memberIds: [agent.user.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ permissionMode: 'restrictive', schedule: weekdays, memberIds: [agent.user.id], maxChatsPerAgent: 3 });
    const me = await agent.client.get('/api/auth/me');
    expect(me.body.user.teamIds).toContain(res.body.id);
  });

  test('agents and supervisors cannot create teams', async () => {
    const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [inboxId] });
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    expect((await supervisor.client.post('/api/teams', { name: 'Mine' })).status).toBe(403);
    expect((await agent.client.post('/api/teams', { name: 'Mine' })).status).toBe(403);
  });

  test('settings errors name the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ schedule: { ...weekdays, weekly: { mon: [{ start: '9am', end: '17:00' }] } } }, 'body.schedule.weekly.mon[0].start'],
      [{ schedule: { ...weekdays, weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } } }, 'body.schedule.weekly.mon[1].start'],
      [{ schedule: { ...weekdays, timezone: 'Mars/Olympus' } }, 'body.schedule.timezone'],
      [{ schedule: { ...weekdays, exceptions: [{ date: '2025-02-30', intervals: [] }] } }, 'body.schedule.exceptions[0].date'],
      [{ schedule: weekdays, afterHoursMessage: '   ' }, 'body.afterHoursMessage'],
      [{ unresponsiveStrategy: 'offer_choice', unresponsiveMessage: '' }, 'body.unresponsiveMessage'],
      [{ unresponsiveTimeoutSeconds: 5 }, 'body.unresponsiveTimeoutSeconds'],
      [{ unresponsiveTimeoutSeconds: '60' }, 'body.unresponsiveTimeoutSeconds'],
      [{ maxChatsPerAgent: 0 }, 'body.maxChatsPerAgent'],
      [{ permissionMode: 'anarchy' }, 'body.permissionMode'],
      [{ assignmentStrategy: OPERATOR }, 'body.assignmentStrategy'],
      [{ name: OPERATOR }, 'body.name'],
      [{ name: '' }, 'body.name'],
      [{ name: '   ' }, 'body.name'],
      [{ memberIds: [OPERATOR] }, 'body.memberIds[0]'],
      [{ memberIds: [new ObjectId().toString()] }, 'body.memberIds[0]'],
      [{ isDefault: true }, 'body.isDefault'],
    ];
    const before = await orgRepos(server, owner.org.id).teams.count();
    for (const [patch, field] of cases) {
      const res = await owner.client.post('/api/teams', { name: `Bad ${Math.random()}`, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error.field, JSON.stringify(patch)).toBe(field);
    }
    const op = await owner.client.post('/api/teams', { name: 'Op', schedule: OPERATOR });
    expect(op.status).toBe(400);
    expect(op.body.error.field).toStartWith('body.schedule');
    expect(await orgRepos(server, owner.org.id).teams.count()).toBe(before);
  });
});

describe('update', () => {
  test('admins rename and change settings; the merge is validated as a whole', async () => {
    const team = (await owner.client.post('/api/teams', { name: 'Billing' })).body;
    const renamed = await owner.client.patch(`/api/teams/${team.id}`, { name: 'Invoices', permissionMode: 'self_service' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Invoices', permissionMode: 'self_service', assignmentStrategy: 'none' });
    // A schedule with the stored (non-empty) after-hours message is fine; then emptying it is not.
    expect((await owner.client.patch(`/api/teams/${team.id}`, { schedule: weekdays })).status).toBe(200);
    const empty = await owner.client.patch(`/api/teams/${team.id}`, { afterHoursMessage: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('body.afterHoursMessage');
    expect((await owner.client.patch(`/api/teams/${team.id}`, { schedule: null, afterHoursMessage: '' })).status).toBe(200);
    const clash = await owner.client.patch(`/api/teams/${team.id}`, { name: 'inbox' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.field).toBe('body.name');
    // Case-only rename of itself is fine.
    expect((await owner.client.patch(`/api/teams/${team.id}`, { name: 'INVOICES' })).body.name).toBe('INVOICES');
    // The default team can be renamed.
    expect((await owner.client.patch(`/api/teams/${inboxId}`, { name: 'General' })).body).toMatchObject({ name: 'General', isDefault: true });
  });

  test('memberIds replaces the members through users’ teamIds', async () => {
    const team = (await owner.client.post('/api/teams', { name: 'Replace' })).body;
    const a = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    const b = await addMember(server, owner.client, { role: 'agent', teamIds: [inboxId] });
    const both = await owner.client.patch(`/api/teams/${team.id}`, { memberIds: [a.user.id, b.user.id, a.user.id] });
    expect(both.status).toBe(200);
    expect([...both.body.memberIds].sort()).toEqual([a.user.id, b.user.id].sort());
    events.length = 0;
    const onlyB = await owner.client.patch(`/api/teams/${team.id}`, { memberIds: [b.user.id] });
    expect(onlyB.body.memberIds).toEqual([b.user.id]);
    expect((await a.client.get('/api/auth/me')).body.user.teamIds).toEqual([inboxId]);
    expect((await b.client.get('/api/auth/me')).body.user.teamIds.sort()).toEqual([inboxId, team.id].sort());
    expect(events).toContainEqual({ kind: 'user.changed', orgId: owner.org.id, userId: a.user.id });
    expect(events).toContainEqual({ kind: 'team.changed', orgId: owner.org.id, teamId: team.id });
    // A member of another organization is refused and nothing changes.
    const other = await signUp(server, { orgName: 'Other' });
    const foreign = await owner.client.patch(`/api/teams/${team.id}`, { name: 'Renamed?', memberIds: [a.user.id, other.user.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('body.memberIds[1]');
    const after = (await owner.client.get('/api/teams')).body.items.find((t: { id: string }) => t.id === team.id);
    expect(after).toMatchObject({ name: 'Replace', memberIds: [b.user.id] });
    expect((await other.client.get('/api/auth/me')).body.user.teamIds).toEqual([other.user.teamIds[0]]);
  });

  test('supervisors edit their own teams only; agents none', async () => {
    const mine = (await owner.client.post('/api/teams', { name: 'Supervised' })).body;
    const theirs = (await owner.client.post('/api/teams', { name: 'Not mine' })).body;
    const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [mine.id] });
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [mine.id] });
    const ok = await supervisor.client.patch(`/api/teams/${mine.id}`, { assignmentStrategy: 'round_robin', memberIds: [supervisor.user.id, agent.user.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.assignmentStrategy).toBe('round_robin');
    expect((await supervisor.client.patch(`/api/teams/${theirs.id}`, { name: 'Taken over' })).status).toBe(404);
    expect((await supervisor.client.delete(`/api/teams/${mine.id}`)).status).toBe(403);
    expect((await agent.client.patch(`/api/teams/${mine.id}`, { name: 'Agent was here' })).status).toBe(403);
    expect((await agent.client.patch(`/api/teams/${theirs.id}`, { name: 'Agent was here' })).status).toBe(404);
    // Teams are listed to those who may see them.
    const agentTeams = (await agent.client.get('/api/teams')).body.items.map((t: { id: string }) => t.id);
    expect(agentTeams).toEqual([mine.id]);
    const ownerTeams = (await owner.client.get('/api/teams')).body.items.map((t: { id: string }) => t.id);
    expect(ownerTeams).toEqual(expect.arrayContaining([inboxId, mine.id, theirs.id]));
  });
});

describe('delete', () => {
  test('not the default team, not with open chats; ended chats, members and invitations move on', async () => {
    expect((await owner.client.delete(`/api/teams/${inboxId}`)).status).toBe(409);
    const team = (await owner.client.post('/api/teams', { name: 'Temporary' })).body;
    const member = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id, inboxId] });
    const invite = await owner.client.post('/api/invitations', { email: uniqueEmail(), role: 'agent', teamIds: [team.id] });
    const open = await openChat(team.id, 'assigned');
    const ended = await openChat(team.id, 'ended');
    const refused = await owner.client.delete(`/api/teams/${team.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ openChats: 1 });
    await orgRepos(server, owner.org.id).chats.updateOne({ _id: oid(open) }, { $set: { status: 'ended' } });
    const admin = await addMember(server, owner.client, { role: 'admin' });
    events.length = 0;
    expect((await admin.client.delete(`/api/teams/${team.id}`)).status).toBe(204);
    expect((await owner.client.get('/api/teams')).body.items.map((t: { id: string }) => t.id)).not.toContain(team.id);
    const chats = await orgRepos(server, owner.org.id).chats.find({ _id: { $in: [oid(open), oid(ended)] } });
    expect(chats.map((c) => c.teamId.toString())).toEqual([inboxId, inboxId]);
    expect((await member.client.get('/api/auth/me')).body.user.teamIds).toEqual([inboxId]);
    const inv = (await owner.client.get('/api/invitations')).body.items.find((i: { id: string }) => i.id === invite.body.id);
    expect(inv.teamIds).toEqual([]);
    expect(events).toContainEqual({ kind: 'team.changed', orgId: owner.org.id, teamId: team.id });
    expect((await owner.client.delete(`/api/teams/${team.id}`)).status).toBe(404);
  });
});

describe('another organization', () => {
  test('gets 404 for this organization’s teams', async () => {
    const team = (await owner.client.post('/api/teams', { name: 'Private' })).body;
    const other = await signUp(server, { orgName: 'Intruders' });
    for (const id of [team.id, inboxId]) {
      expect((await other.client.patch(`/api/teams/${id}`, { name: 'Ours now' })).status).toBe(404);
      expect((await other.client.delete(`/api/teams/${id}`)).status).toBe(404);
    }
    expect((await other.client.get('/api/teams')).body.items.map((t: { id: string }) => t.id)).toEqual([other.user.teamIds[0]]);
    // Adding a foreign member to one's own team is refused too.
    const own = other.user.teamIds[0];
    const res = await other.client.patch(`/api/teams/${own}`, { memberIds: [owner.user.id] });
    expect(res.status).toBe(400);
    expect((await owner.client.get('/api/auth/me')).body.user.teamIds).not.toContain(own);
    expect((await other.client.patch('/api/teams/zzz', { name: 'x' })).status).toBe(404);
  });
});
