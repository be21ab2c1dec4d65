// Issue #15 item 8: a chat's assignment history needs `view_history` (permission table), so a
// Self Service agent who sees a requeued chat in the queue cannot read who handled it before.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { addMember, newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('security_chat_history');
});
afterAll(() => server.close());

describe('assignment history', () => {
  test('a Self Service agent sees a requeued chat but not its history; managers and its assignee do', async () => {
    const owner = await signUp(server, { orgName: 'History' });
    const team = await owner.client.post('/api/teams', { name: 'Self', permissionMode: 'self_service' });
    expect(team.status).toBe(201);
    const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [team.body.id] });
    const previous = await addMember(server, owner.client, { role: 'agent', teamIds: [team.body.id] });
    const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [team.body.id] });
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const chat = await visitor.startChat(team.body.id);
    expect((await supervisor.client.post(`/api/chats/${chat.id}/assign`, { agentId: previous.user.id })).status).toBe(200);
    // Deactivating the assignee puts the chat back in the team's queue.
    expect((await owner.client.patch(`/api/members/${previous.user.id}`, { active: false })).status).toBe(200);
    const requeued = await agent.client.get(`/api/chats/${chat.id}`);
    expect(requeued.status).toBe(200);
    expect(requeued.body.status ?? requeued.body.chat?.status).toBe('unassigned');
    // The console reads this before asking, so it shows a sentence instead of an error.
    expect(requeued.body.capabilities.view_history).toBe(false);

    const history = await agent.client.get(`/api/chats/${chat.id}/events`);
    expect(history.status).toBe(403);
    expect(history.body.error.code).toBe('FORBIDDEN');
    expect((await supervisor.client.get(`/api/chats/${chat.id}/events`)).status).toBe(200);

    // Once the agent claims it, they hold it and may read its history for context.
    expect((await agent.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
    expect((await agent.client.get(`/api/chats/${chat.id}`)).body.capabilities.view_history).toBe(true);
    const mine = await agent.client.get(`/api/chats/${chat.id}/events`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
  });
});
