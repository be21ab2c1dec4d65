// One scenario per permission mode (DESIGN §4): what a plain agent can and cannot see and do,
// over HTTP and over the socket, next to a supervisor of the same team.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { PermissionMode } from '../../shared/types/enums';
import { addMember, newVisitor, signUp, startTestServer, type TestClient, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('permission-modes');
});
afterAll(() => server.close());

interface Expectation {
  seesQueue: boolean;
  claims: boolean;
  seesOthers: boolean;
  writesInOthers: boolean;
  reassigns: boolean;
}

const TABLE: Record<PermissionMode, Expectation> = {
  collaborative: { seesQueue: true, claims: true, seesOthers: true, writesInOthers: true, reassigns: true },
  self_service: { seesQueue: true, claims: true, seesOthers: false, writesInOthers: false, reassigns: false },
  restrictive: { seesQueue: false, claims: false, seesOthers: false, writesInOthers: false, reassigns: false },
};

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);

for (const [mode, expected] of Object.entries(TABLE) as [PermissionMode, Expectation][]) {
  describe(`${mode} team`, () => {
    let owner: Awaited<ReturnType<typeof signUp>>;
    let teamId: string;
    let agent: { client: TestClient; user: { id: string } };
    let other: { client: TestClient; user: { id: string } };
    let supervisor: { client: TestClient; user: { id: string } };
    let agentSocket: TestSocket;

    beforeAll(async () => {
      owner = await signUp(server, { orgName: `Mode ${mode}` });
      const team = await owner.client.post('/api/teams', { name: 'Sales', permissionMode: mode });
      expect(team.status).toBe(201);
      teamId = team.body.id;
      agent = await addMember(server, owner.client, { role: 'agent', teamIds: [teamId] });
      other = await addMember(server, owner.client, { role: 'agent', teamIds: [teamId] });
      supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [teamId] });
      agentSocket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: agent.client.cookieHeader });
      await agentSocket.next('ready');
    });
    afterAll(() => agentSocket.close());

    test('the unassigned queue and claiming', async () => {
      const visitor = await newVisitor(server, owner.org.widgetKey);
      const chat = await visitor.startChat(teamId);
      const queue = await agent.client.get('/api/chats?view=unassigned');
      expect(ids(queue).includes(chat.id)).toBe(expected.seesQueue);
      expect(ids(await supervisor.client.get('/api/chats?view=unassigned'))).toContain(chat.id);
      const socketSaw = await agentSocket.arrives('chat.created', (f) => f.chat.id === chat.id, { timeout: 400 });
      expect(socketSaw).toBe(expected.seesQueue);

      const claim = await agent.client.post(`/api/chats/${chat.id}/claim`);
      expect(claim.status).toBe(expected.claims ? 200 : 404);
      if (!expected.claims) {
        // Restrictive: only supervisors, routing or automation assign.
        const assigned = await supervisor.client.post(`/api/chats/${chat.id}/assign`, { agentId: agent.user.id });
        expect(assigned.status).toBe(200);
        await agentSocket.next('notify.assigned', (f) => f.chat.id === chat.id);
      }
      // Whoever holds it may write and end it, in every mode.
      const mine = await agent.client.get('/api/chats?view=mine');
      expect(ids(mine)).toContain(chat.id);
      expect((await agent.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'own-1', text: 'Hello!' })).status).toBe(201);
      expect((await agent.client.post(`/api/chats/${chat.id}/end`)).status).toBe(200);
    });

    test("another agent's chat", async () => {
      const visitor = await newVisitor(server, owner.org.widgetKey);
      const chat = await visitor.startChat(teamId);
      expect((await supervisor.client.post(`/api/chats/${chat.id}/assign`, { agentId: other.user.id })).status).toBe(200);

      const all = await agent.client.get('/api/chats?view=all');
      expect(ids(all).includes(chat.id)).toBe(expected.seesOthers);
      const detail = await agent.client.get(`/api/chats/${chat.id}`);
      expect(detail.status).toBe(expected.seesOthers ? 200 : 404);
      if (expected.seesOthers) {
        expect(detail.body.capabilities).toMatchObject({ write: true, assign: true, claim: false });
      }

      const write = await agent.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'other-1', text: 'Can I help?' });
      expect(write.status).toBe(expected.writesInOthers ? 201 : 404);
      agentSocket.send({ type: 'message.send', chatId: chat.id, clientId: 'other-ws', text: 'via socket' });
      const wsAnswer = await Promise.race([
        agentSocket.next('ack', (f) => f.clientId === 'other-ws').then(() => 'ack'),
        agentSocket.next('error', (f) => f.replyTo === 'other-ws').then((f) => f.code),
      ]);
      expect(wsAnswer).toBe(expected.writesInOthers ? 'ack' : 'NOT_FOUND');

      agentSocket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
      const subscribe = await Promise.race([
        agentSocket.next('chat.replayed', (f) => f.chatId === chat.id).then(() => 'ok'),
        agentSocket.next('error', (f) => f.replyTo === 'chat.subscribe').then((f) => f.code),
      ]);
      expect(subscribe).toBe(expected.seesOthers ? 'ok' : 'NOT_FOUND');

      const reassign = await agent.client.post(`/api/chats/${chat.id}/assign`, { agentId: agent.user.id });
      expect(reassign.status).toBe(expected.reassigns ? 200 : 404);
      // Nobody writes in an unassigned chat, and the supervisor may always take over.
      expect((await supervisor.client.post(`/api/chats/${chat.id}/assign`, { teamId })).status).toBe(200);
      expect((await supervisor.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'sup-1', text: 'x' })).status).toBe(403);
    });
  });
}

