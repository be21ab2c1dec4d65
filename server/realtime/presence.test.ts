// Presence through the agent socket: idle → away after PRESENCE_AWAY_AFTER_MS, activity → online
// again, the last tab closing → offline after PRESENCE_OFFLINE_GRACE_MS, two tabs → offline only
// when both are closed; visitors cannot set a presence. Both timings are shortened by config.
import { afterAll, beforeAll, expect, spyOn, test } from 'bun:test';
import { startTestServer, type TestServer } from '../testing/harness';
import { loginAgent, openTestChat, seedOrg } from '../testing/routing';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';
import { PRESENCE_HEARTBEAT_MS } from '../domain/presence';
import { ConnectionRegistry, type AgentConnection } from './connections';
import { PresenceTracker } from './presence';
import { PresenceRepo } from '../db/repos/presence';

const AWAY_MS = 1_000;
const GRACE_MS = 300;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('presence', { env: { PRESENCE_AWAY_AFTER_MS: String(AWAY_MS), PRESENCE_OFFLINE_GRACE_MS: String(GRACE_MS) } });
});
afterAll(() => server.close());

async function tabs(n: number) {
  const org = await seedOrg(server, { agents: 1 });
  const client = await loginAgent(server, org.agents[0]!);
  const open = () => TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: client.cookieHeader });
  const sockets: TestSocket[] = [];
  for (let i = 0; i < n; i++) sockets.push(await open());
  for (const s of sockets) await s.next('ready');
  return { userId: org.agents[0]!.id.toString(), sockets, client };
}

test('idle → away, activity → online', async () => {
  const { userId, sockets, client } = await tabs(1);
  const tab = sockets[0]!;
  const mine = (state: string) => (f: { userId: string; presence: string }) => f.userId === userId && f.presence === state;
  await tab.next('member.presence', mine('online'));
  const idleFrom = tab.mark();
  await tab.next('member.presence', mine('away'), { after: idleFrom, timeout: AWAY_MS + 3_000 });
  tab.send({ type: 'presence.activity' });
  await tab.next('member.presence', mine('online'), { after: idleFrom });
  expect((await client.get('/api/presence')).body.items.find((p: { userId: string }) => p.userId === userId).presence).toBe('online');
  tab.close();
}, 10_000);

test('two tabs: closing one keeps the agent online; closing both → offline after the grace', async () => {
  const { userId, sockets, client } = await tabs(2);
  const [first, second] = sockets as [TestSocket, TestSocket];
  const watcher = (await tabs(1)).sockets[0]!; // another organization: must never hear about it
  await first.next('member.presence', (f) => f.userId === userId && f.presence === 'online');
  const from = second.mark();
  first.close();
  // (An idle "away" may come meanwhile: AWAY_MS is short here; "offline" must not.)
  expect(await second.arrives('member.presence', (f) => f.userId === userId && f.presence === 'offline', { after: from, timeout: GRACE_MS * 3 })).toBe(false);
  second.close();
  await second.closed();
  const presenceOfUser = async () => (await client.get('/api/presence')).body.items.find((p: { userId: string }) => p.userId === userId)?.presence;
  // The closed tabs hear nothing more; the stored facts answer.
  await waitFor(async () => (await presenceOfUser()) === 'offline', { what: 'offline after the grace' });
  expect(watcher.frames.some((f) => f.type === 'member.presence' && f.userId === userId)).toBe(false);
  watcher.close();
}, 10_000);

