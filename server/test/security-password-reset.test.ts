// Issue #15 item 2: a password reset, and a password change, void every outstanding reset link
// of the account, so a link mailed earlier cannot undo the new password.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('security_password_reset');
});
afterAll(() => server.close());

async function resetLinks(email: string, count: number): Promise<string[]> {
  const anon = new TestClient(server.url);
  for (let i = 0; i < count; i++) expect((await anon.post('/api/auth/forgot', { email })).status).toBe(202);
  return server.outbox
    .filter((m) => m.to === email && /reset\?token=/.test(m.text))
    .map((m) => decodeURIComponent(/reset\?token=([^\s"&<]+)/.exec(m.text)![1]!));
}

describe('reset links are single-generation', () => {
  test('using the newest reset link voids the older ones', async () => {
    server.ctx.limiter.reset();
    const { email } = await signUp(server);
    const [older, newer] = await resetLinks(email, 2);
    const anon = new TestClient(server.url);
    expect((await anon.post('/api/auth/reset', { token: newer, password: 'brand new password 1' })).status).toBe(204);
    const stale = await anon.post('/api/auth/reset', { token: older, password: 'attacker password 1' });
    expect(stale.status).toBe(400);
    expect(stale.body.error.field).toBe('body.token');
    expect((await anon.post('/api/auth/login', { email, password: 'brand new password 1' })).status).toBe(200);
  });

  test('changing the password voids outstanding reset links', async () => {
    server.ctx.limiter.reset();
    const { client, email, password } = await signUp(server);
    const [link] = await resetLinks(email, 1);
    expect((await client.post('/api/auth/password', { currentPassword: password, newPassword: 'changed password 1' })).status).toBe(204);
    expect((await new TestClient(server.url).post('/api/auth/reset', { token: link, password: 'attacker password 1' })).status).toBe(400);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: 'changed password 1' })).status).toBe(200);
  });
});
