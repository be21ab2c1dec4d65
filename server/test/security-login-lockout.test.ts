// Issue #15 item 9: sign-in limits count failures only, per account AND address, so an attacker
// cannot lock a member out from elsewhere, a member who signs in often is never refused, and
// the 429 says how long to wait.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  // Behind a trusted proxy, so a test can speak from several addresses.
  server = await startTestServer('security_login_lockout', { env: { TRUST_PROXY: 'true' } });
});
afterAll(() => server.close());

const from = (ip: string) => new TestClient(server.url, { 'x-forwarded-for': ip });

describe('sign-in throttling', () => {
  test('successful sign-ins never count against the limit', async () => {
    server.ctx.limiter.reset();
    const { email, password } = await signUp(server);
    for (let i = 0; i < 15; i++) expect((await from('203.0.113.1').post('/api/auth/login', { email, password })).status).toBe(200);
  });

  test('ten wrong passwords from one address stop that address only, and the 429 says how long to wait', async () => {
    server.ctx.limiter.reset();
    const { email, password } = await signUp(server);
    const attacker = from('198.51.100.66');
    for (let i = 0; i < 10; i++) expect((await attacker.post('/api/auth/login', { email, password: 'wrong password' })).status).toBe(401);
    const refused = await attacker.post('/api/auth/login', { email, password });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const seconds = refused.body.error.details.retryAfterSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(refused.headers.get('retry-after')).toBe(String(seconds));
    expect(refused.body.error.message).toMatch(/try again in \d+ (minutes|seconds)/);

    // The real member, from their own address, still signs in.
    expect((await from('203.0.113.7').post('/api/auth/login', { email, password })).status).toBe(200);
    // And the attacker's address is not locked out of other accounts by this one.
    const other = await signUp(server);
    expect((await attacker.post('/api/auth/login', { email: other.email, password: other.password })).status).toBe(200);
  });

  test('a success from the address clears its count of failures', async () => {
    server.ctx.limiter.reset();
    const { email, password } = await signUp(server);
    const member = from('203.0.113.9');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) expect((await member.post('/api/auth/login', { email, password: 'typo password' })).status).toBe(401);
      expect((await member.post('/api/auth/login', { email, password })).status).toBe(200);
    }
  });
});
