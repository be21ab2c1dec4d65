// Every route, called by organization B with organization A's ids: nothing of A leaks and
// nothing of A changes. The route list comes from the app itself, so a new route that nobody
// adds here fails the test instead of going unchecked.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { addMember, newVisitor, oid, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('cross-org', { env: { PLATFORM_API_KEY } });
});
afterAll(() => server.close());

const PLATFORM_API_KEY = 'cross-org-platform-credential-0123456789';
/** A password hash as the platform stores it (bcrypt). */
const PLATFORM_HASH = '$2b$04$' + 'a'.repeat(53);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** Routes that take no id of another organization (public, self-scoped or static). */
const NO_FOREIGN_IDS = new Set([
  'GET /', 'GET /*', 'GET /assets/*', 'GET /widget/assets/*', 'GET /favicon.svg', 'GET /widget.js', 'GET /demo', 'GET /health', 'GET /metrics',
  'GET /api/auth/me', 'POST /api/auth/signup', 'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/auth/password',
  'POST /api/auth/forgot', 'POST /api/auth/reset', 'POST /api/auth/login-link', 'PATCH /api/me', 'GET /api/org', 'PATCH /api/org',
  'GET /api/org/identity-secret', 'POST /api/org/identity-secret/rotate', 'GET /api/members', 'GET /api/presence', 'GET /api/live', 'GET /api/invitations', 'GET /api/teams', 'GET /api/contacts', 'POST /api/contacts', 'GET /api/chats/',
  'GET /api/chats/counts', 'GET /api/invitations/lookup/:token', 'POST /api/invitations/accept', 'GET /api/widget/chats',
  'POST /api/widget/session', 'WS /ws', 'WS /ws/visitor',
  'GET /api/integrations/api-keys', 'POST /api/integrations/api-keys', 'GET /api/integrations/webhook', 'PATCH /api/integrations/webhook',
  'POST /api/integrations/webhook/test', 'GET /api/integrations/webhook/deliveries', 'GET /api/v1/teams', 'GET /api/v1/members',
  'GET /api/v1/webhook', 'PATCH /api/v1/webhook', 'POST /api/v1/webhook/rotate-secret', 'POST /api/v1/webhook/test', 'GET /api/v1/webhook/deliveries',
  'GET /docs', 'GET /docs/json', 'GET /docs/app.js', 'GET /docs/app.css',
  'GET /api/dashboard/setup', 'GET /demo/demo.css', 'GET /api/org/demo-page', 'PUT /api/org/demo-page',
  'GET /api/saved-replies', 'POST /api/saved-replies', 'GET /api/chats/labels',
  'GET /api/mentions',
]);

