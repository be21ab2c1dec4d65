// Issue 15 item 6 and issue 18 item 10: a visitor's messages, typing, new chats and uploads are
// limited per visitor and per address, on the socket and over REST together; the widget config
// carries the limits and UPLOAD_MAX_BYTES; ending an ended chat is a 409 the widget recognizes.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { VISITOR_ERROR_REASONS } from '../../shared/protocol/messages';
import { manualClock } from '../clock';
import { TestClient, newVisitor, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

const clock = manualClock();
let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  // Behind a trusted proxy, so requests can come from addresses other than loopback.
  server = await startTestServer('security_visitor_limits', { clock, env: { TRUST_PROXY: 'true', UPLOAD_MAX_BYTES: '3000000' } });
  owner = await signUp(server, { orgName: 'Limits' });
});
afterAll(() => server.close());

let nextAddress = 1;
/** A visitor of its own address (so the per-address limits of other tests do not interfere), with a chat. */
async function visitorWithChat(address = `198.51.100.${nextAddress++}`) {
  const headers = { 'x-forwarded-for': address };
  const session = await new TestClient(server.url, headers).post('/api/widget/session', { org: owner.org.widgetKey });
  const client = new TestClient(server.url, { ...headers, authorization: `Bearer ${session.body.token}` });
  const chat = (await client.post('/api/widget/chats', {})).body as { id: string };
  return { token: session.body.token as string, client, chat, address };
}

const storedMessages = (chatId: string) => orgRepos(server, owner.org.id).messages.count({ chatId: oid(chatId) });

describe('messages', () => {
  test('a socket flood: 20 acked, the rest refused with typed RATE_LIMITED frames naming retryAfterSeconds', async () => {
    const v = await visitorWithChat();
    const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`, { 'x-forwarded-for': v.address });
    socket.send({ type: 'auth', token: v.token });
    await socket.next('ready');
    for (let i = 0; i < 100; i++) socket.send({ type: 'message.send', chatId: v.chat.id, clientId: `s${i}`, text: `flood ${i}` });
    await waitFor(() => socket.frames.filter((f) => f.type === 'ack' || (f.type === 'error' && f.replyTo?.startsWith('s'))).length === 100, { what: 'an answer to every send' });
    const acks = socket.frames.filter((f) => f.type === 'ack');
    const refusals = socket.frames.flatMap((f) => (f.type === 'error' ? [f] : []));
    expect(acks.length).toBe(20);
    expect(refusals.length).toBe(80);
    for (const r of refusals) {
      expect(r.code).toBe('RATE_LIMITED');
      expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(10);
    }
    expect(await storedMessages(v.chat.id)).toBe(20);

    // The same visitor over REST shares the count.
    const rest = await v.client.post(`/api/widget/chats/${v.chat.id}/messages`, { clientId: 'r-after', text: 'over REST' });
    expect(rest.status).toBe(429);

    // Once the window has passed, a human pace works again.
    clock.advance(10_000);
    socket.send({ type: 'message.send', chatId: v.chat.id, clientId: 'later', text: 'calm now' });
    expect((await socket.next('ack', (f) => f.clientId === 'later')).message.text).toBe('calm now');
    socket.close();
  });

  test('REST posts: past the limit a 429 JSON with Retry-After', async () => {
    const v = await visitorWithChat();
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await v.client.post(`/api/widget/chats/${v.chat.id}/messages`, { clientId: `p${i}`, text: `post ${i}` }));
    expect(results.filter((r) => r.status === 201).length).toBe(20);
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBe(10);
    expect(refused[0]!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.body.error.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await storedMessages(v.chat.id)).toBe(20);
    clock.advance(10_000);
  });

  test('per address: many fresh visitors behind one address are limited together', async () => {
    const address = '203.0.113.77';
    // Chats made from other addresses (new chats have their own per-address limit), then all write from one.
    const visitors = await Promise.all(Array.from({ length: 11 }, () => visitorWithChat()));
    let accepted = 0;
    let refused = 0;
    for (const v of visitors) {
      const client = new TestClient(server.url, { 'x-forwarded-for': address, authorization: `Bearer ${v.token}` });
      for (let i = 0; i < 20; i++) {
        const res = await client.post(`/api/widget/chats/${v.chat.id}/messages`, { clientId: `a${i}`, text: 'hi' });
        if (res.status === 201) accepted++;
        else if (res.status === 429) refused++;
      }
    }
    expect(accepted).toBe(200);
    expect(refused).toBe(20);
    clock.advance(10_000);
  });
});

describe('typing, chats and uploads', () => {
  test('typing across a visitor’s tabs is limited per visitor', async () => {
    const v = await visitorWithChat();
    const sockets = await Promise.all([1, 2, 3].map(() => TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`, { 'x-forwarded-for': v.address })));
    for (const s of sockets) {
      s.send({ type: 'auth', token: v.token });
      await s.next('ready');
    }
    // 15 per socket stays under each socket's own throttle; 45 together is past the visitor's 40.
    for (let i = 0; i < 15; i++) for (const s of sockets) s.send({ type: 'typing', chatId: v.chat.id, typing: i % 2 === 0 });
    const refused = await Promise.race(sockets.map((s) => s.next('error', (f) => f.replyTo === 'typing')));
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    for (const s of sockets) s.close();
    clock.advance(10_000);
  });

  test('new chats: past 5 a minute per visitor a 429', async () => {
    const v = await visitorWithChat();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await v.client.post('/api/widget/chats', {})).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[4]).toBe(429);
    clock.advance(60_000);
  });

  test('uploads: past the per-visitor limit a 429', async () => {
    const v = await visitorWithChat();
    const upload = () => {
      const form = new FormData();
      form.append('chatId', v.chat.id);
      form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
      return v.client.post('/api/widget/files', form);
    };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await upload()).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    clock.advance(60_000);
  });
});

