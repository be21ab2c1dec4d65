// The core journey of issue #4, end to end over HTTP and WebSocket against the real app.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { TestClient, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('journey');
});
afterAll(() => server.close());

test('sign-up → invite → accept → agent logs in → visitor chats → claim → live exchange → end', async () => {
  const owner = await signUp(server, { orgName: 'Acme Outdoor' });
  const inboxId = owner.user.teamIds[0];

  // Invite an agent into Inbox; the link comes by e-mail.
  const invite = await owner.client.post('/api/invitations', { email: 'agent.ann@example.test', role: 'agent', teamIds: [inboxId] });
  expect(invite.status).toBe(201);
  const mail = server.outbox.findLast((m) => m.to === 'agent.ann@example.test')!;
  const token = decodeURIComponent(/accept\?token=([^\s"&]+)/.exec(mail.text)![1]!);
  const agent = new TestClient(server.url);
  const accepted = await agent.post('/api/invitations/accept', { token, name: 'Ann Agent', password: 'ann password 1' });
  expect(accepted.status).toBe(201);
  expect(accepted.body.user.role).toBe('agent');
  expect(accepted.body.user.teamIds).toEqual([inboxId]);

  // The agent logs in fresh and opens the live socket.
  const ann = new TestClient(server.url);
  expect((await ann.post('/api/auth/login', { email: 'agent.ann@example.test', password: 'ann password 1' })).status).toBe(200);
  const annSocket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: ann.cookieHeader });
  await annSocket.next('ready');

  // A visitor arrives through the widget API.
  const config = (await new TestClient(server.url).get(`/api/widget/config?org=${owner.org.widgetKey}`)).body;
  expect(config.team.open).toBe(true);
  const session = await new TestClient(server.url).post('/api/widget/session', { org: owner.org.widgetKey, visitor: { pageUrl: 'https://acme.test/tents', language: 'en' } });
  expect(session.status).toBe(200);
  expect(session.body.token.length).toBeGreaterThanOrEqual(40);
  const visitor = new TestClient(server.url, { authorization: `Bearer ${session.body.token}` });
  const created = await visitor.post('/api/widget/chats', {});
  expect(created.status).toBe(201);
  const chatId: string = created.body.id;
  const visitorSocket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  visitorSocket.send({ type: 'auth', token: session.body.token });
  await visitorSocket.next('ready');
  visitorSocket.send({ type: 'chat.subscribe', chatId, afterSeq: 0 });
  await visitorSocket.next('chat.replayed');

  // The agent sees it arrive, with the badge.
  await annSocket.next('chat.created', (f) => f.chat.id === chatId);
  await annSocket.next('badges', (f) => f.counts.unassigned === 1);
  visitorSocket.send({ type: 'message.send', chatId, clientId: 'v-1', text: 'Do you ship to Norway?' });
  const vAck = await visitorSocket.next('ack', (f) => f.clientId === 'v-1');
  expect(vAck.message.seq).toBe(1);

  // Nobody writes in an unassigned chat.
  annSocket.send({ type: 'message.send', chatId, clientId: 'a-0', text: 'hi' });
  const refused = await annSocket.next('error', (f) => f.replyTo === 'a-0');
  expect(refused.code).toBe('FORBIDDEN');

  // Claim, then talk live both ways.
  const claim = await ann.post(`/api/chats/${chatId}/claim`);
  expect(claim.status).toBe(200);
  expect(claim.body.assigneeId).toBe(accepted.body.user.id);
  await visitorSocket.next('chat.assigned', (f) => f.chat.assigneeName === 'Ann Agent');
  annSocket.send({ type: 'chat.subscribe', chatId, afterSeq: 0 });
  const replayed = await annSocket.next('message.created', (f) => f.message.chatId === chatId && f.message.seq === 1);
  expect(replayed.message.text).toBe('Do you ship to Norway?');
  await annSocket.next('chat.replayed', (f) => f.chatId === chatId);

  annSocket.send({ type: 'typing', chatId, typing: true });
  await visitorSocket.next('typing', (f) => f.author.kind === 'agent' && f.typing);
  annSocket.send({ type: 'message.send', chatId, clientId: 'a-1', text: 'Yes, in 3–5 days.' });
  const aAck = await annSocket.next('ack', (f) => f.clientId === 'a-1');
  expect(aAck.message.seq).toBe(2);
  const toVisitor = await visitorSocket.next('message.created', (f) => f.message.seq === 2);
  expect(toVisitor.message.author).toEqual({ kind: 'agent', id: accepted.body.user.id, name: 'Ann Agent' });
  const mark = annSocket.mark();
  visitorSocket.send({ type: 'message.send', chatId, clientId: 'v-2', text: 'Great, thanks!' });
  await annSocket.next('message.created', (f) => f.message.seq === 3, { after: mark });

  // First response is stamped; ending stamps resolution and tells the visitor.
  const ended = await ann.post(`/api/chats/${chatId}/end`);
  expect(ended.status).toBe(200);
  expect(ended.body.status).toBe('ended');
  expect(ended.body.firstResponseAt).not.toBeNull();
  expect(ended.body.endedAt).not.toBeNull();
  await visitorSocket.next('chat.ended', (f) => f.chat.id === chatId);
  visitorSocket.send({ type: 'message.send', chatId, clientId: 'v-3', text: 'one more thing' });
  expect((await visitorSocket.next('error', (f) => f.replyTo === 'v-3')).code).toBe('CONFLICT');

  const history = await ann.get(`/api/chats/${chatId}/events`);
  expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(['created', 'claimed', 'ended']);
  const messages = await visitor.get(`/api/widget/chats/${chatId}/messages`);
  expect(messages.body.items.map((m: { text: string }) => m.text)).toEqual(['Do you ship to Norway?', 'Yes, in 3–5 days.', 'Great, thanks!']);
  annSocket.close();
  visitorSocket.close();
});
