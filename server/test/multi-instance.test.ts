// Two server instances on one database with the Redis event bus act as one: an agent on one
// instance and a visitor on the other talk live.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { TestClient, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Other runs on the same Redis publish other organizations' events; hubs ignore those.
const channelEnv = { REDIS_URL };

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer('multi', { env: channelEnv });
  b = await startTestServer('multi-b', { env: channelEnv, database: a.database });
});
afterAll(async () => {
  await b.close();
  await a.close();
});

test('an agent on instance A and a visitor on instance B chat live through Redis', async () => {
  const owner = await signUp(a);
  const agentSocket = await TestSocket.open(`${a.url.replace('http', 'ws')}/ws`, { cookie: owner.client.cookieHeader });
  await agentSocket.next('ready');

  const session = await new TestClient(b.url).post('/api/widget/session', { org: owner.org.widgetKey });
  const visitor = new TestClient(b.url, { authorization: `Bearer ${session.body.token}` });
  const chat = (await visitor.post('/api/widget/chats', {})).body;
  await agentSocket.next('chat.created', (f) => f.chat.id === chat.id);

  const visitorSocket = await TestSocket.open(`${b.url.replace('http', 'ws')}/ws/visitor`);
  visitorSocket.send({ type: 'auth', token: session.body.token });
  await visitorSocket.next('ready');
  visitorSocket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await visitorSocket.next('chat.replayed');

  // The claim goes to instance B's HTTP, the agent's socket lives on A.
  const claimed = await new TestClient(b.url, { cookie: owner.client.cookieHeader }).post(`/api/chats/${chat.id}/claim`);
  expect(claimed.status).toBe(200);
  await visitorSocket.next('chat.assigned');
  agentSocket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await agentSocket.next('chat.replayed', (f) => f.chatId === chat.id);

  agentSocket.send({ type: 'message.send', chatId: chat.id, clientId: 'x1', text: 'Hello from A' });
  const onB = await visitorSocket.next('message.created', (f) => f.message.text === 'Hello from A');
  visitorSocket.send({ type: 'message.send', chatId: chat.id, clientId: 'y1', text: 'Hello from B' });
  const onA = await agentSocket.next('message.created', (f) => f.message.text === 'Hello from B');
  expect(onA.message.seq).toBe(onB.message.seq + 1);

  // Each frame arrives once, though both instances hear every event.
  expect(visitorSocket.frames.filter((f) => f.type === 'message.created' && f.message.text === 'Hello from A')).toHaveLength(1);
  agentSocket.close();
  visitorSocket.close();
});
