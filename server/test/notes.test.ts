// Private notes and @mentions (issue 17 item 2): agents who may see the chat get them live and
// over REST; the visitor never does — not on the socket (live or replayed), not in the widget's
// history, not in webhooks, not in search (visitors have none). Mentions: only members who may
// see the chat, a live mention.created to them, an e-mail when they are not at the console.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connectWebhook, createKey } from '../../e2e/simulator/fixtures';
import { BotSimulator } from '../../e2e/simulator/simulator';
import { OPERATOR, addMember, newVisitor, signUp, startTestServer, type TestClient, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let inbox: string;
let agentA: { client: TestClient; user: { id: string; email: string } };
let agentB: { client: TestClient; user: { id: string; email: string } };
let sim: BotSimulator;

const SECRET = 'zebracrossing';

beforeAll(async () => {
  server = await startTestServer('notes', { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  owner = await signUp(server, { orgName: 'Notes Ltd' });
  inbox = owner.user.teamIds[0];
  agentA = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
  agentB = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
  sim = BotSimulator.start();
  await connectWebhook(owner.client, sim);
});
afterAll(async () => {
  await sim.stop();
  await server.close();
});

const ws = () => server.url.replace('http', 'ws');

async function claimedChat() {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(inbox);
  await visitor.say(chat.id, 'my order is late');
  expect((await agentA.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  return { visitor, chatId: chat.id };
}

describe('a private note', () => {
  test('reaches agents who see the chat, and nothing of it reaches the visitor or webhooks', async () => {
    const { visitor, chatId } = await claimedChat();
    const visitorSocket = await TestSocket.open(`${ws()}/ws/visitor`);
    visitorSocket.send({ type: 'auth', token: visitor.token });
    await visitorSocket.next('ready');
    visitorSocket.send({ type: 'chat.subscribe', chatId, afterSeq: 0 });
    await visitorSocket.next('chat.replayed');
    const colleague = await TestSocket.open(`${ws()}/ws`, { cookie: agentB.client.cookieHeader });
    await colleague.next('ready');
    try {
      const created = await agentA.client.post(`/api/chats/${chatId}/notes`, { text: `customer is a ${SECRET} fan` });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ chatId, text: `customer is a ${SECRET} fan`, author: { id: agentA.user.id }, mentions: [] });
      const live = await colleague.next('note.created', (f) => f.note.chatId === chatId);
      expect(live.note.id).toBe(created.body.id);

      // An ordinary message after the note: the visitor gets it, with no hole in its seqs.
      const reply = await agentA.client.post(`/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'on its way' });
      expect(reply.status).toBe(201);
      expect(reply.body.seq).toBe(2);
      await visitorSocket.next('message.created', (f) => f.message.text === 'on its way');

      // A fresh visitor socket replaying from 0.
      const again = await TestSocket.open(`${ws()}/ws/visitor`);
      again.send({ type: 'auth', token: visitor.token });
      await again.next('ready');
      again.send({ type: 'chat.subscribe', chatId, afterSeq: 0 });
      await again.next('chat.replayed');
      again.close();

      const history = await visitor.client.get(`/api/widget/chats/${chatId}/messages`);
      expect(history.status).toBe(200);
      const chats = await visitor.client.get('/api/widget/chats');
      const everything = JSON.stringify([visitorSocket.frames, again.frames, history.body, chats.body]);
      expect(everything).toContain('on its way');
      expect(everything).not.toContain(SECRET);
      expect(JSON.stringify(visitorSocket.frames)).not.toContain('note');

      // The agents' own reads.
      expect((await agentB.client.get(`/api/chats/${chatId}/notes`)).body.items.map((n: { text: string }) => n.text)).toEqual([`customer is a ${SECRET} fan`]);
      const agentHistory = await agentA.client.get(`/api/chats/${chatId}/messages`);
      expect(JSON.stringify(agentHistory.body)).not.toContain(SECRET);
      expect(JSON.stringify((await agentA.client.get(`/api/chats/${chatId}`)).body.chat.lastMessage)).not.toContain(SECRET);
    } finally {
      visitorSocket.close();
      colleague.close();
    }
  }, 30_000);

  test('webhooks (api chats) carry the messages around a note, never the note', async () => {
    const { key } = await createKey(owner.client);
    const api = sim.connect(server.url, key);
    const opened = await api.handoff({ handoffId: 'notes-1', agentId: agentA.user.id, contact: { botUserId: 'u-notes-1', channel: 'sms' } });
    expect(opened.status).toBe(201);
    const chatId = opened.body.chat.id as string;
    expect((await agentA.client.post(`/api/chats/${chatId}/notes`, { text: `the ${SECRET} note`, mentions: [agentB.user.id] })).status).toBe(201);
    expect((await agentA.client.post(`/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'after the note' })).status).toBe(201);
    await sim.next('message.created', (e) => JSON.stringify(e.payload).includes('after the note'), 15_000);
    expect((await agentA.client.post(`/api/chats/${chatId}/end`)).status).toBe(200);
    await sim.next('chat.ended', (e) => JSON.stringify(e.payload).includes(chatId), 15_000);
    expect(JSON.stringify(sim.received)).not.toContain(SECRET);
  }, 40_000);

  test('a visitor token opens no note route and no search', async () => {
    const { visitor, chatId } = await claimedChat();
    await agentA.client.post(`/api/chats/${chatId}/notes`, { text: `${SECRET} again` });
    for (const path of [`/api/chats/${chatId}/notes`, `/api/chats/search?q=${SECRET}`, '/api/mentions', `/api/chats/${chatId}/mentionable`]) {
      const res = await visitor.client.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect((await visitor.client.post(`/api/chats/${chatId}/notes`, { text: 'x' })).status).toBe(401);
  });

  test('bad notes are a 400 naming the field, and nothing is stored', async () => {
    const { chatId } = await claimedChat();
    const cases: [unknown, string][] = [
      [{ text: '   ' }, 'body.text'],
      [{ text: 'x'.repeat(5001) }, 'body.text'],
      [{ text: OPERATOR }, 'body.text'],
      [{}, 'body.text'],
      [{ text: 'hi', extra: 1 }, 'body.extra'],
      [{ text: 'hi', mentions: ['nope'] }, 'body.mentions[0]'],
      [{ text: 'hi', mentions: [OPERATOR] }, 'body.mentions[0]'],
    ];
    for (const [body, field] of cases) {
      const res = await agentA.client.post(`/api/chats/${chatId}/notes`, body);
      expect({ body, status: res.status, field: res.body.error?.field }).toEqual({ body, status: 400, field });
    }
    expect((await agentA.client.get(`/api/chats/${chatId}/notes`)).body.items).toEqual([]);
  });

  test('who may write and read notes follows the permission table (Restrictive: not the queue)', async () => {
    const strict = (await owner.client.post('/api/teams', { name: 'Strict notes', permissionMode: 'restrictive' })).body;
    const member = await addMember(server, owner.client, { role: 'agent', teamIds: [strict.id] });
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const chat = await visitor.startChat(strict.id);
    await visitor.say(chat.id, 'hello');
    expect((await member.client.post(`/api/chats/${chat.id}/notes`, { text: 'mine?' })).status).toBe(404);
    expect((await member.client.get(`/api/chats/${chat.id}/notes`)).status).toBe(404);
    expect((await owner.client.post(`/api/chats/${chat.id}/notes`, { text: 'for the team' })).status).toBe(201);
    // The restrictive agent may not be named in a note of a chat they cannot see.
    const named = await owner.client.post(`/api/chats/${chat.id}/notes`, { text: '@you', mentions: [member.user.id] });
    expect([named.status, named.body.error?.field]).toEqual([400, 'body.mentions[0]']);
    const offered = (await owner.client.get(`/api/chats/${chat.id}/mentionable`)).body.items.map((m: { id: string }) => m.id);
    expect(offered).not.toContain(member.user.id);
  });
});

describe('mentions', () => {
  test('the named member gets mention.created live, lists it unread, reads it; away members get an e-mail', async () => {
    const { chatId } = await claimedChat();
    const offered = (await agentA.client.get(`/api/chats/${chatId}/mentionable`)).body.items;
    expect(offered.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([agentB.user.id, owner.user.id]));
    expect(offered.map((m: { id: string }) => m.id)).not.toContain(agentA.user.id);

    const socket = await TestSocket.open(`${ws()}/ws`, { cookie: agentB.client.cookieHeader });
    await socket.next('ready');
    try {
      const before = server.outbox.length;
      const note = await agentA.client.post(`/api/chats/${chatId}/notes`, { text: '@B can you check the refund?', mentions: [agentB.user.id, owner.user.id] });
      expect(note.status).toBe(201);
      const frame = await socket.next('mention.created', (f) => f.mention.noteId === note.body.id);
      expect(frame.mention).toMatchObject({ chatId, by: { id: agentA.user.id }, read: false, excerpt: '@B can you check the refund?' });
      expect(frame.mention.chat?.id).toBe(chatId);

      const list = await agentB.client.get('/api/mentions');
      expect(list.body.items[0]).toMatchObject({ noteId: note.body.id, read: false });
      expect(list.body.unread).toBeGreaterThanOrEqual(1);
      // Only the named: agent A has no mention of their own note.
      expect((await agentA.client.get('/api/mentions')).body.items.map((m: { noteId: string }) => m.noteId)).not.toContain(note.body.id);

      const read = await agentB.client.post(`/api/mentions/${list.body.items[0].id}/read`);
      expect([read.status, read.body.read]).toEqual([200, true]);
      expect((await agentB.client.get('/api/mentions')).body.items[0].read).toBe(true);
      // Another member's mention is not theirs to read.
      const ownerMention = (await owner.client.get('/api/mentions')).body.items.find((m: { noteId: string }) => m.noteId === note.body.id);
      expect((await agentB.client.post(`/api/mentions/${ownerMention.id}/read`)).status).toBe(404);

      // The owner has no console open (offline): an e-mail; agent B is online: none.
      const mails = await waitFor(() => {
        const sent = server.outbox.slice(before).filter((m) => m.subject.includes('mentioned you'));
        return sent.length > 0 ? sent : null;
      }, { timeout: 15_000 });
      expect(mails.map((m) => m.to)).toEqual([owner.email]);
      expect(mails[0]!.text).toContain('can you check the refund?');
      expect(mails[0]!.text).toContain(`/chats/${chatId}`);
    } finally {
      socket.close();
    }
  }, 30_000);
});