test("organization B can reach nothing of organization A's", async () => {
  // Organization A with one of everything.
  const a = await signUp(server, { orgName: 'Alpha Secret Corp' });
  const aTeam = (await a.client.post('/api/teams', { name: 'Alpha Team' })).body;
  const aAgent = await addMember(server, a.client, { role: 'agent', teamIds: [aTeam.id], name: 'Alpha Agent' });
  const aInvite = (await a.client.post('/api/invitations', { email: 'pending.alpha@example.test', role: 'agent', teamIds: [] })).body;
  const aVisitor = await newVisitor(server, a.org.widgetKey);
  const aChat = await aVisitor.startChat();
  await aVisitor.say(aChat.id, 'alpha secret message');
  await a.client.post(`/api/chats/${aChat.id}/claim`);
  const upload = new FormData();
  upload.append('chatId', aChat.id);
  upload.append('file', new File([PNG], 'alpha.png'));
  const aFile = (await aVisitor.client.post('/api/widget/files', upload)).body;
  const aContactId = aVisitor.contactId;
  await a.client.post(`/api/contacts/${aContactId}/tags`, { tag: 'alpha-vip' });
  await a.client.put(`/api/contacts/${aContactId}/fields/plan`, { type: 'string', value: 'gold' });
  const aKey = (await a.client.post('/api/integrations/api-keys', { name: 'Alpha bot' })).body;
  const aReply = (await a.client.post('/api/saved-replies', { scope: 'shared', shortcut: 'alpha', text: 'alpha secret reply' })).body;
  await a.client.post(`/api/chats/${aChat.id}/labels`, { label: 'alpha-label' });
  await a.client.post(`/api/chats/${aChat.id}/notes`, { text: 'alpha secret note' });

  // Organization B: an owner and a visitor of its own.
  const b = await signUp(server, { orgName: 'Beta' });
  const bVisitor = await newVisitor(server, b.org.widgetKey);
  const bChat = await bVisitor.startChat();
  await b.client.post(`/api/chats/${bChat.id}/claim`);
  // B's bot platform, with B's API key (the /api/v1 routes).
  const bApi = new TestClient(server.url, { authorization: `Bearer ${(await b.client.post('/api/integrations/api-keys', { name: 'Beta bot' })).body.key}` });

  // Read inside A: a document moved to another organization would vanish from here too.
  const aDb = orgRepos(server, a.org.id);
  // A webhook delivery of A's (its id is what B's redeliver routes are tried with).
  const aDelivery = await aDb.webhookDeliveries.insert({ eventId: 'evt_alpha', type: 'webhook.test', chatId: null, position: 0, body: '{}', status: 'failed', nextAttemptAt: null, createdAt: new Date() });
  // A mention of A's (its id is what B's read route is tried with).
  const aMention = await aDb.mentions.insert({ userId: oid(aAgent.user.id), chatId: oid(aChat.id), noteId: oid(aChat.id), by: { id: oid(a.user.id), name: 'A' }, excerpt: 'alpha secret note', createdAt: new Date(), readAt: null });
  const snapshot = async () => ({
    chat: await aDb.chats.findById(oid(aChat.id)),
    messages: await aDb.messages.count({ chatId: oid(aChat.id) }),
    contact: await aDb.contacts.findById(oid(aContactId)),
    team: await aDb.teams.findById(oid(aTeam.id)),
    agent: await aDb.members.findById(oid(aAgent.user.id), { projection: { passwordHash: 0 } }),
    invitation: await aDb.invitations.findById(oid(aInvite.id)),
    apiKey: await aDb.apiKeys.findById(oid(aKey.id), { projection: { lastUsedAt: 0 } }),
    savedReply: await aDb.savedReplies.findById(oid(aReply.id)),
    delivery: await aDb.webhookDeliveries.findById(aDelivery._id),
    notes: await aDb.notes.find({ chatId: oid(aChat.id) }),
    mention: await aDb.mentions.findById(aMention._id),
  });
  const before = await snapshot();
  // Every part of the snapshot is there to compare (a missing one would compare equal to itself).
  expect(Object.entries(before).filter(([, v]) => !v).map(([k]) => k)).toEqual([]);

  const idFor = (path: string, param: string): string => {
    // A signed-up organization's id is no enrolled platform account (platform routes).
    if (param === 'externalAccountId') return a.org.id;
    if (param === 'tag') return 'alpha-vip';
    if (param === 'key') return 'plan';
    if (param === 'label') return 'alpha-label';
    if (path.includes('/saved-replies/')) return aReply.id;
    if (path.includes('/mentions/')) return aMention._id.toString();
    if (path.includes('/files/')) return aFile.id;
    if (path.includes('/chats/')) return aChat.id;
    if (path.includes('/contacts/')) return aContactId;
    if (path.includes('/teams/')) return aTeam.id;
    if (path.includes('/members/')) return aAgent.user.id;
    if (path.includes('/invitations/')) return aInvite.id;
    if (path.includes('/api-keys/')) return aKey.id;
    if (path.includes('/deliveries/')) return aDelivery._id.toString();
    throw new Error(`no id for ${path}`);
  };
  const bodyFor = (method: string, path: string): unknown => {
    if (method === 'GET' || method === 'DELETE') return undefined;
    if (path.endsWith('/messages')) return { clientId: 'cross-1', text: 'beta writes' };
    if (path.endsWith('/assign')) return { agentId: aAgent.user.id };
    if (path.endsWith('/tags')) return { tag: 'beta' };
    if (path.endsWith('/labels')) return { label: 'beta' };
    if (path.endsWith('/notes')) return { text: 'beta note', mentions: [aAgent.user.id] };
    if (path.includes('/fields/')) return { type: 'string', value: 'beta' };
    if (path.endsWith('/choice')) return { choice: 'another_agent' };
    if (path.endsWith('/rating')) return { score: 5, comment: 'beta' };
    if (path.endsWith('/transcript')) return { email: 'beta@example.test' };
    if (method === 'PATCH' && path.includes('/members/')) return { role: 'admin' };
    if (method === 'PATCH') return { name: 'Beta rename' };
    return {};
  };

  const checked: string[] = [];
  for (const route of server.app.routes) {
    const key = `${route.method} ${route.path}`;
    if (NO_FOREIGN_IDS.has(key) || checked.includes(key)) continue;
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    let path = route.path;
    for (const p of params) path = path.replace(`:${p}`, encodeURIComponent(idFor(route.path, p)));
    let client: TestClient = b.client;
    if (path.startsWith('/api/widget/')) client = bVisitor.client;
    if (path.startsWith('/api/v1/')) client = bApi;

    let res;
    if (key === 'POST /api/files/' || key === 'POST /api/widget/files') {
      const form = new FormData();
      form.append('chatId', aChat.id);
      form.append('file', new File([PNG], 'beta.png'));
      res = await client.request('POST', path, form);
    } else if (key === 'POST /api/invitations') {
      res = await client.post(path, { email: 'x@example.test', role: 'agent', teamIds: [aTeam.id] });
    } else if (key === 'POST /api/teams') {
      res = await client.post(path, { name: 'Beta T' });
      res = await client.patch(`/api/teams/${res.body.id}`, { memberIds: [aAgent.user.id] });
    } else if (key === 'POST /api/widget/chats') {
      res = await client.post(path, { teamId: aTeam.id });
    } else if (key === 'POST /api/widget/prechat') {
      res = await client.post(path, { teamId: aTeam.id, values: { name: 'Beta' } });
    } else if (key === 'POST /api/widget/offline-messages') {
      res = await client.post(path, { teamId: aTeam.id, email: 'beta@example.test', message: 'Hello' });
    } else if (key === 'GET /api/dashboard' || key === 'GET /api/dashboard/reports' || key === 'GET /api/dashboard/export') {
      res = await client.get(`${path}?from=2026-01-01&to=2026-01-31&teamId=${aTeam.id}`);
    } else if (key === 'GET /api/chats/search') {
      // A's words find nothing of A's; A's team as a filter is a 400 on the parameter.
      const words = await client.get(`${path}?q=${encodeURIComponent('alpha secret')}`);
      expect([words.status, words.body.items]).toEqual([200, []]);
      expect((await client.get(`${path}?q=alpha-label`)).body.items).toEqual([]);
      res = await client.get(`${path}?q=alpha&teamId=${aTeam.id}`);
    } else if (key === 'GET /api/widget/config') {
      res = await client.get(`${path}?org=${b.org.widgetKey}&team=${aTeam.id}`);
    } else if (key === 'POST /api/v1/chats') {
      res = await client.post(path, { handoffId: 'beta-1', teamId: aTeam.id, contact: { botUserId: 'b', channel: 'sms' } });
    } else if (key === 'GET /api/v1/contacts') {
      res = await client.get(`${path}?botUserId=${encodeURIComponent(aContactId)}&channel=web`);
    } else if (key === 'POST /api/v1/members') {
      res = await client.post(path, { email: 'beta.m@example.test', name: 'B', password: 'long password', role: 'agent', teamIds: [aTeam.id] });
    } else if (key === 'POST /api/v1/invitations') {
      res = await client.post(path, { email: 'beta.i@example.test', role: 'agent', teamIds: [aTeam.id] });
    } else if (key === 'POST /api/v1/chats/:id/files') {
      const form = new FormData();
      form.append('file', new File([PNG], 'beta.png'));
      res = await client.request('POST', path, form);
    } else if (key === 'GET /api/v1/chats') {
      res = await client.get(`${path}?teamId=${aTeam.id}`);
      expect((await client.get(`${path}?contactId=${aContactId}`)).status).toBe(400);
      expect((await client.get(`${path}?agentId=${aAgent.user.id}`)).status).toBe(400);
    } else if (path.startsWith('/api/platform/')) {
      // Cross-organization by nature: an organization's API key is no platform credential, a
      // signed-up organization is no enrolled account (404), and an enrollment cannot import
      // another organization's member (409 on the field, nothing moved).
      const platformBody = route.method === 'GET' || route.path.endsWith('able') ? undefined : {
        ...(route.path.endsWith('/members') ? {} : { name: 'Beta Platform', owner: { email: 'beta.owner@example.test', name: 'B', passwordHash: PLATFORM_HASH } }),
        members: [{ email: aAgent.email, name: 'Taken', passwordHash: PLATFORM_HASH }],
      };
      expect({ key, status: (await bApi.request(route.method, path, platformBody)).status }).toEqual({ key, status: 401 });
      res = await new TestClient(server.url, { authorization: `Bearer ${PLATFORM_API_KEY}` }).request(route.method, path, platformBody);
      if (key === 'PUT /api/platform/v1/organizations/:externalAccountId') {
        expect(res.body.error).toMatchObject({ code: 'CONFLICT', field: 'body.members[0].email' });
        res = { ...res, status: 404 };
      }
    } else if (key === 'POST /api/v1/login-links') {
      res = await client.post(path, { email: aAgent.email });
    } else if (params.length > 0) {
      res = await client.request(route.method, path, bodyFor(route.method, route.path));
    } else {
      throw new Error(`route ${key} is not classified: add how to call it with organization A's ids, or list it in NO_FOREIGN_IDS`);
    }
    checked.push(key);
    // 404 for foreign ids in the path, 400 naming the field for foreign ids in the body.
    expect({ key, status: res.status }).toEqual({ key, status: [400, 404].includes(res.status) ? res.status : -1 });
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    for (const secret of ['Alpha Secret Corp', 'alpha secret message', 'Alpha Agent', 'alpha-vip', 'pending.alpha', 'alpha secret reply', 'alpha-label', 'alpha secret note']) {
      expect({ key, leaked: text.includes(secret) }).toEqual({ key, leaked: false });
    }
  }
  // B's own chat can't be assigned to A's agent either.
  const assign = await b.client.post(`/api/chats/${bChat.id}/assign`, { agentId: aAgent.user.id });
  expect(assign.status).toBe(400);
  expect(assign.body.error.field).toBe('body.agentId');

  expect(await snapshot()).toEqual(before);
  expect(checked.length).toBeGreaterThanOrEqual(20);
}, 30_000);
