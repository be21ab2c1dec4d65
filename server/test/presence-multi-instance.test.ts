// Presence across two server instances on one database with the Redis bus: a tab on one
// instance makes the agent online for watchers and routing on the other, a reload that lands on
// the other instance (a load balancer) does not flap them offline, and the last tab closing
// anywhere makes them offline everywhere after the grace.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startTestServer, type TestServer } from '../testing/harness';
import { loginAgent, openTestChat, seedOrg, type SeededAgent } from '../testing/routing';
import { TestSocket } from '../testing/socket';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GRACE_MS = 400;
const env = { REDIS_URL, PRESENCE_OFFLINE_GRACE_MS: String(GRACE_MS) };

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer('presence-multi', { env });
  b = await startTestServer('presence-multi-b', { env, database: a.database });
});
afterAll(async () => {
  await b.close();
  await a.close();
});

async function tabOn(server: TestServer, agent: SeededAgent): Promise<TestSocket> {
  const client = await loginAgent(server, agent);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: client.cookieHeader });
  await socket.next('ready');
  return socket;
}

test('online on B is online on A; a reload onto A does not flap; the last tab closing goes offline everywhere', async () => {
  // The watcher takes no chats (away), so routing can only pick the roaming agent.
  const org = await seedOrg(a, { agents: 2, team: { onlineOnlyRouting: true }, agent: (i) => (i === 0 ? { manualStatus: 'away' } : {}) });
  const [watcher, roamer] = org.agents as [SeededAgent, SeededAgent];
  const isRoamer = (f: { userId: string }) => f.userId === roamer.id.toString();
  const watchA = await tabOn(a, watcher);

  // No console anywhere: instance A's routing leaves the chat waiting.
  expect((await openTestChat(a.ctx, org)).status).toBe('unassigned');

  const onB = await tabOn(b, roamer);
  await watchA.next('member.presence', (f) => isRoamer(f) && f.presence === 'online', { timeout: 5_000 });
  // Routing on instance A sees the tab on B (the waiting chat drains to them too).
  expect((await openTestChat(a.ctx, org)).assigneeId?.toString()).toBe(roamer.id.toString());

  // Reload: the tab closes on B and comes back on A within the grace.
  const from = watchA.mark();
  onB.close();
  await onB.closed();
  const onA = await tabOn(a, roamer);
  expect(await watchA.arrives('member.presence', isRoamer, { after: from, timeout: GRACE_MS * 3 })).toBe(false);

  // The last tab closes: offline after the grace, seen on both instances.
  const watchB = await tabOn(b, watcher);
  const fromB = watchB.mark();
  onA.close();
  await watchA.next('member.presence', (f) => isRoamer(f) && f.presence === 'offline', { after: from, timeout: GRACE_MS + 5_000 });
  await watchB.next('member.presence', (f) => isRoamer(f) && f.presence === 'offline', { after: fromB, timeout: 5_000 });
  expect((await openTestChat(b.ctx, org)).status).toBe('unassigned');
  watchA.close();
  watchB.close();
}, 20_000);
