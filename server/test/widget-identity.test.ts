// Identity verification (issue #6 §5): with a valid data-user-hash the visitor becomes the
// customer's known user and sees their history; a wrong hash gets an anonymous session.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { TestClient, addMember, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('widget-identity');
});
afterAll(() => server.close());

const sign = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

test('a valid hash links the visitor to the contact and its history; a wrong one never does', async () => {
  const owner = await signUp(server);
  const { secret } = (await owner.client.get('/api/org/identity-secret')).body as { secret: string };
  expect(secret.length).toBeGreaterThanOrEqual(32);
  const session = (body: Record<string, unknown>) => new TestClient(server.url).post('/api/widget/session', { org: owner.org.widgetKey, ...body });

  // First visit as customer user u-42: a chat with one message.
  const first = await session({ userId: 'u-42', userHash: sign(secret, 'u-42') });
  expect(first.body.identified).toBe(true);
  const visitor = new TestClient(server.url, { authorization: `Bearer ${first.body.token}` });
  const chat = (await visitor.post('/api/widget/chats', {})).body as { id: string };
  await visitor.post(`/api/widget/chats/${chat.id}/messages`, { clientId: 'i1', text: 'my order #123' });

  // Same user on another device (no token): same contact, same history.
  const second = await session({ userId: 'u-42', userHash: sign(secret, 'u-42') });
  expect(second.body.contactId).toBe(first.body.contactId);
  const history = await new TestClient(server.url, { authorization: `Bearer ${second.body.token}` }).get('/api/widget/chats');
  expect(history.body.items.map((c: { id: string }) => c.id)).toEqual([chat.id]);

  // A forged hash: a fresh anonymous contact that sees nothing of u-42.
  const forged = await session({ userId: 'u-42', userHash: sign('not-the-secret', 'u-42') });
  expect(forged.body.identified).toBe(false);
  expect(forged.body.contactId).not.toBe(first.body.contactId);
  const nothing = await new TestClient(server.url, { authorization: `Bearer ${forged.body.token}` }).get('/api/widget/chats');
  expect(nothing.body.items).toEqual([]);

  // Rotation: the old secret's hashes stop identifying.
  const rotated = (await owner.client.post('/api/org/identity-secret/rotate')).body as { secret: string };
  expect(rotated.secret).not.toBe(secret);
  expect((await session({ userId: 'u-42', userHash: sign(secret, 'u-42') })).body.identified).toBe(false);
  expect((await session({ userId: 'u-42', userHash: sign(rotated.secret, 'u-42') })).body.contactId).toBe(first.body.contactId);
});

test('only admins see or rotate the identity secret', async () => {
  const owner = await signUp(server);
  const agent = await addMember(server, owner.client, { role: 'agent', teamIds: owner.user.teamIds });
  expect((await agent.client.get('/api/org/identity-secret')).status).toBe(403);
  expect((await agent.client.post('/api/org/identity-secret/rotate')).status).toBe(403);
});
