// A deactivated agent leaves no chat stranded: their open chats go back to the queue, and a
// round-robin team hands them to another available agent.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { addMember, newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';
import { waitFor } from '../testing/wait';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('deactivation');
});
afterAll(() => server.close());

test("deactivating an agent requeues their open chats, and routing gives them to someone else", async () => {
  const owner = await signUp(server);
  // The owner is away, so only the two agents can be picked.
  expect((await owner.client.patch('/api/me', { manualStatus: 'away' })).status).toBe(200);
  const team = (await owner.client.post('/api/teams', { name: 'Desk', assignmentStrategy: 'none' })).body;
  const ann = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id], name: 'Ann' });
  const bea = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id], name: 'Bea' });
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(team.id);
  expect((await ann.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  // The agents here have no console open: routing on the overview's rules alone.
  expect((await owner.client.patch(`/api/teams/${team.id}`, { assignmentStrategy: 'round_robin', onlineOnlyRouting: false })).status).toBe(200);

  expect((await owner.client.patch(`/api/members/${ann.user.id}`, { active: false })).status).toBe(200);
  const reassigned = await waitFor(
    async () => {
      const c = (await owner.client.get(`/api/chats/${chat.id}`)).body.chat as { assigneeId: string | null; status: string };
      return c.assigneeId === bea.user.id && c;
    },
    { what: 'the chat to go to Bea', timeout: 3000 },
  );
  expect(reassigned.status).toBe('assigned');
  const kinds = (await owner.client.get(`/api/chats/${chat.id}/events`)).body.items.map((e: { kind: string }) => e.kind);
  expect(kinds).toEqual(['created', 'claimed', 'requeued', 'auto_assigned']);
});

test('with no one available the chat waits, unassigned, in the queue', async () => {
  const owner = await signUp(server);
  const team = (await owner.client.post('/api/teams', { name: 'Night', assignmentStrategy: 'none' })).body;
  const cid = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id], name: 'Cid' });
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(team.id);
  expect((await cid.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  expect((await owner.client.patch(`/api/members/${cid.user.id}`, { active: false })).status).toBe(200);
  const back = (await owner.client.get(`/api/chats/${chat.id}`)).body.chat;
  expect(back).toMatchObject({ status: 'unassigned', assigneeId: null });
  expect((await owner.client.get('/api/chats?view=unassigned')).body.items.map((c: { id: string }) => c.id)).toContain(chat.id);
});
