// Issue 15 item 14: visitor tokens expire after VISITOR_TOKEN_TTL_DAYS unused (sliding: each use
// renews them) and are rotated when the visitor is identified; an expired token is a 401 with a
// reason the widget acts on, on REST and on the socket.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { CLOSE_CODES, VISITOR_ERROR_REASONS } from '../../shared/protocol/messages';
import { manualClock } from '../clock';
import { TestClient, newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

const DAY = 86_400_000;
const clock = manualClock();
let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let secret: string;
beforeAll(async () => {
  server = await startTestServer('security_visitor_token', { clock });
  owner = await signUp(server, { orgName: 'Tokens' });
  // Read now: the owner's console session does not outlive the months these tests pass.
  secret = ((await owner.client.get('/api/org/identity-secret')).body as { secret: string }).secret;
});
afterAll(() => server.close());

const asVisitor = (token: string) => new TestClient(server.url, { authorization: `Bearer ${token}` });
const session = (body: Record<string, unknown>) => new TestClient(server.url).post('/api/widget/session', { org: owner.org.widgetKey, ...body });

test('the default lifetime is 90 days unused', () => {
  expect(server.ctx.config.visitors.tokenTtlDays).toBe(90);
});

test('a token unused for 90 days is refused with 401 visitor_token_expired; resuming with it makes a new visitor', async () => {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  await visitor.startChat();
  clock.advance(89 * DAY);
  expect((await visitor.client.get('/api/widget/chats')).status).toBe(200);

  // That use renewed it: 89 more days are fine, 90 unused are not.
  clock.advance(89 * DAY);
  expect((await visitor.client.get('/api/widget/chats')).status).toBe(200);
  clock.advance(90 * DAY);
  const expired = await visitor.client.get('/api/widget/chats');
  expect(expired.status).toBe(401);
  expect(expired.body.error.code).toBe('UNAUTHENTICATED');
  expect(expired.body.error.details.reason).toBe(VISITOR_ERROR_REASONS.tokenExpired);

  // The socket says the same, and closes with 4401 (the widget then starts a fresh session).
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  socket.send({ type: 'auth', token: visitor.token });
  const frame = await socket.next('error');
  expect(frame.code).toBe('UNAUTHENTICATED');
  expect(frame.reason).toBe(VISITOR_ERROR_REASONS.tokenExpired);
  expect((await socket.closed()).code).toBe(CLOSE_CODES.UNAUTHORIZED);

  // What the widget does next: the session call with the old token gets a new visitor.
  const fresh = await session({ token: visitor.token });
  expect(fresh.status).toBe(200);
  expect(fresh.body.token).not.toBe(visitor.token);
  expect(fresh.body.contactId).not.toBe(visitor.contactId);
  expect((await asVisitor(fresh.body.token).get('/api/widget/chats')).body.items).toEqual([]);
  expect((await visitor.client.get('/api/widget/chats')).status).toBe(401);
});

test('the session call renews a token too', async () => {
  const first = await session({});
  clock.advance(80 * DAY);
  expect((await session({ token: first.body.token })).body.token).toBe(first.body.token);
  clock.advance(80 * DAY);
  expect((await asVisitor(first.body.token).get('/api/widget/chats')).status).toBe(200);
});

test('identifying rotates the token: the anonymous one stops working, the same user keeps the new one', async () => {
  const userHash = createHmac('sha256', secret).update('u-7').digest('hex');
  const anonymous = await session({});
  expect((await asVisitor(anonymous.body.token).get('/api/widget/chats')).status).toBe(200);

  const identified = await session({ token: anonymous.body.token, userId: 'u-7', userHash });
  expect(identified.body.identified).toBe(true);
  expect(identified.body.token).not.toBe(anonymous.body.token);
  expect((await asVisitor(anonymous.body.token).get('/api/widget/chats')).status).toBe(401);
  expect((await asVisitor(identified.body.token).get('/api/widget/chats')).status).toBe(200);

  // Every page load of the signed-in user sends token and identity again: no rotation then.
  const again = await session({ token: identified.body.token, userId: 'u-7', userHash });
  expect(again.body.token).toBe(identified.body.token);
  expect(again.body.contactId).toBe(identified.body.contactId);
});