describe('the widget config and ended chats', () => {
  test('the config carries UPLOAD_MAX_BYTES and the visitor limits', async () => {
    const res = await new TestClient(server.url).get(`/api/widget/config?org=${owner.org.widgetKey}`);
    expect(res.status).toBe(200);
    expect(res.body.limits).toEqual({ uploadMaxBytes: 3_000_000, messages: { limit: 20, windowSeconds: 10 }, uploads: { limit: 10, windowSeconds: 60 } });
  });

  test('ending an ended chat from the widget is a 409 chat_already_ended', async () => {
    const v = await newVisitor(server, owner.org.widgetKey);
    const chat = await v.startChat();
    const first = await v.client.post(`/api/widget/chats/${chat.id}/end`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('ended');
    const again = await v.client.post(`/api/widget/chats/${chat.id}/end`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(again.body.error.details.reason).toBe(VISITOR_ERROR_REASONS.chatAlreadyEnded);
    const send = await v.say(chat.id, 'after the end');
    expect(send.status).toBe(409);
    expect(send.body.error.details.reason).toBe(VISITOR_ERROR_REASONS.chatAlreadyEnded);
    clock.advance(60_000);
  });
});

test('a message into a chat that ended after the socket subscribed is a CONFLICT frame with reason chat_already_ended', async () => {
  const v = await newVisitor(server, owner.org.widgetKey);
  const chat = await v.startChat();
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  socket.send({ type: 'auth', token: v.token });
  socket.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
  await socket.next('chat.replayed');
  expect((await v.client.post(`/api/widget/chats/${chat.id}/end`)).status).toBe(200);
  socket.send({ type: 'message.send', chatId: chat.id, clientId: 'late-1', text: 'still there?' });
  const refused = await socket.next('error', (f) => f.replyTo === 'late-1');
  expect(refused.code).toBe('CONFLICT');
  expect(refused.reason).toBe(VISITOR_ERROR_REASONS.chatAlreadyEnded);
  socket.close();
  clock.advance(60_000);
});
