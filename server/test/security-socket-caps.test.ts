// Issue #15 item 12: open sockets are capped per address, per agent session and per visitor
// token, and typing frames are throttled per socket.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { SOCKET_CAPS } from '../realtime/socket-caps';
import { TYPING_LIMITS } from '../realtime/typing-throttle';
import { newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let wsBase: string;
beforeAll(async () => {
  // Behind a trusted proxy, so sockets can come from addresses other than loopback.
  server = await startTestServer('security_socket_caps', { env: { TRUST_PROXY: 'true' } });
  owner = await signUp(server, { orgName: 'Caps' });
  wsBase = server.url.replace('http', 'ws');
});
afterAll(() => server.close());

const openFrom = (path: string, headers: Record<string, string>) => TestSocket.open(`${wsBase}${path}`, headers);

async function refusedUpgrade(path: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { ...headers, upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' },
  });
  return res.status;
}

describe('socket caps', () => {
  test('per address: past the cap an upgrade is a 429; other addresses are unaffected; a close frees a slot', async () => {
    const from = { 'x-forwarded-for': '198.51.100.20' };
    const sockets = await Promise.all(Array.from({ length: SOCKET_CAPS.perAddress }, () => openFrom('/ws/visitor', from)));
    expect(await refusedUpgrade('/ws/visitor', from)).toBe(429);
    const other = await openFrom('/ws/visitor', { 'x-forwarded-for': '198.51.100.21' });
    sockets[0]!.close();
    await sockets[0]!.closed();
    const again = await openFrom('/ws/visitor', from);
    for (const s of [...sockets.slice(1), other, again]) s.close();
  });

  test('per visitor: the socket past the cap is told and closed (one visitor, sockets from many addresses)', async () => {
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const sockets: TestSocket[] = [];
    for (let i = 0; i < SOCKET_CAPS.perVisitor; i++) {
      const s = await openFrom('/ws/visitor', { 'x-forwarded-for': `203.0.113.${i + 1}` });
      s.send({ type: 'auth', token: visitor.token });
      await s.next('ready');
      sockets.push(s);
    }
    const extra = await openFrom('/ws/visitor', { 'x-forwarded-for': '203.0.113.200' });
    extra.send({ type: 'auth', token: visitor.token });
    expect((await extra.next('error')).code).toBe('RATE_LIMITED');
    expect((await extra.closed()).code).toBe(CLOSE_CODES.POLICY);
    for (const s of sockets) s.close();
  });

  test('per agent session: past the cap an upgrade is a 429', async () => {
    const headers = { cookie: owner.client.cookieHeader };
    const sockets = await Promise.all(Array.from({ length: SOCKET_CAPS.perAgentSession }, () => openFrom('/ws', headers)));
    expect(await refusedUpgrade('/ws', headers)).toBe(429);
    for (const s of sockets) s.close();
  });
});

describe('typing throttle', () => {
  test('repeats are coalesced and a flood is refused', async () => {
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const chat = await visitor.startChat();
    expect((await owner.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
    const agent = await openFrom('/ws', { cookie: owner.client.cookieHeader });
    await agent.next('ready');
    agent.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 });
    await agent.next('chat.replayed');
    const vs = await openFrom('/ws/visitor', { 'x-forwarded-for': '192.0.2.50' });
    vs.send({ type: 'auth', token: visitor.token });
    await vs.next('ready');

    const mark = agent.mark();
    for (let i = 0; i < 5; i++) vs.send({ type: 'typing', chatId: chat.id, typing: true });
    vs.send({ type: 'ping', id: 'after-typing' });
    await vs.next('pong');
    await agent.next('typing', (f) => f.typing, { after: mark });
    expect(await agent.arrives('typing', () => true, { after: agent.mark(), timeout: 300 })).toBe(false);
    expect(agent.frames.slice(mark).filter((f) => f.type === 'typing')).toHaveLength(1);

    for (let i = 0; i < TYPING_LIMITS.burst; i++) vs.send({ type: 'typing', chatId: chat.id, typing: i % 2 === 0 });
    const refused = await vs.next('error', (f) => f.replyTo === 'typing');
    expect(refused.code).toBe('RATE_LIMITED');
    agent.close();
    vs.close();
  });
});
