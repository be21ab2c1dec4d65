// Issue #15 item 11: error answers carry the same security headers as successful ones, and
// signed-in API answers are never cached.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('security_headers');
});
afterAll(() => server.close());

function expectSecurityHeaders(headers: Headers, what: string): void {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
}

describe('security headers', () => {
  test('401, 404 and 400 answers carry them', async () => {
    const anon = new TestClient(server.url);
    const unauthenticated = await anon.get('/api/auth/me');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers, '401');
    expect(unauthenticated.headers.get('cache-control')).toBe('no-store');

    const { client } = await signUp(server);
    const missingRoute = await client.get('/api/no-such-route');
    expect(missingRoute.status).toBe(404);
    expectSecurityHeaders(missingRoute.headers, 'unknown route');
    const missingChat = await client.get('/api/chats/000000000000000000000000');
    expect(missingChat.status).toBe(404);
    expectSecurityHeaders(missingChat.headers, 'missing chat');
    const invalid = await anon.post('/api/auth/login', { email: 1 });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid.headers, '400');
  });

  test('signed-in API answers say no-store', async () => {
    const { client } = await signUp(server);
    for (const path of ['/api/auth/me', '/api/members', '/api/chats']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expectSecurityHeaders(res.headers, path);
    }
  });
});
