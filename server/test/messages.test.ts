// Realtime guarantees (DESIGN §5): idempotent sends, acks only after storage, gap-free resume.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { TestClient, newVisitor, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer('messages');
  owner = await signUp(server);
});
afterAll(() => server.close());

const wsUrl = () => `${server.url.replace('http', 'ws')}`;

async function claimedChat() {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  expect((await owner.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  return { visitor, chat };
}

test('the same clientId sent five times stores one message', async () => {
  const { visitor, chat } = await claimedChat();
  const socket = await TestSocket.open(`${wsUrl()}/ws/visitor`);
  socket.send({ type: 'auth', token: visitor.token });
  await socket.next('ready');
  for (let i = 0; i < 3; i++) socket.send({ type: 'message.send', chatId: chat.id, clientId: 'dup-1', text: 'only once' });
  // And twice more over REST, racing the socket.
  const rest = await Promise.all([visitor.say(chat.id, 'only once', 'dup-1'), visitor.say(chat.id, 'only once', 'dup-1')]);
  const dupAcks = () => socket.frames.flatMap((f) => (f.type === 'ack' && f.clientId === 'dup-1' ? [f] : []));
  await socket.next('ack', () => dupAcks().length >= 3);
  const acks = dupAcks();
  const storedIds = new Set([...acks.map((a) => a.message.id), ...rest.map((r) => r.body.id)]);
  expect(storedIds.size).toBe(1);
  expect(await orgRepos(server, owner.org.id).messages.count({ chatId: oid(chat.id), clientId: 'dup-1' })).toBe(1);
  const list = await owner.client.get(`/api/chats/${chat.id}/messages`);
  expect(list.body.items.filter((m: { text: string }) => m.text === 'only once')).toHaveLength(1);
  socket.close();
});

test('an agent that reconnects with its last seq receives every missed message, in order, once', async () => {
  const { visitor, chat } = await claimedChat();
  const first = await TestSocket.open(`${wsUrl()}/ws`, { cookie: owner.client.cookieHeader });
  await first.next('ready');
  first.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await first.next('chat.replayed');
  await visitor.say(chat.id, 'm1');
  const seen = await first.next('message.created', (f) => f.message.text === 'm1');
  first.close();
  await first.closed();

  // While the agent is away, the visitor writes on.
  for (let i = 2; i <= 6; i++) expect((await visitor.say(chat.id, `m${i}`)).status).toBe(201);

  const second = await TestSocket.open(`${wsUrl()}/ws`, { cookie: owner.client.cookieHeader });
  await second.next('ready');
  second.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: seen.message.seq });
  const replayed = await second.next('chat.replayed', (f) => f.chatId === chat.id);
  const texts = second.frames.flatMap((f) => (f.type === 'message.created' ? [f.message.text] : []));
  expect(texts).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
  expect(replayed.lastSeq).toBe(seen.message.seq + 5);
  // Live messages continue after the replay.
  await visitor.say(chat.id, 'm7');
  await second.next('message.created', (f) => f.message.text === 'm7');
  second.close();
});

test('a visitor resumes the same way, and seqs are strictly increasing under concurrency', async () => {
  const { visitor, chat } = await claimedChat();
  const sends = Array.from({ length: 30 }, (_, i) =>
    i % 2 === 0 ? visitor.say(chat.id, `v${i}`) : owner.client.post(`/api/chats/${chat.id}/messages`, { clientId: `a${i}`, text: `a${i}` }),
  );
  const results = await Promise.all(sends);
  expect(results.every((r) => r.status === 201)).toBe(true);
  const seqs = results.map((r) => r.body.seq as number).sort((x, y) => x - y);
  expect(new Set(seqs).size).toBe(30);

  const socket = await TestSocket.open(`${wsUrl()}/ws/visitor`);
  socket.send({ type: 'auth', token: visitor.token });
  socket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 10 });
  await socket.next('chat.replayed');
  const replayedSeqs = socket.frames.flatMap((f) => (f.type === 'message.created' ? [f.message.seq] : []));
  expect(replayedSeqs).toEqual(seqs.filter((s) => s > 10));
  socket.close();
});

test('malformed and unknown frames get error frames, the socket stays usable', async () => {
  const socket = await TestSocket.open(`${wsUrl()}/ws`, { cookie: owner.client.cookieHeader });
  await socket.next('ready');
  socket.send('not json');
  expect((await socket.next('error')).code).toBe('BAD_REQUEST');
  socket.send({ type: 'launch.missiles' });
  expect((await socket.next('error', (f) => f.field === 'type')).code).toBe('VALIDATION');
  socket.send({ type: 'message.send', chatId: { $gt: '' }, clientId: 'x', text: 'hi' });
  expect((await socket.next('error', (f) => f.field === 'chatId')).code).toBe('VALIDATION');
  socket.send({ type: 'ping', id: 'p1' });
  await socket.next('pong', (f) => f.id === 'p1');
  socket.close();
});

test('a visitor socket without a valid token is refused', async () => {
  const socket = await TestSocket.open(`${wsUrl()}/ws/visitor`);
  socket.send({ type: 'auth', token: 'vt_madeUpByTheClient_0123456789' });
  expect((await socket.closed()).code).toBe(4401);
  const agentSocket = await new TestClient(server.url).get('/ws', { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' });
  expect(agentSocket.status).toBe(401);
});

test('an empty message is refused and nothing is stored', async () => {
  const { visitor, chat } = await claimedChat();
  const res = await visitor.say(chat.id, '   ');
  expect(res.status).toBe(400);
  expect(res.body.error.field).toBe('text');
  expect(await orgRepos(server, owner.org.id).messages.count({ chatId: oid(chat.id) })).toBe(0);
});

test('the first agent message stamps the first response time', async () => {
  const { visitor, chat } = await claimedChat();
  await visitor.say(chat.id, 'hello?');
  expect((await owner.client.get(`/api/chats/${chat.id}`)).body.chat.firstResponseAt).toBeNull();
  await owner.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'r1', text: 'Hi!' });
  const stamped = (await owner.client.get(`/api/chats/${chat.id}`)).body.chat.firstResponseAt;
  expect(stamped).not.toBeNull();
  await owner.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'r2', text: 'Still here' });
  expect((await owner.client.get(`/api/chats/${chat.id}`)).body.chat.firstResponseAt).toBe(stamped);
});
