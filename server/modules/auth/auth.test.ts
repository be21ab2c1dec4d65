import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countInDatabase } from '../../testing/database';
import { TestClient, orgRepos, signUp, startTestServer, uniqueEmail, type TestServer } from '../../testing/harness';
import { TestSocket } from '../../testing/socket';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('auth');
});
afterAll(() => server.close());

describe('sign-up, login, logout', () => {
  test('sign-up creates the organization, its owner and the Inbox team, and signs in', async () => {
    const { client, user, org } = await signUp(server, { orgName: 'Globex' });
    expect(user.role).toBe('owner');
    expect(org.name).toBe('Globex');
    expect(org.widgetKey).toMatch(/^pk_/);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    const teams = await orgRepos(server, org.id).teams.find();
    expect(teams.map((t) => t.name)).toEqual(['Inbox']);
    expect(user.teamIds).toEqual([teams[0]!._id.toString()]);
  });

  test('the session cookie is httpOnly and SameSite', async () => {
    const res = await new TestClient(server.url).post('/api/auth/signup', { orgName: 'Initech', name: 'Peter', email: uniqueEmail(), password: 'long enough pw' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('phx_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Only the hash is stored.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const sessions = await orgRepos(server, res.body.org.id).sessions.find();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.tokenHash).not.toBe(token);
    expect(await server.ctx.repos.crossOrg.sessionByTokenHash(token)).toBeNull();
  });

  test('a taken e-mail is a 409 naming the field, and nothing is half-written', async () => {
    const { email } = await signUp(server);
    // A refused sign-up has no organization to look in: count the whole database.
    const orgsBefore = await countInDatabase(server.database, 'organizations');
    expect(orgsBefore).toBeGreaterThan(0);
    const res = await new TestClient(server.url).post('/api/auth/signup', { orgName: 'Dup', name: 'X', email: email.toUpperCase(), password: 'long enough pw' });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('body.email');
    expect(await countInDatabase(server.database, 'organizations')).toBe(orgsBefore);
  });

  test('login with the right password works, a wrong one is 401', async () => {
    const { email, password } = await signUp(server);
    const client = new TestClient(server.url);
    expect((await client.post('/api/auth/login', { email, password: 'wrong password' })).status).toBe(401);
    const ok = await client.post('/api/auth/login', { email, password });
    expect(ok.status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  test('bad input is a 400 naming the field; operators never reach the database', async () => {
    const client = new TestClient(server.url);
    const cases: [unknown, string][] = [
      [{ email: { $gt: '' }, password: 'x' }, 'body.email'],
      [{ email: 'a@b.co', password: { $ne: null } }, 'body.password'],
      [{ email: 'not-an-email', password: 'x' }, 'body.email'],
      [{ password: 'x' }, 'body.email'],
    ];
    for (const [body, field] of cases) {
      const res = await client.post('/api/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const garbage = await client.request('POST', '/api/auth/login', '{not json', {});
    expect(garbage.status).toBe(400);
  });

  test('login is rate-limited per e-mail', async () => {
    const { email } = await signUp(server);
    const client = new TestClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await client.post('/api/auth/login', { email, password: 'wrong password' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    server.ctx.limiter.reset();
  });
});

describe('passwords', () => {
  test('changing the password ends the other sessions and closes their sockets', async () => {
    const { client, email, password } = await signUp(server);
    const other = new TestClient(server.url);
    await other.post('/api/auth/login', { email, password });
    const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: other.cookieHeader });
    await socket.next('ready');
    const res = await client.post('/api/auth/password', { currentPassword: password, newPassword: 'a brand new password' });
    expect(res.status).toBe(204);
    await socket.next('session.revoked', (f) => f.reason === 'password_changed');
    expect((await socket.closed()).code).toBe(4401);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: 'a brand new password' })).status).toBe(200);
  });

  test('a wrong current password is refused', async () => {
    const { client } = await signUp(server);
    const res = await client.post('/api/auth/password', { currentPassword: 'nope nope', newPassword: 'a brand new password' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.currentPassword');
  });

  test('forgotten password: single-use, expiring link by e-mail', async () => {
    const { email } = await signUp(server);
    const client = new TestClient(server.url);
    expect((await client.post('/api/auth/forgot', { email: uniqueEmail('nobody') })).status).toBe(202);
    expect((await client.post('/api/auth/forgot', { email })).status).toBe(202);
    const mail = server.outbox.findLast((m) => m.to === email)!;
    const token = decodeURIComponent(/reset\?token=([^\s]+)/.exec(mail.text)![1]!);
    expect((await client.post('/api/auth/reset', { token, password: 'reset password 1' })).status).toBe(204);
    expect((await client.post('/api/auth/reset', { token, password: 'reset password 2' })).status).toBe(400);
    expect((await client.post('/api/auth/login', { email, password: 'reset password 1' })).status).toBe(200);
  });
});
