// Chat labels over HTTP and the socket: who may label, normalization and limits, the list
// filter, live updates to other agents, visitors never seeing them, and organizations apart.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { OPERATOR, addMember, newVisitor, signUp, startTestServer, type TestClient, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let inbox: string;
let agent: { client: TestClient; user: { id: string } };
let colleague: { client: TestClient; user: { id: string } };

beforeAll(async () => {
  server = await startTestServer('chat-labels');
  owner = await signUp(server, { orgName: 'Labels Ltd' });
  inbox = owner.user.teamIds[0];
  agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
  colleague = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
});
afterAll(() => server.close());

async function chatIn(teamId = inbox) {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(teamId);
  await visitor.say(chat.id, 'hello');
  return { visitor, chatId: chat.id };
}
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);

describe('labelling a chat', () => {
  test('labels are normalized, idempotent, removable, and on the chat DTO', async () => {
    const { chatId } = await chatIn();
    const added = await agent.client.post(`/api/chats/${chatId}/labels`, { label: '  Billing  Issue ' });
    expect(added.status).toBe(200);
    expect(added.body.labels).toEqual(['billing issue']);
    expect((await agent.client.post(`/api/chats/${chatId}/labels`, { label: 'BILLING issue' })).body.labels).toEqual(['billing issue']);
    expect((await colleague.client.post(`/api/chats/${chatId}/labels`, { label: 'vip' })).body.labels).toEqual(['billing issue', 'vip']);
    expect((await owner.client.get(`/api/chats/${chatId}`)).body.chat.labels).toEqual(['billing issue', 'vip']);
    const removed = await agent.client.delete(`/api/chats/${chatId}/labels/${encodeURIComponent('Billing Issue')}`);
    expect([removed.status, removed.body.labels]).toEqual([200, ['vip']]);
    expect((await agent.client.delete(`/api/chats/${chatId}/labels/absent`)).body.labels).toEqual(['vip']);
    expect((await agent.client.get('/api/chats/labels')).body.items).toContain('vip');
  });

  test('bad labels are a 400 naming the field; at most 10 per chat', async () => {
    const { chatId } = await chatIn();
    const cases: [unknown, string][] = [
      [{ label: '' }, 'body.label'],
      [{ label: '   ' }, 'body.label'],
      [{ label: 'x'.repeat(33) }, 'body.label'],
      [{ label: 'a/b' }, 'body.label'],
      [{ label: 'bell\u0007' }, 'body.label'],
      [{ label: OPERATOR }, 'body.label'],
      [{}, 'body.label'],
      [{ label: 'ok', extra: 1 }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const res = await agent.client.post(`/api/chats/${chatId}/labels`, body);
      expect({ body, status: res.status, field: res.body.error?.field }).toEqual({ body, status: 400, field });
    }
    for (let i = 0; i < 10; i++) expect((await agent.client.post(`/api/chats/${chatId}/labels`, { label: `l${i}` })).status).toBe(200);
    const full = await agent.client.post(`/api/chats/${chatId}/labels`, { label: 'eleventh' });
    expect([full.status, full.body.error.field]).toEqual([400, 'body.label']);
    expect((await agent.client.get(`/api/chats/${chatId}`)).body.chat.labels).toHaveLength(10);
    expect((await agent.client.get(`/api/chats?label=${'x'.repeat(40)}`)).body.error.field).toBe('query.label');
  });

  test('only those who may see the chat label it (restrictive team: not the queue)', async () => {
    const strict = (await owner.client.post('/api/teams', { name: 'Strict', permissionMode: 'restrictive' })).body;
    const member = await addMember(server, owner.client, { role: 'agent', teamIds: [strict.id] });
    const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [strict.id] });
    const { chatId } = await chatIn(strict.id);
    expect((await member.client.post(`/api/chats/${chatId}/labels`, { label: 'nope' })).status).toBe(404);
    expect((await agent.client.post(`/api/chats/${chatId}/labels`, { label: 'nope' })).status).toBe(404);
    expect((await supervisor.client.post(`/api/chats/${chatId}/labels`, { label: 'escalated' })).status).toBe(200);
    // Once it is theirs, the restrictive agent labels it.
    await supervisor.client.post(`/api/chats/${chatId}/assign`, { agentId: member.user.id });
    expect((await member.client.post(`/api/chats/${chatId}/labels`, { label: 'mine' })).body.labels).toEqual(['escalated', 'mine']);
    expect((await member.client.delete(`/api/chats/${chatId}/labels/escalated`)).body.labels).toEqual(['mine']);
  });
});

describe('the list filter and live updates', () => {
  test('?label= lists only chats with that label, normalized', async () => {
    const a = await chatIn();
    const b = await chatIn();
    await agent.client.post(`/api/chats/${a.chatId}/labels`, { label: 'refund' });
    const open = await agent.client.get('/api/chats?view=all&label=Refund');
    expect(ids(open)).toEqual([a.chatId]);
    expect(ids(await agent.client.get('/api/chats?view=unassigned&label=refund'))).toEqual([a.chatId]);
    expect(ids(await agent.client.get('/api/chats?view=all'))).toEqual(expect.arrayContaining([a.chatId, b.chatId]));
    expect(ids(await agent.client.get('/api/chats?view=all&label=unknown'))).toEqual([]);
  });

  test('other agents get chat.updated with the labels; the visitor gets no labels', async () => {
    const { visitor, chatId } = await chatIn();
    const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: colleague.client.cookieHeader });
    await socket.next('ready');
    const visitorSocket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
    visitorSocket.send({ type: 'auth', token: visitor.token });
    await visitorSocket.next('ready');
    try {
      await agent.client.post(`/api/chats/${chatId}/labels`, { label: 'urgent' });
      const frame = await socket.next('chat.updated', (f) => f.chat.id === chatId && (f.chat.labels ?? []).includes('urgent'));
      expect(frame.chat.labels).toEqual(['urgent']);
      const seen = await visitorSocket.next('chat.updated', (f) => f.chat.id === chatId);
      expect(seen.chat.labels).toBeUndefined();
      expect(JSON.stringify(visitorSocket.frames)).not.toContain('urgent');
    } finally {
      socket.close();
      visitorSocket.close();
    }
    const mine = await visitor.client.get('/api/widget/chats');
    expect(JSON.stringify(mine.body)).not.toContain('urgent');
  });
});

describe('organizations', () => {
  test('another organization can neither label nor filter by our chats', async () => {
    const { chatId } = await chatIn();
    await agent.client.post(`/api/chats/${chatId}/labels`, { label: 'alpha-secret' });
    const beta = await signUp(server, { orgName: 'Beta' });
    expect((await beta.client.post(`/api/chats/${chatId}/labels`, { label: 'beta' })).status).toBe(404);
    expect((await beta.client.delete(`/api/chats/${chatId}/labels/alpha-secret`)).status).toBe(404);
    expect(ids(await beta.client.get('/api/chats?view=all&label=alpha-secret'))).toEqual([]);
    expect((await beta.client.get('/api/chats/labels')).body.items).toEqual([]);
    expect((await owner.client.get(`/api/chats/${chatId}`)).body.chat.labels).toEqual(['alpha-secret']);
  });
});
