// Issue 15 item 15: API keys carry scopes, chosen at creation (default: all), listed in the
// console, and enforced on every /api/v1 route with a 403 SCOPE_MISSING naming the scope.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { API_KEY_SCOPES, scopeForPath } from '../domain/api-scopes';
import { orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let chatId: string;
let contactId: string;

beforeAll(async () => {
  server = await startTestServer('api_key_scopes');
  owner = await signUp(server, { orgName: 'Scoped' });
  const all = new PhoenixApiClient(server.url, (await createKey(owner.client)).key);
  const opened = await all.handoff({ handoffId: 'scoped-1', contact: { botUserId: 'u1', channel: 'sms' } });
  expect(opened.status).toBe(201);
  chatId = opened.body.chat.id;
  contactId = opened.body.contact.id;
});
afterAll(() => server.close());

describe('creation and listing', () => {
  test('a key without scopes gets all of them; chosen scopes are stored and listed in canonical order', async () => {
    const all = await owner.client.post('/api/integrations/api-keys', { name: 'all' });
    expect(all.status).toBe(201);
    expect(all.body.scopes).toEqual([...API_KEY_SCOPES]);
    const some = await owner.client.post('/api/integrations/api-keys', { name: 'some', scopes: ['login-links', 'chats', 'chats'] });
    expect(some.status).toBe(201);
    expect(some.body.scopes).toEqual(['chats', 'login-links']);
    const listed = await owner.client.get('/api/integrations/api-keys');
    expect(listed.body.items.find((k: { id: string }) => k.id === some.body.id).scopes).toEqual(['chats', 'login-links']);
  });

  test('unknown or no scopes are a 400 naming the field', async () => {
    const unknown = await owner.client.post('/api/integrations/api-keys', { name: 'bad', scopes: ['chats', 'admin'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toMatch(/^body\.scopes/);
    const none = await owner.client.post('/api/integrations/api-keys', { name: 'bad', scopes: [] });
    expect(none.status).toBe(400);
    expect(none.body.error.field).toMatch(/^body\.scopes/);
  });

  test('a key stored before scopes existed keeps every scope', async () => {
    const { id, key } = await createKey(owner.client, { name: 'legacy' });
    await orgRepos(server, owner.org.id).apiKeys.updateOne({ _id: (await orgRepos(server, owner.org.id).apiKeys.findOne({ name: 'legacy' }))!._id }, { $unset: { scopes: 1 } });
    const listed = await owner.client.get('/api/integrations/api-keys');
    expect(listed.body.items.find((k: { id: string }) => k.id === id).scopes).toEqual([...API_KEY_SCOPES]);
    const api = new PhoenixApiClient(server.url, key);
    expect((await api.request('GET', '/api/v1/members')).status).toBe(200);
    expect((await api.request('GET', `/api/v1/contacts/${contactId}`)).status).toBe(200);
  });
});

describe('enforcement', () => {
  test('each route needs its scope: 403 SCOPE_MISSING naming it, before the input is looked at', async () => {
    const chatsOnly = new PhoenixApiClient(server.url, (await createKey(owner.client, { name: 'chats only', scopes: ['chats'] })).key);
    expect((await chatsOnly.request('GET', `/api/v1/chats/${chatId}`)).status).toBe(200);
    expect((await chatsOnly.request('GET', `/api/v1/chats/${chatId}/messages`)).status).toBe(200);
    const refusals: [string, string, unknown, string][] = [
      ['GET', `/api/v1/contacts/${contactId}`, undefined, 'contacts'],
      ['PATCH', `/api/v1/contacts/${contactId}`, { name: 'x' }, 'contacts'],
      ['GET', '/api/v1/teams', undefined, 'members'],
      ['GET', '/api/v1/members', undefined, 'members'],
      ['POST', '/api/v1/members', { nonsense: true }, 'members'],
      ['POST', '/api/v1/invitations', { email: 'a@example.com', role: 'agent' }, 'members'],
      ['POST', '/api/v1/login-links', { email: 'a@example.com' }, 'login-links'],
    ];
    for (const [method, path, body, scope] of refusals) {
      const res = await chatsOnly.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('SCOPE_MISSING');
      expect(res.body.error.details).toEqual({ scope });
      expect(res.body.error.message).toContain(`"${scope}"`);
    }
    const membersOnly = new PhoenixApiClient(server.url, (await createKey(owner.client, { name: 'members only', scopes: ['members'] })).key);
    expect((await membersOnly.request('GET', '/api/v1/teams')).status).toBe(200);
    const chats = await membersOnly.request('POST', '/api/v1/chats', { handoffId: 'nope', contact: { botUserId: 'u2', channel: 'sms' } });
    expect(chats.status).toBe(403);
    expect(chats.body.error.details).toEqual({ scope: 'chats' });
    expect((await membersOnly.request('GET', '/api/v1/files/000000000000000000000000')).body.error.details).toEqual({ scope: 'chats' });
    expect(await orgRepos(server, owner.org.id).chats.count({ handoffId: 'nope' })).toBe(0);
  });

  test('every /api/v1 route of the app is covered by a scope', () => {
    const v1 = server.app.routes.filter((r) => r.path.startsWith('/api/v1/'));
    expect(v1.length).toBeGreaterThan(10);
    for (const route of v1) expect(scopeForPath(route.path.replace(/:[^/]+/g, 'x')), `${route.method} ${route.path}`).not.toBeNull();
    expect(scopeForPath('/api/v1/something-new')).toBeNull();
  });
});
