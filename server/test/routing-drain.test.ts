// The backlog drains when capacity appears: an agent comes back, a chat of theirs ends, the team
// turns auto-assignment on, or a chat is moved into a team. All through the real HTTP API.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { oid, startTestServer, type TestServer } from '../testing/harness';
import { chatById, loginAgent, openTestChat, seedOrg, type SeededOrg } from '../testing/routing';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('routing-drain');
});
afterAll(() => server.close());

/** Waits until routing assigned the chat; resolves with the assignee's id. */
const assigned = (org: SeededOrg, chatId: unknown, what: string) =>
  waitFor(
    async () => {
      const chat = await chatById(server.ctx, org, String(chatId));
      return chat?.status === 'assigned' ? chat.assigneeId!.toString() : null;
    },
    { what },
  );

test('an agent switching to available is offered the waiting chats, oldest first', async () => {
  const org = await seedOrg(server, { agents: 1, agent: () => ({ manualStatus: 'away', maxConcurrentChats: 1 }) });
  const older = await openTestChat(server.ctx, org);
  const newer = await openTestChat(server.ctx, org);
  expect([older.status, newer.status]).toEqual(['unassigned', 'unassigned']);

  const agent = await loginAgent(server, org.agents[0]!);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: agent.cookieHeader });
  try {
    await socket.next('ready');
    expect((await agent.patch('/api/me', { manualStatus: 'available' })).status).toBe(200);
    expect(await assigned(org, older._id, 'the drain')).toBe(org.agents[0]!.id.toString());
    // The console is told (and rings) about the chat routing gave them.
    await socket.next('notify.assigned', (f) => f.chat.id === older._id.toString());
  } finally {
    socket.close();
  }
  // At their cap of one, the newer chat keeps waiting.
  expect((await chatById(server.ctx, org, newer._id))!.status).toBe('unassigned');

  // Ending the first chat frees capacity: the next waiting chat follows.
  expect((await agent.post(`/api/chats/${older._id.toString()}/end`)).status).toBe(200);
  expect(await assigned(org, newer._id, 'the drain after end')).toBe(org.agents[0]!.id.toString());
});

test('turning on auto-assignment drains the queue the team already has', async () => {
  const org = await seedOrg(server, { agents: 2, team: { assignmentStrategy: 'none' } });
  const chats = [await openTestChat(server.ctx, org), await openTestChat(server.ctx, org)];
  const res = await org.owner.patch(`/api/teams/${org.teamId.toString()}`, { assignmentStrategy: 'round_robin' });
  expect(res.status).toBe(200);
  expect(await assigned(org, chats[0]!._id, 'first')).toBe(org.agents[0]!.id.toString());
  expect(await assigned(org, chats[1]!._id, 'second')).toBe(org.agents[1]!.id.toString());
});

test("a chat moved into a round-robin team's queue is routed there", async () => {
  const org = await seedOrg(server, { agents: 1, team: { assignmentStrategy: 'none' } });
  const sales = await org.owner.post('/api/teams', { name: 'Sales', assignmentStrategy: 'round_robin', onlineOnlyRouting: false });
  expect(sales.status).toBe(201);
  await org.db.members.updateOne({ _id: org.agents[0]!.id }, { $set: { teamIds: [org.teamId, oid(sales.body.id)] } });
  const chat = await openTestChat(server.ctx, org);
  expect(chat.status).toBe('unassigned');
  const moved = await org.owner.post(`/api/chats/${chat._id.toString()}/assign`, { teamId: sales.body.id });
  expect(moved.status).toBe(200);
  expect(await assigned(org, chat._id, 'routing in the new team')).toBe(org.agents[0]!.id.toString());
});
