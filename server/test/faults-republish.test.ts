// A message stored whose first publish failed is still published: the sender's resend (same
// clientId) takes the duplicate path, which publishes it again before acking.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createLocalBus, type EventBus } from '../bus/bus';
import { TestClient, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let failNext = false;
const local = createLocalBus();
const flaky: EventBus = {
  publish(event) {
    if (event.kind === 'message.created' && failNext) {
      failNext = false;
      return Promise.reject(new Error('bus publish failed (test)'));
    }
    return local.publish(event);
  },
  subscribe: (handler) => local.subscribe(handler),
  close: () => local.close(),
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('faults-republish', { bus: flaky });
});
afterAll(() => server.close());

test('a resend of a message whose first publish failed publishes it, once stored', async () => {
  const owner = await signUp(server);
  const session = await new TestClient(server.url).post('/api/widget/session', { org: owner.org.widgetKey });
  const visitor = new TestClient(server.url, { authorization: `Bearer ${session.body.token}` });
  const chat = (await visitor.post('/api/widget/chats', {})).body as { id: string };
  expect((await owner.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  const agent = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: owner.client.cookieHeader });
  agent.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await agent.next('chat.replayed');
  const vs = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  vs.send({ type: 'auth', token: session.body.token });
  await vs.next('ready');

  failNext = true;
  vs.send({ type: 'message.send', chatId: chat.id, clientId: 'r1', text: 'first try' });
  const error = await vs.next('error', (f) => f.replyTo === 'r1');
  expect(error.code).toBe('INTERNAL');
  vs.send({ type: 'message.send', chatId: chat.id, clientId: 'r1', text: 'first try' });
  const ack = await vs.next('ack', (f) => f.clientId === 'r1');
  const live = await agent.next('message.created', (f) => f.message.clientId === 'r1');
  expect(live.message.seq).toBe(ack.message.seq);
  const stored = (await owner.client.get(`/api/chats/${chat.id}/messages?afterSeq=0`)).body.items as { clientId: string | null }[];
  expect(stored.filter((m) => m.clientId === 'r1')).toHaveLength(1);
  agent.close();
  vs.close();
});
