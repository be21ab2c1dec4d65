// The backlog drains when capacity appears: an agent comes back, a chat of theirs ends, the team
// turns auto-assignment on, or a chat is moved into a team. All through the real HTTP API.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { chatById, loginAgent, openTestChat, seedOrg, waitFor } from '../routing/test-support';
import { startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('routing-drain');
});
afterAll(() => server.close());

const assignedTo = (chatId: unknown) => async () => {
  const chat = await chatById(server.ctx, String(chatId));
  return chat?.status === 'assigned' ? chat.assigneeId!.toString() : null;
};

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
    expect(await waitFor('the drain', assignedTo(older._id))).toBe(org.agents[0]!.id.toString());
    // The console is told (and rings) about the chat routing gave them.
    await socket.next('notify.assigned', (f) => f.chat.id === older._id.toString());
  } finally {
    socket.close();
  }
  // At their cap of one, the newer chat keeps waiting.
  expect((await chatById(server.ctx, newer._id))!.status).toBe('unassigned');

  // Ending the first chat frees capacity: the next waiting chat follows.
  expect((await agent.post(`/api/chats/${older._id.toString()}/end`)).status).toBe(200);
  expect(await waitFor('the drain after end', assignedTo(newer._id))).toBe(org.agents[0]!.id.toString());
});

test('turning on auto-assignment drains the queue the team already has', async () => {
  const org = await seedOrg(server, { agents: 2, team: { assignmentStrategy: 'none' } });
  const chats = [await openTestChat(server.ctx, org), await openTestChat(server.ctx, org)];
  const res = await org.owner.patch(`/api/teams/${org.teamId.toString()}`, { assignmentStrategy: 'round_robin' });
  expect(res.status).toBe(200);
  expect(await waitFor('first', assignedTo(chats[0]!._id))).toBe(org.agents[0]!.id.toString());
  expect(await waitFor('second', assignedTo(chats[1]!._id))).toBe(org.agents[1]!.id.toString());
});

test("a chat moved into a round-robin team's queue is routed there", async () => {
  const org = await seedOrg(server, { agents: 1, team: { assignmentStrategy: 'none' } });
  const sales = await org.owner.post('/api/teams', { name: 'Sales', assignmentStrategy: 'round_robin' });
  expect(sales.status).toBe(201);
  await server.ctx.models.User.updateOne({ _id: org.agents[0]!.id }, { $set: { teamIds: [org.teamId, sales.body.id] } });
  const chat = await openTestChat(server.ctx, org);
  expect(chat.status).toBe('unassigned');
  const moved = await org.owner.post(`/api/chats/${chat._id.toString()}/assign`, { teamId: sales.body.id });
  expect(moved.status).toBe(200);
  expect(await waitFor('routing in the new team', assignedTo(chat._id))).toBe(org.agents[0]!.id.toString());
});
