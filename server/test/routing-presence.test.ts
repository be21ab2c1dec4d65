// Presence and routing: with the team's `onlineOnlyRouting` on (the default), round robin never
// gives a chat to a member without an open console tab, and gives them chats once they connect;
// with it off, the overview's rules (status, hours, caps) alone decide. Presence itself (online,
// the reload grace, offline, away) is checked through the socket events the console sees.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { TestServer } from '../testing/harness';
import { startTestServer } from '../testing/harness';
import { chatById, loginAgent, openTestChat, seedOrg, type SeededAgent, type SeededOrg } from '../testing/routing';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

const GRACE_MS = 400;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('routing-presence', { env: { PRESENCE_OFFLINE_GRACE_MS: String(GRACE_MS), PRESENCE_AWAY_AFTER_MS: '60000' } });
});
afterAll(() => server.close());

async function consoleTab(agent: SeededAgent): Promise<TestSocket> {
  const client = await loginAgent(server, agent);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: client.cookieHeader });
  await socket.next('ready');
  return socket;
}

const assigneeOf = async (org: SeededOrg, id: { toString(): string }) => (await chatById(server.ctx, org, id.toString()))?.assigneeId?.toString() ?? null;

describe('onlineOnlyRouting on', () => {
  test('a member with no open console tab is never auto-assigned, and gets waiting chats once they connect', async () => {
    const org = await seedOrg(server, { agents: 2, team: { onlineOnlyRouting: true } });
    const [a, b] = org.agents as [SeededAgent, SeededAgent];

    // Nobody has the console open: the chat waits, though both agents are "available".
    const waiting = await openTestChat(server.ctx, org);
    expect(waiting.status).toBe('unassigned');

    const tabA = await consoleTab(a);
    await waitFor(async () => (await assigneeOf(org, waiting._id)) === a.id.toString(), { what: 'the waiting chat drained to A once A connected' });

    // B never opened the console: every new chat goes to A, none to B.
    for (let i = 0; i < 3; i++) {
      const chat = await openTestChat(server.ctx, org);
      expect(chat.assigneeId?.toString()).toBe(a.id.toString());
    }

    // B connects: A sees B online, and round robin turns to B (never assigned: waited longest).
    const seen = tabA.mark();
    const tabB = await consoleTab(b);
    await tabA.next('member.presence', (f) => f.userId === b.id.toString() && f.presence === 'online', { after: seen });
    expect((await openTestChat(server.ctx, org)).assigneeId?.toString()).toBe(b.id.toString());

    // B closes the tab: offline after the grace, and no chats for B from then on.
    const closedAt = tabA.mark();
    tabB.close();
    await tabA.next('member.presence', (f) => f.userId === b.id.toString() && f.presence === 'offline', { after: closedAt, timeout: GRACE_MS + 3_000 });
    for (let i = 0; i < 2; i++) expect((await openTestChat(server.ctx, org)).assigneeId?.toString()).toBe(a.id.toString());
    tabA.close();
  }, 15_000);

  test('a reload (close, reconnect within the grace) never shows the agent offline', async () => {
    // The watcher takes no chats (status away), so the chat below can only go to the reloader.
    const org = await seedOrg(server, { agents: 2, team: { onlineOnlyRouting: true }, agent: (i) => (i === 0 ? { manualStatus: 'away' } : {}) });
    const [watcher, reloader] = org.agents as [SeededAgent, SeededAgent];
    const tabW = await consoleTab(watcher);
    const first = await consoleTab(reloader);
    await tabW.next('member.presence', (f) => f.userId === reloader.id.toString() && f.presence === 'online');
    const from = tabW.mark();
    first.close();
    await first.closed();
    const second = await consoleTab(reloader);
    // Waiting out the grace window (and more) is the point: "offline" must not come.
    expect(await tabW.arrives('member.presence', (f) => f.userId === reloader.id.toString(), { after: from, timeout: GRACE_MS * 3 })).toBe(false);
    expect((await openTestChat(server.ctx, org)).assigneeId?.toString()).toBe(reloader.id.toString());
    second.close();
    tabW.close();
  }, 15_000);

  test('"appear away" is announced; an away agent with the console open still takes chats', async () => {
    const org = await seedOrg(server, { agents: 1, team: { onlineOnlyRouting: true } });
    const agent = org.agents[0]!;
    const tab = await consoleTab(agent);
    await tab.next('member.presence', (f) => f.userId === agent.id.toString() && f.presence === 'online');
    tab.send({ type: 'presence.set', away: true });
    await tab.next('member.presence', (f) => f.userId === agent.id.toString() && f.presence === 'away');
    expect((await openTestChat(server.ctx, org)).assigneeId?.toString()).toBe(agent.id.toString());
    tab.send({ type: 'presence.set', away: false });
    await tab.next('member.presence', (f) => f.userId === agent.id.toString() && f.presence === 'online');
    tab.close();
  });

  test('the setting is on for a new team and can be switched off over the API', async () => {
    const org = await seedOrg(server, { agents: 0 });
    const created = await org.owner.post('/api/teams', { name: 'Fresh' });
    expect(created.body.onlineOnlyRouting).toBe(true);
    const off = await org.owner.patch(`/api/teams/${created.body.id}`, { onlineOnlyRouting: false });
    expect(off.status).toBe(200);
    expect(off.body.onlineOnlyRouting).toBe(false);
    const bad = await org.owner.patch(`/api/teams/${created.body.id}`, { onlineOnlyRouting: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.onlineOnlyRouting');
  });
});

describe('onlineOnlyRouting off', () => {
  test("the overview's rules alone decide: an available member who never opened the console is assigned", async () => {
    const org = await seedOrg(server, { agents: 1, team: { onlineOnlyRouting: false } });
    const chat = await openTestChat(server.ctx, org);
    expect(chat.assigneeId?.toString()).toBe(org.agents[0]!.id.toString());
  });

  test('schedules still apply on top when it is on: an online agent outside their hours gets nothing', async () => {
    const closed = { timezone: 'UTC', weekly: {}, exceptions: [] };
    const org = await seedOrg(server, { agents: 1, team: { onlineOnlyRouting: true }, agent: () => ({ schedule: closed }) });
    const tab = await consoleTab(org.agents[0]!);
    await tab.next('member.presence', (f) => f.userId === org.agents[0]!.id.toString() && f.presence === 'online');
    expect((await openTestChat(server.ctx, org)).status).toBe('unassigned');
    tab.close();
  });
});