test('Self Service: a chat reassigned away disappears from the agent live', async () => {
  const owner = await signUp(server, { orgName: 'Live removal' });
  const team = (await owner.client.post('/api/teams', { name: 'Support', permissionMode: 'self_service' })).body;
  const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id] });
  const other = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id] });
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: agent.client.cookieHeader });
  await socket.next('ready');
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(team.id);
  expect((await agent.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  socket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await socket.next('chat.replayed');
  expect((await owner.client.post(`/api/chats/${chat.id}/assign`, { agentId: other.user.id })).status).toBe(200);
  await socket.next('chat.removed', (f) => f.chatId === chat.id);
  const mark = socket.mark();
  await visitor.say(chat.id, 'are you there?');
  // The message reaches nobody who may no longer see the chat.
  const leaked = await socket.arrives('message.created', () => true, { timeout: 300, after: mark });
  expect(leaked).toBe(false);
  socket.close();
});

test('switching a team to Self Service removes other agents’ chats from an agent’s view, live', async () => {
  const owner = await signUp(server, { orgName: 'Mode switch' });
  const team = (await owner.client.post('/api/teams', { name: 'Desk', permissionMode: 'collaborative' })).body;
  const bob = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id] });
  const alice = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id] });
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(team.id);
  expect((await alice.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: bob.client.cookieHeader });
  await socket.next('ready');
  socket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await socket.next('chat.replayed');

  expect((await owner.client.patch(`/api/teams/${team.id}`, { permissionMode: 'self_service' })).status).toBe(200);
  await socket.next('chat.removed', (f) => f.chatId === chat.id);
  const mark = socket.mark();
  await visitor.say(chat.id, 'private now');
  expect(await socket.arrives('message.created', () => true, { timeout: 300, after: mark })).toBe(false);

  // And back: the chat reappears in Bob's lists without a reload.
  expect((await owner.client.patch(`/api/teams/${team.id}`, { permissionMode: 'collaborative' })).status).toBe(200);
  await socket.next('chat.updated', (f) => f.chat.id === chat.id, { after: mark });
  socket.close();
});
