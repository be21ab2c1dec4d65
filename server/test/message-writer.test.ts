// Group commit (services/message-writer.ts) through the sockets, as clients use it: bursts share
// batches and keep each sender's order; a chat written elsewhere (another instance, any other
// change) is read afresh, so seqs stay consecutive; a resend this instance does not remember is
// answered with the original, and the seq it took is announced as skipped at once.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createLocalBus } from '../bus/bus';
import { messageWriter } from '../services/message-writer';
import { TestClient, newVisitor, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let a: TestServer;
let b: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  // Two instances on one database and one bus (as with Redis); B waits 10 s on seq gaps, so a
  // skip that was not announced would show as a stall there.
  const bus = createLocalBus();
  // Many chats from one test address: the per-address visitor limits are not what is tested here.
  const env = { VISITOR_RATE_LIMITS: 'false' };
  a = await startTestServer('message-writer', { bus, env });
  b = await startTestServer('message-writer-b', { bus, database: a.database, env: { ...env, REALTIME_GAP_WAIT_MS: '10000' } });
  owner = await signUp(a);
});
afterAll(async () => {
  await b.close();
  await a.close();
});

const ws = (server: TestServer) => server.url.replace('http', 'ws');

async function visitorSocket(server: TestServer, token: string): Promise<TestSocket> {
  const socket = await TestSocket.open(`${ws(server)}/ws/visitor`);
  socket.send({ type: 'auth', token });
  await socket.next('ready');
  return socket;
}

async function agentOn(server: TestServer, chatId: string): Promise<TestSocket> {
  const socket = await TestSocket.open(`${ws(server)}/ws`, { cookie: owner.client.cookieHeader });
  await socket.next('ready');
  socket.send({ type: 'chat.subscribe', chatId, afterSeq: 0 });
  await socket.next('chat.replayed', (f) => f.chatId === chatId);
  return socket;
}

async function openChat() {
  const visitor = await newVisitor(a, owner.org.widgetKey);
  const chat = await visitor.startChat();
  return { visitor, chat };
}

const acks = (socket: TestSocket) => socket.frames.flatMap((f) => (f.type === 'ack' ? [f] : []));
const storedTexts = async (chatId: string) =>
  (await orgRepos(a, owner.org.id).messages.find({ chatId: oid(chatId) }, { sort: { seq: 1 } })).map((m) => ({ seq: m.seq, text: m.text }));

