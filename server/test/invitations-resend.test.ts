// Issue 16 item 8: inviting an address that has a pending invitation resends that invitation —
// same id, role updated, teams updated when given — and the first link keeps working, from the
// console (/api/invitations) and from the bot API (/api/v1/invitations) alike.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { addMember, invitationToken, signUp, startTestServer, TestClient, uniqueEmail, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let api: PhoenixApiClient;
let teamA: string;
let teamB: string;

beforeAll(async () => {
  server = await startTestServer('invitations_resend');
  owner = await signUp(server, { orgName: 'Resend' });
  api = new PhoenixApiClient(server.url, (await createKey(owner.client)).key);
  teamA = owner.user.teamIds[0]!;
  const created = await owner.client.post('/api/teams', { name: 'Billing' });
  expect(created.status).toBe(201);
  teamB = created.body.id;
});
afterAll(() => server.close());

const lookup = (token: string) => new TestClient(server.url).get(`/api/invitations/lookup/${encodeURIComponent(token)}`);

describe('resending a pending invitation', () => {
  test('keeps its id and first link, takes the new role, and new teams only when given', async () => {
    const email = uniqueEmail('resend');
    const first = await owner.client.post('/api/invitations', { email, role: 'agent', teamIds: [teamA] });
    expect(first.status).toBe(201);
    const firstLink = invitationToken(server, email);

    // The bot resends with another role and no teams: teams kept.
    const resent = await api.request('POST', '/api/v1/invitations', { email, role: 'supervisor' });
    expect(resent.status).toBe(201);
    expect(resent.body).toMatchObject({ id: first.body.id, role: 'supervisor', teamIds: [teamA] });
    const secondLink = invitationToken(server, email);
    expect(secondLink).not.toBe(firstLink);
    expect(server.outbox.filter((m) => m.to === email)).toHaveLength(2);

    // The console resends with teams: teams replaced.
    const again = await owner.client.post('/api/invitations', { email, role: 'supervisor', teamIds: [teamB] });
    expect(again.body).toMatchObject({ id: first.body.id, role: 'supervisor', teamIds: [teamB] });

    const pending = await owner.client.get('/api/invitations');
    expect(pending.body.items.filter((i: { email: string }) => i.email === email)).toHaveLength(1);

    // Every link works and tells the current role; the first one is accepted.
    expect((await lookup(firstLink)).body).toMatchObject({ email, role: 'supervisor' });
    expect((await lookup(secondLink)).status).toBe(200);
    const accepted = await new TestClient(server.url).post('/api/invitations/accept', { token: firstLink, name: 'Rae Resent', password: 'resent password 1' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ role: 'supervisor', teamIds: [teamB] });
    // Once accepted, no link of it works.
    expect((await lookup(secondLink)).status).toBe(404);
  });

  test('the expiry starts again with the resend', async () => {
    const email = uniqueEmail('expiry');
    const first = await owner.client.post('/api/invitations', { email, role: 'agent' });
    const resent = await owner.client.post('/api/invitations', { email, role: 'agent' });
    expect(Date.parse(resent.body.expiresAt)).toBeGreaterThanOrEqual(Date.parse(first.body.expiresAt));
  });

  test('an admin cannot rewrite an owner’s pending invitation', async () => {
    const email = uniqueEmail('owner-invite');
    expect((await owner.client.post('/api/invitations', { email, role: 'owner' })).status).toBe(201);
    const admin = await addMember(server, owner.client, { role: 'admin' });
    const refused = await admin.client.post('/api/invitations', { email, role: 'agent' });
    expect(refused.status).toBe(403);
    const list = await owner.client.get('/api/invitations');
    expect(list.body.items.find((i: { email: string }) => i.email === email).role).toBe('owner');
  });

  test('a revoked invitation is not resent: inviting again starts a new one', async () => {
    const email = uniqueEmail('revoked');
    const first = await owner.client.post('/api/invitations', { email, role: 'agent' });
    const firstLink = invitationToken(server, email);
    expect((await owner.client.delete(`/api/invitations/${first.body.id}`)).status).toBe(204);
    const fresh = await owner.client.post('/api/invitations', { email, role: 'agent' });
    expect(fresh.body.id).not.toBe(first.body.id);
    expect((await lookup(firstLink)).status).toBe(404);
  });
});
