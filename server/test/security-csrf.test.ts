// Issue 15, item 10: cookie routes refuse cross-site requests (another Origin, or a form-encoded
// body a cross-site <form> could send); the widget's and the v1 API's token routes stay open to
// other sites, and same-origin JSON requests from the console go through.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('security-csrf');
});
afterAll(() => server.close());

test('a cross-site form post with the session cookie is refused and changes nothing', async () => {
  const owner = await signUp(server);
  const before = (await owner.client.get('/api/teams')).body.items.length;
  const form = await fetch(`${server.url}/api/teams`, {
    method: 'POST',
    headers: { cookie: owner.client.cookieHeader, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'name=Pwned',
  });
  expect(form.status).toBe(403);
  expect((await form.json()).error.code).toBe('FORBIDDEN');
  // Even without an Origin header (an old browser, a stripped header), a form body is refused.
  const noOrigin = await fetch(`${server.url}/api/teams`, {
    method: 'POST',
    headers: { cookie: owner.client.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'name=Pwned',
  });
  expect(noOrigin.status).toBe(415);
  expect((await noOrigin.json()).error.message).toContain('JSON');
  // Another site's JSON fetch (it would need a preflight, but refuse it anyway).
  const json = await fetch(`${server.url}/api/teams`, {
    method: 'POST',
    headers: { cookie: owner.client.cookieHeader, origin: 'http://evil.example', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Pwned' }),
  });
  expect(json.status).toBe(403);
  expect((await owner.client.get('/api/teams')).body.items.length).toBe(before);
});

test("the console's own origin and the widget's cross-site routes still work", async () => {
  const owner = await signUp(server);
  const own = await owner.client.request('POST', '/api/teams', { name: 'Own origin' }, { origin: 'http://phoenix.test' });
  expect(own.status).toBe(201);
  const addressed = await owner.client.request('POST', '/api/teams', { name: 'Addressed origin' }, { origin: new URL(server.url).origin });
  expect(addressed.status).toBe(201);
  // A customer's site talks to the widget routes with a token, from its own origin.
  const visitor = await fetch(`${server.url}/api/widget/session`, {
    method: 'POST',
    headers: { origin: 'https://shop.example', 'content-type': 'application/json' },
    body: JSON.stringify({ org: owner.org.widgetKey }),
  });
  expect(visitor.status).toBe(200);
  // Bodyless actions (claim, end, logout) need no content type.
  const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: owner.client.cookieHeader, origin: 'http://phoenix.test' } });
  expect(logout.status).toBe(204);
});

test('the agent socket refuses another site, and opens for the console’s own origin', async () => {
  const owner = await signUp(server);
  const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
  const open = (origin: string) =>
    new Promise<'open' | 'refused'>((resolve) => {
      const ws = new WebSocket(wsUrl, { headers: { cookie: owner.client.cookieHeader, origin } } as unknown as string[]);
      ws.addEventListener('open', () => (ws.close(), resolve('open')), { once: true });
      ws.addEventListener('error', () => resolve('refused'), { once: true });
    });
  expect(await open('http://evil.example')).toBe('refused');
  expect(await open('http://phoenix.test')).toBe('open');
});