test('a burst from many visitors shares batches; each chat keeps its senders order, seqs 1..n', async () => {
  const visitors = await Promise.all(Array.from({ length: 8 }, () => openChat()));
  const sockets = await Promise.all(visitors.map((v) => visitorSocket(a, v.visitor.token)));
  const before = { ...messageWriter(a.ctx).stats };
  // Each socket sends its ten without waiting for acks: they are pipelined.
  sockets.forEach((socket, i) => {
    for (let n = 1; n <= 10; n++) socket.send({ type: 'message.send', chatId: visitors[i]!.chat.id, clientId: `burst-${i}-${n}`, text: `v${i} m${n}` });
  });
  await Promise.all(sockets.map((socket) => socket.next('ack', () => acks(socket).length >= 10, { timeout: 10_000 })));
  const stats = messageWriter(a.ctx).stats;
  expect(stats.messages - before.messages).toBe(80);
  expect(stats.batches - before.batches).toBeLessThan(80);
  for (const [i, v] of visitors.entries()) {
    expect(acks(sockets[i]!).map((f) => f.message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await storedTexts(v.chat.id)).toEqual(Array.from({ length: 10 }, (_, n) => ({ seq: n + 1, text: `v${i} m${n + 1}` })));
    const chat = await orgRepos(a, owner.org.id).chats.findById(oid(v.chat.id));
    expect(chat?.lastSeq).toBe(10);
    expect(chat?.lastMessage?.text).toBe(`v${i} m10`);
  }
  for (const socket of sockets) socket.close();
});

test('two instances writing one chat: every message gets the next seq, none taken twice', async () => {
  const { visitor, chat } = await openChat();
  expect((await owner.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  const onA = await visitorSocket(a, visitor.token);
  const agentB = await agentOn(b, chat.id);
  const readsBefore = messageWriter(a.ctx).stats.seqReads;
  for (let n = 1; n <= 5; n++) {
    onA.send({ type: 'message.send', chatId: chat.id, clientId: `a-${n}`, text: `visitor ${n}` });
    await onA.next('ack', (f) => f.clientId === `a-${n}`);
    agentB.send({ type: 'message.send', chatId: chat.id, clientId: `b-${n}`, text: `agent ${n}` });
    await agentB.next('ack', (f) => f.clientId === `b-${n}`);
  }
  const texts = (await storedTexts(chat.id)).filter((m) => /^(visitor|agent) \d$/.test(m.text));
  expect(texts.map((m) => m.text)).toEqual(['visitor 1', 'agent 1', 'visitor 2', 'agent 2', 'visitor 3', 'agent 3', 'visitor 4', 'agent 4', 'visitor 5', 'agent 5']);
  const seqs = texts.map((m) => m.seq);
  expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  // A's copy went stale each time B wrote: it read the chat afresh rather than guessing.
  expect(messageWriter(a.ctx).stats.seqReads - readsBefore).toBeGreaterThanOrEqual(4);
  onA.close();
  agentB.close();
});

test('a change to the chat by anyone else is seen by the next message: its event carries the new facts', async () => {
  const { visitor, chat } = await openChat();
  const socket = await visitorSocket(a, visitor.token);
  socket.send({ type: 'message.send', chatId: chat.id, clientId: 'facts-1', text: 'before the claim' });
  await socket.next('ack', (f) => f.clientId === 'facts-1');
  // The claim goes through instance B: A's cached copy of the chat says "unassigned".
  expect((await new TestClient(b.url, { cookie: owner.client.cookieHeader }).post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  const watcher = await TestSocket.open(`${ws(a)}/ws`, { cookie: owner.client.cookieHeader });
  await watcher.next('ready');
  socket.send({ type: 'message.send', chatId: chat.id, clientId: 'facts-2', text: 'after the claim' });
  const updated = await watcher.next('chat.updated', (f) => f.chat.id === chat.id && f.chat.lastMessage?.text === 'after the claim');
  expect(updated.chat.status).toBe('assigned');
  expect(updated.chat.assigneeId).toBe(owner.user.id);
  socket.close();
  watcher.close();
});

test('a resend this instance never saw gets the original; the seq it took is skipped at once', async () => {
  const { visitor, chat } = await openChat();
  const agentB = await agentOn(b, chat.id);
  const onA = await visitorSocket(a, visitor.token);
  onA.send({ type: 'message.send', chatId: chat.id, clientId: 'resent', text: 'sent once' });
  const original = await onA.next('ack', (f) => f.clientId === 'resent');
  await agentB.next('message.created', (f) => f.message.seq === original.message.seq);

  // The widget reconnects to the other instance and resends what it had no ack for.
  const onB = await visitorSocket(b, visitor.token);
  onB.send({ type: 'message.send', chatId: chat.id, clientId: 'resent', text: 'sent once' });
  const again = await onB.next('ack', (f) => f.clientId === 'resent');
  expect(again.message.id).toBe(original.message.id);
  expect(await orgRepos(a, owner.org.id).messages.count({ chatId: oid(chat.id), clientId: 'resent' })).toBe(1);

  // The resend took a seq that will never exist; B's hub (gap wait 10 s) is told, so the next
  // message reaches the agent at once.
  onB.send({ type: 'message.send', chatId: chat.id, clientId: 'after-resend', text: 'next one' });
  const next = await onB.next('ack', (f) => f.clientId === 'after-resend');
  expect(next.message.seq).toBe(original.message.seq + 2);
  const delivered = await agentB.next('message.created', (f) => f.message.text === 'next one', { timeout: 3_000 });
  expect(delivered.message.seq).toBe(next.message.seq);
  onA.close();
  onB.close();
  agentB.close();
});

test('a visitor message to a chat that ended meanwhile is refused, and nothing is stored', async () => {
  const { visitor, chat } = await openChat();
  const socket = await visitorSocket(a, visitor.token);
  socket.send({ type: 'message.send', chatId: chat.id, clientId: 'live', text: 'still open' });
  await socket.next('ack', (f) => f.clientId === 'live');
  expect((await owner.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  expect((await owner.client.post(`/api/chats/${chat.id}/end`)).status).toBe(200);
  socket.send({ type: 'message.send', chatId: chat.id, clientId: 'late', text: 'too late' });
  const refused = await socket.next('error', (f) => f.replyTo === 'late');
  expect(refused.code).toBe('CONFLICT');
  expect(await orgRepos(a, owner.org.id).messages.count({ chatId: oid(chat.id), clientId: 'late' })).toBe(0);
  socket.close();
});
