// Issue 17.5: read receipts both ways — a `read` frame from each side, stored on the chat (only
// ever raised, at most one write per chat, side and second), relayed live to the other side and
// returned with the replay and the chat.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { newVisitor, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer('read-receipts');
  owner = await signUp(server);
});
afterAll(() => server.close());

const wsUrl = () => server.url.replace('http', 'ws');

async function openChat() {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  expect((await owner.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
  const agent = await TestSocket.open(`${wsUrl()}/ws`, { cookie: owner.client.cookieHeader });
  await agent.next('ready');
  agent.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await agent.next('chat.replayed');
  const widget = await TestSocket.open(`${wsUrl()}/ws/visitor`);
  widget.send({ type: 'auth', token: visitor.token });
  await widget.next('ready');
  widget.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await widget.next('chat.replayed');
  return { visitor, chat, agent, widget };
}

const stored = async (chatId: string) => (await orgRepos(server, owner.org.id).chats.findById(oid(chatId)))!;

test('the agent reads: stored, relayed to the visitor, returned on resume and with the chat', async () => {
  const { visitor, chat, agent, widget } = await openChat();
  await visitor.say(chat.id, 'hello');
  await visitor.say(chat.id, 'anyone?');
  agent.send({ type: 'read', chatId: chat.id, seq: 2 });
  const relayed = await widget.next('chat.read');
  expect(relayed).toMatchObject({ chatId: chat.id, side: 'agent', seq: 2 });
  expect((await stored(chat.id)).agentReadSeq).toBe(2);
  // The agent's own socket is not told of its own read.
  expect(agent.frames.some((f) => f.type === 'chat.read')).toBe(false);

  // A resume brings it, and so does the chat over REST.
  const again = await TestSocket.open(`${wsUrl()}/ws/visitor`);
  again.send({ type: 'auth', token: visitor.token });
  await again.next('ready');
  again.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 2 });
  expect(await again.next('chat.replayed')).toMatchObject({ agentReadSeq: 2, visitorReadSeq: 0 });
  const dto = (await owner.client.get(`/api/chats/${chat.id}`)).body;
  expect((dto.chat ?? dto).agentReadSeq).toBe(2);
  for (const s of [agent, widget, again]) s.close();
});

test('the visitor reads: the agent with the chat open is told', async () => {
  const { chat, agent, widget } = await openChat();
  expect((await owner.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'r1', text: 'How can I help?' })).status).toBe(201);
  widget.send({ type: 'read', chatId: chat.id, seq: 1 });
  expect(await agent.next('chat.read')).toMatchObject({ chatId: chat.id, side: 'visitor', seq: 1 });
  expect((await stored(chat.id)).visitorReadSeq).toBe(1);
  for (const s of [agent, widget]) s.close();
});

test('monotonic and bounded: never lowered, never past the last message', async () => {
  const { visitor, chat, agent, widget } = await openChat();
  for (const text of ['a', 'b', 'c']) await visitor.say(chat.id, text);
  agent.send({ type: 'read', chatId: chat.id, seq: 3 });
  await widget.next('chat.read', (f) => f.seq === 3);
  // Later, lower, and beyond-the-end reports (after the coalescing window) change nothing.
  await Bun.sleep(1100); // the coalescing window is the behaviour under test
  agent.send({ type: 'read', chatId: chat.id, seq: 1 });
  agent.send({ type: 'read', chatId: chat.id, seq: 99 });
  await Bun.sleep(1200);
  expect((await stored(chat.id)).agentReadSeq).toBe(3);
  expect(widget.frames.filter((f) => f.type === 'chat.read').map((f) => (f as { seq: number }).seq)).toEqual([3]);
  for (const s of [agent, widget]) s.close();
});

test('coalesced: a burst of reports costs two writes (the first, then the highest at the end of the second)', async () => {
  const { visitor, chat, agent, widget } = await openChat();
  for (let i = 1; i <= 6; i++) await visitor.say(chat.id, `m${i}`);
  for (let seq = 1; seq <= 6; seq++) agent.send({ type: 'read', chatId: chat.id, seq });
  await widget.next('chat.read', (f) => f.seq === 6, { timeout: 3000 });
  const seqs = widget.frames.filter((f) => f.type === 'chat.read').map((f) => (f as { seq: number }).seq);
  expect(seqs).toEqual([1, 6]);
  await waitFor(async () => ((await stored(chat.id)).agentReadSeq === 6 ? true : null), { what: 'seq 6 stored' });
  for (const s of [agent, widget]) s.close();
});

test('a chat not opened on this socket is refused', async () => {
  const { chat, agent, widget } = await openChat();
  const other = await TestSocket.open(`${wsUrl()}/ws`, { cookie: owner.client.cookieHeader });
  await other.next('ready');
  other.send({ type: 'read', chatId: chat.id, seq: 1 });
  expect(await other.next('error')).toMatchObject({ code: 'BAD_REQUEST', replyTo: 'read' });
  for (const s of [agent, widget, other]) s.close();
});
