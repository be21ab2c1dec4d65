// GET /api/dashboard through the real app, on chats made by the real services at known instants
// (the injected clock), in America/New_York across both DST changes.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ObjectId } from '../../db/ids';
import type { DashboardDto } from '../../../shared/types/dashboard';
import { manualClock } from '../../clock';
import type { ChatDoc } from '../../db/types';
import { assignChat, endChat, openChat } from '../../services/chats';
import { createContact } from '../../services/contacts';
import { storeMessage } from '../../services/messages';
import { TestClient, addMember, orgRepos, signUp, startTestServer, type TestServer } from '../../testing/harness';

// People sign in at SIGN_IN, far ahead of the chats' dates: the stand-in sweeps sessions whose
// expiry has passed by the *wall* clock, and a session made in 2100 is valid both for the wall
// clock and for a server clock set back to 2025 (expiry is only checked against "later").
const SIGN_IN = new Date('2100-01-01T12:00:00Z');
const clock = manualClock(SIGN_IN);
let server: TestServer;

const S = 1000;
const M = 60 * S;
const automation = { kind: 'automation' as const, id: null, name: null };

interface ChatPlan {
  team: string;
  contact: ObjectId;
  at: string;
  agent?: { id: string; name: string };
  firstResponseMs?: number;
  resolutionMs?: number;
}

/** Opens, assigns, answers and ends a chat through the services, moving the clock to each step. */
async function makeChat(orgId: string, plan: ChatPlan): Promise<ChatDoc> {
  const ctx = server.ctx;
  const start = new Date(plan.at).getTime();
  clock.set(new Date(start));
  let chat = await openChat(ctx, { orgId: new ObjectId(orgId), contactId: plan.contact, teamId: new ObjectId(plan.team), channel: 'web' });
  await storeMessage(ctx, { chat, author: { kind: 'contact', id: chat.contactId, name: null }, text: 'Hello?' });
  if (plan.agent) {
    clock.set(new Date(start + Math.max(0, (plan.firstResponseMs ?? 1000) - 500)));
    chat = await assignChat(ctx, { orgId: chat.orgId, chat, actor: null, eventActor: automation, agentId: plan.agent.id });
  }
  if (plan.firstResponseMs !== undefined) {
    clock.set(new Date(start + plan.firstResponseMs));
    chat = (await storeMessage(ctx, { chat, author: { kind: 'agent', id: new ObjectId(plan.agent!.id), name: plan.agent!.name }, text: 'Hi, how can I help?' })).chat;
  }
  if (plan.resolutionMs !== undefined) {
    clock.set(new Date(start + plan.resolutionMs));
    chat = await endChat(ctx, { orgId: chat.orgId, chat, eventActor: automation });
  }
  return chat;
}

async function contact(orgId: string, name: string): Promise<ObjectId> {
  return (await createContact(server.ctx, new ObjectId(orgId), { name }))._id;
}

