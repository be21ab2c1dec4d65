// Issue #15 item 3: blocking a contact closes the sockets its visitor already has open (on
// every instance, through the bus) and refuses new sockets and requests at once.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { newVisitor, orgRepos, oid, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer('security_blocked_contact');
  owner = await signUp(server, { orgName: 'Blocks' });
});
afterAll(() => server.close());

async function visitorSocket(token: string): Promise<TestSocket> {
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  socket.send({ type: 'auth', token });
  return socket;
}

async function openVisitor() {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  const socket = await visitorSocket(visitor.token);
  await socket.next('ready');
  socket.send({ type: 'message.send', chatId: chat.id, clientId: 'before', text: 'hello' });
  await socket.next('ack', (f) => f.clientId === 'before');
  return { visitor, chat, socket };
}

async function expectShutOut(visitor: Awaited<ReturnType<typeof newVisitor>>, chatId: string, socket: TestSocket): Promise<void> {
  expect((await socket.closed()).code).toBe(CLOSE_CODES.UNAUTHORIZED);
  const again = await visitorSocket(visitor.token);
  expect((await again.closed()).code).toBe(CLOSE_CODES.UNAUTHORIZED);
  expect(again.frames.some((f) => f.type === 'ready')).toBe(false);
  expect((await visitor.say(chatId, 'over REST')).status).toBe(401);
  const texts = (await orgRepos(server, owner.org.id).messages.find({ chatId: oid(chatId), 'author.kind': 'contact' })).map((m) => m.text);
  expect(texts).toEqual(['hello']);
}

describe('blocking a contact', () => {
  test('from the console: the open socket closes and nothing more is taken', async () => {
    const { visitor, chat, socket } = await openVisitor();
    const blocked = await owner.client.patch(`/api/contacts/${visitor.contactId}`, { status: 'blocked' });
    expect(blocked.status).toBe(200);
    // Whatever the visitor sends after the block is never stored.
    socket.send({ type: 'message.send', chatId: chat.id, clientId: 'after', text: 'still here?' });
    await expectShutOut(visitor, chat.id, socket);
  });

  test('through the bot API: the same', async () => {
    const api = new PhoenixApiClient(server.url, (await createKey(owner.client)).key);
    const { visitor, chat, socket } = await openVisitor();
    expect((await api.request('PATCH', `/api/v1/contacts/${visitor.contactId}`, { status: 'blocked' })).status).toBe(200);
    await expectShutOut(visitor, chat.id, socket);
  });
});