test('visitors have no presence to set', async () => {
  const org = await seedOrg(server, { agents: 0 });
  const session = await fetch(`${server.url}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ org: org.widgetKey }) }).then((r) => r.json() as Promise<{ token: string }>);
  const visitor = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  visitor.send({ type: 'auth', token: session.token });
  await visitor.next('ready');
  visitor.send({ type: 'presence.set', away: true });
  const refused = await visitor.next('error', (f) => f.replyTo === 'presence.set');
  expect(refused.code).toBe('FORBIDDEN');
  visitor.close();
});

test("a dead instance's tab counts go stale: the agent reads offline and routing skips them", async () => {
  const org = await seedOrg(server, { agents: 1, team: { onlineOnlyRouting: true } });
  const agentId = org.agents[0]!.id;
  const now = server.ctx.clock.now();
  // What an instance killed with -9 leaves behind: a tab count it last vouched for 50 s ago.
  await org.db.presence.updateOne(
    { userId: agentId },
    { $set: { tabs: { dead: 1 }, beats: { dead: new Date(now.getTime() - 50_000) }, lastActivityAt: now, state: 'online' } },
    { upsert: true },
  );
  const presence = (await org.owner.get('/api/presence')).body.items.find((p: { userId: string }) => p.userId === agentId.toString());
  expect(presence.presence).toBe('offline');
  expect((await openTestChat(server.ctx, org)).status).toBe('unassigned');
  // The same count, vouched for 10 s ago, still counts.
  await org.db.presence.updateOne({ userId: agentId }, { $set: { beats: { dead: new Date(now.getTime() - 10_000) } } });
  expect((await openTestChat(server.ctx, org)).assigneeId?.toString()).toBe(agentId.toString());
});

test('each instance vouches for its tab counts on its heartbeat (injected timers)', async () => {
  const org = await seedOrg(server, { agents: 1 });
  const agentId = org.agents[0]!.id;
  const due: { fn: () => void; ms: number }[] = [];
  const timers = { setTimeout: (fn: () => void, ms: number) => due.push({ fn, ms }), clearTimeout: () => {} };
  const tracker = new PresenceTracker(server.ctx, new ConnectionRegistry(), { timers });
  const conn = { kind: 'agent', orgId: org.orgId.toString(), actor: { userId: agentId.toString() } } as unknown as AgentConnection;
  tracker.tabOpened(conn);
  await tracker.idle();
  const beatOf = async () => ((await org.db.presence.findOne({ userId: agentId }))!.beats[tracker.instanceId] as Date).getTime();
  const first = await beatOf();
  const heartbeat = due.find((d) => d.ms === PRESENCE_HEARTBEAT_MS)!;
  await waitFor(() => Date.now() > first, { what: 'the clock to move on' });
  heartbeat.fn();
  await tracker.idle();
  expect(await beatOf()).toBeGreaterThan(first);
  await tracker.close();
  // A graceful stop takes this instance's count and stamp away.
  const after = await org.db.presence.findOne({ userId: agentId });
  expect(after!.tabs[tracker.instanceId]).toBeUndefined();
  expect(after!.beats[tracker.instanceId]).toBeUndefined();
});

test('tabs opened and closed at once are folded into few writes, and the count comes out right', async () => {
  const org = await seedOrg(server, { agents: 1 });
  const agentId = org.agents[0]!.id;
  const timers = { setTimeout: () => 0, clearTimeout: () => {} };
  const tracker = new PresenceTracker(server.ctx, new ConnectionRegistry(), { timers });
  const writes = spyOn(PresenceRepo.prototype, 'tabsChanged');
  try {
    const conns = Array.from({ length: 20 }, () => ({ kind: 'agent', orgId: org.orgId.toString(), actor: { userId: agentId.toString() } }) as unknown as AgentConnection);
    const tabsOf = async () => (await org.db.presence.findOne({ userId: agentId }))!.tabs[tracker.instanceId];
    for (const conn of conns) tracker.tabOpened(conn);
    await tracker.idle();
    expect(await tabsOf()).toBe(20);
    expect(writes.mock.calls.length).toBe(1);
    // Fifteen close and one of them comes back (a reload), all in one turn: 6 open.
    for (const conn of conns.slice(0, 15)) tracker.tabClosed(conn);
    tracker.tabOpened(conns[0]!);
    await tracker.idle();
    expect(await tabsOf()).toBe(6);
    expect(writes.mock.calls.length).toBe(2);
    const facts = await org.db.presence.findOne({ userId: agentId });
    expect(facts!.lastTabClosedAt).toBeInstanceOf(Date);
  } finally {
    writes.mockRestore();
    await tracker.close();
  }
});
