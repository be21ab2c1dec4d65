// Issue #15 item 1: an API key is bounded by its creator's CURRENT rights. A demoted creator's
// key can no longer mint login links, provision or invite members; a deactivated creator's key
// stops working altogether.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { addMember, signUp, startTestServer, uniqueEmail, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  server = await startTestServer('security_api_keys');
  owner = await signUp(server, { orgName: 'Keys' });
});
afterAll(() => server.close());

async function adminWithKey() {
  const admin = await addMember(server, owner.client, { role: 'admin' });
  const api = new PhoenixApiClient(server.url, (await createKey(admin.client)).key);
  const otherAdmin = await addMember(server, owner.client, { role: 'admin' });
  // The key works while its creator is an admin.
  expect((await api.request('POST', '/api/v1/login-links', { email: otherAdmin.email })).status).toBe(201);
  return { admin, api, otherAdmin };
}

describe('API keys follow their creator', () => {
  test('a demoted creator’s key mints no admin logins and provisions nobody', async () => {
    const { admin, api, otherAdmin } = await adminWithKey();
    const demoted = await owner.client.patch(`/api/members/${admin.user.id}`, { role: 'agent' });
    expect(demoted.status).toBe(200);
    server.ctx.limiter.reset();
    for (const email of [otherAdmin.email, admin.email]) {
      const link = await api.request('POST', '/api/v1/login-links', { email });
      expect(link.status).toBe(403);
      expect(link.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api.request('POST', '/api/v1/members', { email: uniqueEmail('m'), name: 'M', password: 'long enough password', role: 'admin' })).status).toBe(403);
    expect((await api.request('POST', '/api/v1/invitations', { email: uniqueEmail('i'), role: 'admin', teamIds: [] })).status).toBe(403);
  });

  test('a deactivated creator’s key stops working with a clear error', async () => {
    const { admin, api, otherAdmin } = await adminWithKey();
    expect((await owner.client.patch(`/api/members/${admin.user.id}`, { active: false })).status).toBe(200);
    server.ctx.limiter.reset();
    const link = await api.request('POST', '/api/v1/login-links', { email: otherAdmin.email });
    expect(link.status).toBe(401);
    expect(link.body.error.message).toContain('no longer active');
    expect((await api.request('GET', '/api/v1/members')).status).toBe(401);
    expect((await api.request('GET', '/api/v1/teams')).status).toBe(401);
  });
});
