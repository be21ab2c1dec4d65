// Issue 15 item 4: the widget's allowed origins are enforced on every widget route and on the
// visitor socket; an empty list means any site, and this server's own pages (/demo) always work.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CLOSE_CODES, VISITOR_ERROR_REASONS } from '../../shared/protocol/messages';
import { TestClient, newVisitor, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let open: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer('security_widget_origins');
  owner = await signUp(server, { orgName: 'Origins' });
  expect((await owner.client.patch('/api/org', { widget: { allowedOrigins: [SHOP] } })).status).toBe(200);
  open = await signUp(server, { orgName: 'Anywhere' });
});
afterAll(() => server.close());

const from = (origin: string | null) => new TestClient(server.url, origin ? { origin } : {});

function expectRefused(res: { status: number; body: any; headers: Headers }, origin: string) {
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('FORBIDDEN');
  expect(res.body.error.details).toEqual({ reason: VISITOR_ERROR_REASONS.originNotAllowed, origin });
  expect(res.body.error.message).toContain(origin);
  expect(res.body.error.message).toContain('Integrations');
  expect(res.headers.get('vary')).toContain('Origin');
}

describe('widget routes', () => {
  test('an allowed origin gets config and session, its own origin in the CORS header, never *', async () => {
    const config = await from(SHOP).get(`/api/widget/config?org=${owner.org.widgetKey}`);
    expect(config.status).toBe(200);
    expect(config.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(config.headers.get('vary')).toContain('Origin');
    const session = await from(SHOP).post('/api/widget/session', { org: owner.org.widgetKey });
    expect(session.status).toBe(200);
    expect(session.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  test('another origin is refused with 403 origin_not_allowed, and no session is made', async () => {
    expectRefused(await from(EVIL).get(`/api/widget/config?org=${owner.org.widgetKey}`), EVIL);
    const before = await orgRepos(server, owner.org.id).visitorSessions.count();
    expectRefused(await from(EVIL).post('/api/widget/session', { org: owner.org.widgetKey }), EVIL);
    const after = await orgRepos(server, owner.org.id).visitorSessions.count();
    expect(after).toBe(before);
  });

  test('a stolen token does not work from another origin on any token route', async () => {
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const chat = await visitor.startChat();
    const evil = new TestClient(server.url, { origin: EVIL, authorization: `Bearer ${visitor.token}` });
    expectRefused(await evil.get('/api/widget/chats'), EVIL);
    expectRefused(await evil.post('/api/widget/chats', {}), EVIL);
    expectRefused(await evil.get(`/api/widget/chats/${chat.id}/messages`), EVIL);
    expectRefused(await evil.post(`/api/widget/chats/${chat.id}/messages`, { clientId: 'evil-1', text: 'hi' }), EVIL);
    expectRefused(await evil.post(`/api/widget/chats/${chat.id}/end`), EVIL);
    const form = new FormData();
    form.append('chatId', chat.id);
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    expectRefused(await evil.post('/api/widget/files', form), EVIL);
    // Nothing was written: the chat is still open and empty.
    const mine = await new TestClient(server.url, { origin: SHOP, authorization: `Bearer ${visitor.token}` }).get(`/api/widget/chats/${chat.id}/messages`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
  });

  test("this server's own pages and requests without an Origin (server-to-server) are allowed", async () => {
    // /demo is served by this server: its fetches carry the server's own origin.
    const own = new URL(server.url).origin;
    expect((await from(own).get(`/api/widget/config?org=${owner.org.widgetKey}`)).status).toBe(200);
    expect((await from('http://phoenix.test').post('/api/widget/session', { org: owner.org.widgetKey })).status).toBe(200);
    expect((await from(null).get(`/api/widget/config?org=${owner.org.widgetKey}`)).status).toBe(200);
  });

  test('an empty list lets any site in', async () => {
    const res = await from(EVIL).get(`/api/widget/config?org=${open.org.widgetKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
  });

  test('a preflight names the asking origin, not *', async () => {
    const res = await fetch(`${server.url}/api/widget/session`, { method: 'OPTIONS', headers: { origin: SHOP, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('vary')).toContain('Origin');
  });
});

describe('visitor socket', () => {
  const wsUrl = () => `${server.url.replace('http', 'ws')}/ws/visitor`;

  test('a page of another origin is told why and closed; an allowed one gets ready', async () => {
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const evil = await TestSocket.open(wsUrl(), { origin: EVIL });
    evil.send({ type: 'auth', token: visitor.token });
    const error = await evil.next('error');
    expect(error.code).toBe('FORBIDDEN');
    expect(error.reason).toBe(VISITOR_ERROR_REASONS.originNotAllowed);
    expect(error.message).toContain(EVIL);
    expect((await evil.closed()).code).toBe(CLOSE_CODES.UNAUTHORIZED);

    const good = await TestSocket.open(wsUrl(), { origin: SHOP });
    good.send({ type: 'auth', token: visitor.token });
    await good.next('ready');
    good.close();
  });
});