const stats = (count: number, medianMs: number | null, p90Ms: number | null) => ({ count, medianMs, p90Ms });
const dash = async (client: TestClient, query: string) => {
  const res = await client.get<DashboardDto>(`/api/dashboard${query}`);
  if (res.status !== 200) throw new Error(`dashboard ${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  server = await startTestServer('dashboard', { clock });
});
afterAll(() => server.close());

describe('spring forward (2025-03-09) in America/New_York', () => {
  let owner: Awaited<ReturnType<typeof signUp>>;
  let inbox: string;
  let sales: string;
  let ann: Awaited<ReturnType<typeof addMember>>;
  let cid: Awaited<ReturnType<typeof addMember>>;
  let bob: Awaited<ReturnType<typeof addMember>>;
  let sue: Awaited<ReturnType<typeof addMember>>;
  const chats: Record<string, ChatDoc> = {};

  beforeAll(async () => {
    clock.set(SIGN_IN);
    owner = await signUp(server, { orgName: 'Eastern' });
    const orgId: string = owner.org.id;
    inbox = owner.user.teamIds[0];
    expect((await owner.client.patch('/api/org', { timezone: 'America/New_York' })).status).toBe(200);
    const created = await owner.client.post('/api/teams', { name: 'Sales' });
    expect(created.status).toBe(201);
    sales = created.body.id;
    // Inbox is Restrictive: its agents see only their own chats, but still the team's figures.
    expect((await owner.client.patch(`/api/teams/${inbox}`, { permissionMode: 'restrictive' })).status).toBe(200);
    ann = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox], name: 'Ann Inbox' });
    cid = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox], name: 'Cid Inbox' });
    bob = await addMember(server, owner.client, { role: 'agent', teamIds: [sales], name: 'Bob Sales' });
    sue = await addMember(server, owner.client, { role: 'supervisor', teamIds: [sales], name: 'Sue Sales' });
    const agent = (m: typeof ann) => ({ id: m.user.id as string, name: m.user.name as string });

    const [r, r2, n1, n2, n3, n4, n5] = await Promise.all(['R', 'R2', 'N1', 'N2', 'N3', 'N4', 'N5'].map((n) => contact(orgId, n)));
    const plans: Record<string, ChatPlan> = {
      // R's first chat, a week before the range: R is a returning contact.
      z: { team: inbox, contact: r!, at: '2025-03-01T15:00:00Z', agent: agent(ann), firstResponseMs: 15 * S, resolutionMs: 3 * M },
      // 23:59:59.999 EST on 03-07, the last instant before the range: out, and R2 returns.
      before: { team: inbox, contact: r2!, at: '2025-03-08T04:59:59.999Z', agent: agent(ann), firstResponseMs: 7 * S, resolutionMs: 2 * M },
      // 03-08 (EST, UTC−5)
      a: { team: inbox, contact: r!, at: '2025-03-08T05:00:00Z', agent: agent(ann), firstResponseMs: 30 * S, resolutionMs: 10 * M },
      c: { team: inbox, contact: n2!, at: '2025-03-08T20:00:00Z' },
      b: { team: inbox, contact: n1!, at: '2025-03-09T04:30:00Z', agent: agent(ann), firstResponseMs: 90 * S, resolutionMs: 20 * M },
      // 03-09, the 23-hour day: 03:30 EDT, then 23:30 EDT (which is 03-10 in UTC)
      d: { team: inbox, contact: n3!, at: '2025-03-09T07:30:00Z', agent: agent(ann), firstResponseMs: 10 * S, resolutionMs: 5 * M },
      s1: { team: sales, contact: n4!, at: '2025-03-09T15:00:00Z', agent: agent(bob), firstResponseMs: 5 * S, resolutionMs: 2 * M },
      e: { team: inbox, contact: n1!, at: '2025-03-10T03:30:00Z', agent: agent(cid), firstResponseMs: 5 * M, resolutionMs: 40 * M },
      // 03-10 (EDT, UTC−4): 00:30 EDT would still be 03-09 at a fixed EST offset
      f: { team: inbox, contact: r!, at: '2025-03-10T04:30:00Z', agent: agent(cid), firstResponseMs: 45 * S, resolutionMs: 15 * M },
      g: { team: inbox, contact: r2!, at: '2025-03-11T03:59:59.999Z', agent: agent(cid), firstResponseMs: 20 * S },
      // 00:00 EDT on 03-11: the first instant after the range.
      after: { team: inbox, contact: n5!, at: '2025-03-11T04:00:00Z', agent: agent(ann), firstResponseMs: 1 * S, resolutionMs: 1 * M },
    };
    for (const [key, plan] of Object.entries(plans)) chats[key] = await makeChat(orgId, plan);
    clock.set(new Date('2025-03-12T16:00:00Z'));
  });

  const RANGE = '?from=2025-03-08&to=2025-03-10';

  test('owner: every figure over all teams, per local day', async () => {
    const d = await dash(owner.client, RANGE);
    expect(d.range).toEqual({
      from: '2025-03-08',
      to: '2025-03-10',
      timezone: 'America/New_York',
      start: '2025-03-08T05:00:00.000Z',
      end: '2025-03-11T04:00:00.000Z',
    });
    expect(d.teamId).toBeNull();
    expect(d.teams.map((t) => t.name)).toEqual(['Inbox', 'Sales']);
    expect(d.totals).toEqual({
      chats: 8,
      // 5s 10s 20s 30s 45s 90s 300s: median rank ⌈3.5⌉ = 4, p90 rank ⌈6.3⌉ = 7
      firstResponse: stats(7, 30 * S, 300 * S),
      // 2m 5m 10m 15m 20m 40m: median rank 3, p90 rank ⌈5.4⌉ = 6
      resolution: stats(6, 10 * M, 40 * M),
    });
    expect(d.contacts).toEqual({ new: 4, returning: 2 });
    expect(d.days.reduce((n, day) => n + day.newContacts, 0)).toBe(d.contacts.new);
    expect(d.days).toEqual([
      { date: '2025-03-08', chats: 3, firstResponse: stats(2, 30 * S, 90 * S), resolution: stats(2, 10 * M, 20 * M), newContacts: 2, returningContacts: 1 },
      // N1 started on 03-08 (local), so on 03-09 it is back: returning that day, new in the range.
      { date: '2025-03-09', chats: 3, firstResponse: stats(3, 10 * S, 300 * S), resolution: stats(3, 5 * M, 40 * M), newContacts: 2, returningContacts: 1 },
      { date: '2025-03-10', chats: 2, firstResponse: stats(2, 20 * S, 45 * S), resolution: stats(1, 15 * M, 15 * M), newContacts: 0, returningContacts: 2 },
    ]);
  });

  test('owner: recent chats of the range, newest first, with contact, team, agent, status, durations', async () => {
    const d = await dash(owner.client, RANGE);
    expect(d.recent.map((c) => c.id)).toEqual(['g', 'f', 'e', 's1', 'd', 'b', 'c', 'a'].map((k) => chats[k]!._id.toString()));
    const [g, f] = d.recent;
    expect(g).toEqual({
      id: chats.g!._id.toString(),
      contact: { id: chats.g!.contactId.toString(), name: 'R2', username: null, email: null },
      team: { id: inbox, name: 'Inbox' },
      agent: { id: cid.user.id, name: 'Cid Inbox' },
      status: 'assigned',
      channel: 'web',
      createdAt: '2025-03-11T03:59:59.999Z',
      endedAt: null,
      firstResponseMs: 20 * S,
      // Still open: time since it started, by the server's clock (2025-03-12T16:00Z).
      durationMs: Date.parse('2025-03-12T16:00:00Z') - Date.parse('2025-03-11T03:59:59.999Z'),
    });
    expect(f).toMatchObject({ status: 'ended', endedAt: '2025-03-10T04:45:00.000Z', firstResponseMs: 45 * S, durationMs: 15 * M });
    const c = d.recent.find((x) => x.id === chats.c!._id.toString())!;
    expect(c).toMatchObject({ status: 'unassigned', agent: null, firstResponseMs: null, endedAt: null });
  });

  test('owner: team filter', async () => {
    const d = await dash(owner.client, `${RANGE}&teamId=${sales}`);
    expect(d.teamId).toBe(sales);
    expect(d.totals).toEqual({ chats: 1, firstResponse: stats(1, 5 * S, 5 * S), resolution: stats(1, 2 * M, 2 * M) });
    expect(d.contacts).toEqual({ new: 1, returning: 0 });
    expect(d.days.map((x) => x.chats)).toEqual([0, 1, 0]);
    expect(d.days[0]).toEqual({ date: '2025-03-08', chats: 0, firstResponse: stats(0, null, null), resolution: stats(0, null, null), newContacts: 0, returningContacts: 0 });
    expect(d.recent.map((c) => c.id)).toEqual([chats.s1!._id.toString()]);
  });

  test('an agent of one team sees that team’s numbers only (team-wide, even in Restrictive mode)', async () => {
    const d = await dash(ann.client, RANGE);
    expect(d.teams.map((t) => t.name)).toEqual(['Inbox']);
    expect(d.totals).toEqual({
      chats: 7,
      // 10s 20s 30s 45s 90s 300s: median rank 3, p90 rank ⌈5.4⌉ = 6
      firstResponse: stats(6, 30 * S, 300 * S),
      // 5m 10m 15m 20m 40m: median rank ⌈2.5⌉ = 3, p90 rank ⌈4.5⌉ = 5
      resolution: stats(5, 15 * M, 40 * M),
    });
    expect(d.contacts).toEqual({ new: 3, returning: 2 });
    expect(d.days.map((x) => [x.date, x.chats, x.newContacts, x.returningContacts])).toEqual([
      ['2025-03-08', 3, 2, 1],
      ['2025-03-09', 2, 1, 1],
      ['2025-03-10', 2, 0, 2],
    ]);
    expect(d.days[1]!.firstResponse).toEqual(stats(2, 10 * S, 300 * S));
    // The list links to conversations: in a Restrictive team only the agent's own chats.
    expect(d.recent.map((c) => c.id)).toEqual(['d', 'b', 'a'].map((k) => chats[k]!._id.toString()));
    // Ann's other colleague sees the same figures and her own chats.
    const c = await dash(cid.client, RANGE);
    expect(c.totals).toEqual(d.totals);
    expect(c.recent.map((x) => x.id)).toEqual(['g', 'f', 'e'].map((k) => chats[k]!._id.toString()));
  });

  test('agents and supervisors of another team see nothing of it', async () => {
    for (const member of [bob, sue]) {
      const d = await dash(member.client, RANGE);
      expect(d.teams.map((t) => t.name)).toEqual(['Sales']);
      expect(d.totals).toEqual({ chats: 1, firstResponse: stats(1, 5 * S, 5 * S), resolution: stats(1, 2 * M, 2 * M) });
      expect(d.contacts).toEqual({ new: 1, returning: 0 });
      expect(d.recent.map((c) => c.id)).toEqual([chats.s1!._id.toString()]);
      const refused = await member.client.get(`/api/dashboard${RANGE}&teamId=${inbox}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe('query.teamId');
    }
  });

  test('a single day: the 23-hour 2025-03-09', async () => {
    const d = await dash(owner.client, '?from=2025-03-09&to=2025-03-09');
    expect(d.range.start).toBe('2025-03-09T05:00:00.000Z');
    expect(d.range.end).toBe('2025-03-10T04:00:00.000Z');
    expect(d.totals.chats).toBe(3);
    // N1's first chat (03-09T04:30Z) is 03-08 local time, before this range: N1 returns here;
    // N3 and N4 chat for the first time.
    expect(d.contacts).toEqual({ new: 2, returning: 1 });
  });

  test('default range: the 7 days ending today in the organization’s zone', async () => {
    // 2025-03-12T03:00Z is still 03-11 (23:00 EDT) in New York.
    clock.set(new Date('2025-03-12T03:00:00Z'));
    const d = await dash(owner.client, '');
    expect([d.range.from, d.range.to]).toEqual(['2025-03-05', '2025-03-11']);
    expect(d.days).toHaveLength(7);
    // 03-07 has the chat of 23:59:59.999 EST; 03-11 the one of 00:00 EDT.
    expect(d.days.map((x) => x.chats)).toEqual([0, 0, 1, 3, 3, 2, 1]);
    clock.set(new Date('2025-03-12T16:00:00Z'));
  });

  test('validation: 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['?from=2025-02-30&to=2025-03-01', 'query.from'],
      ['?from=2025-3-1', 'query.from'],
      ['?to=yesterday', 'query.to'],
      ['?from=2025-03-10&to=2025-03-09', 'query.to'],
      ['?from=2024-02-29&to=2025-03-01', 'query.from'],
      ['?teamId=nope', 'query.teamId'],
      [`?teamId=${new ObjectId().toString()}`, 'query.teamId'],
      ['?from[$gt]=2025-01-01', 'query.from[$gt]'],
      ['?since=2025-03-01', 'query.since'],
    ];
    for (const [query, field] of cases) {
      const res = await owner.client.get(`/api/dashboard${query}`);
      expect({ query, status: res.status, field: res.body?.error?.field }).toEqual({ query, status: 400, field });
    }
    expect((await owner.client.get('/api/dashboard?from=2024-03-11&to=2025-03-11')).status).toBe(200);
  });

  test('signed out: 401; another organization: its own (empty) numbers', async () => {
    expect((await new TestClient(server.url).get(`/api/dashboard${RANGE}`)).status).toBe(401);
    clock.set(SIGN_IN);
    const other = await signUp(server, { orgName: 'Elsewhere' });
    clock.set(new Date('2025-03-12T16:00:00Z'));
    const d = await dash(other.client, RANGE);
    expect(d.range.timezone).toBe('UTC');
    expect(d.totals).toEqual({ chats: 0, firstResponse: stats(0, null, null), resolution: stats(0, null, null) });
    expect(d.contacts).toEqual({ new: 0, returning: 0 });
    expect(d.recent).toEqual([]);
    const foreign = await other.client.get(`/api/dashboard${RANGE}&teamId=${inbox}`);
    expect(foreign.status).toBe(400);
  });
});

