// GET /api/presence (every member) and GET /api/live (supervisors of their teams, admins of all):
// presence from open console sockets, availability, load and the queue.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { addMember, newVisitor, signUp, startTestServer, type TestServer } from '../../testing/harness';
import { TestSocket } from '../../testing/socket';
import { waitFor } from '../../testing/wait';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('live-view', { env: { PRESENCE_OFFLINE_GRACE_MS: '300' } });
});
afterAll(() => server.close());

test('the live view: scoped per role, with presence, availability, load and the queue', async () => {
  const owner = await signUp(server);
  const support = (await owner.client.post('/api/teams', { name: 'Support' })).body;
  const sales = (await owner.client.post('/api/teams', { name: 'Sales' })).body;
  const supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [support.id], name: 'Sue Supervisor' });
  const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [support.id], name: 'Ann Agent' });
  const seller = await addMember(server, owner.client, { role: 'agent', teamIds: [sales.id], name: 'Sam Sales' });
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const waiting = await visitor.startChat(support.id);
  const salesChat = await newVisitor(server, owner.org.widgetKey).then((v) => v.startChat(sales.id));

  // Agents have no live view.
  expect((await agent.client.get('/api/live')).status).toBe(403);
  // Ann opens the console: she is online for everyone (presence list) and in the live view.
  const tab = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: agent.client.cookieHeader });
  await tab.next('ready');
  await waitFor(async () => (await seller.client.get('/api/presence')).body.items.find((p: { userId: string }) => p.userId === agent.user.id)?.presence === 'online', { what: 'Ann online' });

  const sup = await supervisor.client.get('/api/live');
  expect(sup.status).toBe(200);
  expect(sup.body.teams.map((t: { name: string }) => t.name)).toEqual(['Support']);
  expect(sup.body.agents.map((a: { name: string }) => a.name).sort()).toEqual(['Ann Agent', 'Sue Supervisor']);
  expect(sup.body.agents.find((a: { name: string }) => a.name === 'Ann Agent')).toMatchObject({ presence: 'online', manualStatus: 'available', openChats: 0, teamIds: [support.id] });
  expect(sup.body.queue.map((c: { id: string }) => c.id)).toEqual([waiting.id]);

  const admin = await owner.client.get('/api/live');
  expect(admin.body.teams.length).toBe(3);
  expect(admin.body.queue.map((c: { id: string }) => c.id).sort()).toEqual([waiting.id, salesChat.id].sort());

  // Load: Ann claims the waiting chat; it leaves the queue and counts as hers.
  expect((await agent.client.post(`/api/chats/${waiting.id}/claim`)).status).toBe(200);
  const after = await supervisor.client.get('/api/live');
  expect(after.body.queue).toEqual([]);
  expect(after.body.agents.find((a: { name: string }) => a.name === 'Ann Agent').openChats).toBe(1);

  tab.close();
  await waitFor(async () => (await owner.client.get('/api/presence')).body.items.find((p: { userId: string }) => p.userId === agent.user.id)?.presence === 'offline', { what: 'Ann offline after the grace' });
});