describe('fall back (2025-11-02) in America/New_York', () => {
  test('the 25-hour day keeps the repeated hour and ends at 00:00 EST', async () => {
    clock.set(SIGN_IN);
    const owner = await signUp(server, { orgName: 'Autumn' });
    const orgId: string = owner.org.id;
    const inbox: string = owner.user.teamIds[0];
    expect((await owner.client.patch('/api/org', { timezone: 'America/New_York' })).status).toBe(200);
    const me = { id: owner.user.id as string, name: owner.user.name as string };
    const x = await contact(orgId, 'X');
    const at = [
      '2025-11-02T03:59:59.000Z', // 11-01 23:59:59 EDT
      '2025-11-02T05:30:00.000Z', // 01:30 EDT, the first time
      '2025-11-02T06:30:00.000Z', // 01:30 EST, the second time
      '2025-11-03T04:30:00.000Z', // 23:30 EST, still 11-02 (00:30 of 11-03 at EDT's offset)
      '2025-11-03T05:00:00.000Z', // 00:00 EST on 11-03
    ];
    const durations = [40 * S, 70 * S, 20 * S, 50 * S, 10 * S];
    for (const [i, instant] of at.entries()) {
      await makeChat(orgId, { team: inbox, contact: x, at: instant, agent: me, firstResponseMs: durations[i]!, resolutionMs: (i + 1) * M });
    }
    // Y has no earlier chat here, but its record says it first chatted in January (imported
    // history): returning.
    const y = await contact(orgId, 'Y');
    await orgRepos(server, orgId).contacts.updateOne({ _id: y }, { $set: { firstChatAt: new Date('2025-01-15T12:00:00Z') } });
    await makeChat(orgId, { team: inbox, contact: y, at: '2025-11-03T15:00:00Z' });
    clock.set(new Date('2025-11-04T12:00:00Z'));
    const d = await dash(owner.client, '?from=2025-11-01&to=2025-11-03');
    expect(d.days.map((day) => [day.date, day.chats])).toEqual([
      ['2025-11-01', 1],
      ['2025-11-02', 3],
      ['2025-11-03', 2],
    ]);
    const day = d.days[1]!;
    expect(day.firstResponse).toEqual(stats(3, 50 * S, 70 * S));
    expect(day.resolution).toEqual(stats(3, 3 * M, 4 * M));
    // X, three times, first seen the day before.
    expect([day.newContacts, day.returningContacts]).toEqual([0, 1]);
    // X's first chat ever is on 11-01, inside the range: one new contact, counted that day.
    expect(d.contacts).toEqual({ new: 1, returning: 1 });
    expect(d.days[0]!.newContacts).toBe(1);
    expect([d.days[2]!.newContacts, d.days[2]!.returningContacts]).toEqual([0, 2]);
    const only = await dash(owner.client, '?from=2025-11-02&to=2025-11-02');
    expect(only.range.end).toBe('2025-11-03T05:00:00.000Z');
    expect(only.totals.chats).toBe(3);
    expect(only.contacts).toEqual({ new: 0, returning: 1 });
  });
});
