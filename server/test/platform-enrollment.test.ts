// Issue 16 item 1: the bot platform enrolls whole organizations with PLATFORM_API_KEY — owner and
// members with the password hashes it already stores, an API key and the webhook — and can add
// members later and disable the organization. Imported accounts are separate from then on.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { newVisitor, oid, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

const PLATFORM_KEY = 'platform-key-for-tests-0123456789abcdef';
let server: TestServer;
let platform: TestClient;

const argon2 = (p: string) => Bun.password.hash(p, { algorithm: 'argon2id', memoryCost: 1024, timeCost: 1 });
const bcrypt = (p: string) => Bun.password.hash(p, { algorithm: 'bcrypt', cost: 4 });

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}@flowxo.test`;

beforeAll(async () => {
  server = await startTestServer('platform_enrollment', { env: { PLATFORM_API_KEY: PLATFORM_KEY, WEBHOOK_ALLOW_PRIVATE: 'true' } });
  platform = new TestClient(server.url, { authorization: `Bearer ${PLATFORM_KEY}` });
});
afterAll(() => server.close());

async function login(email: string, password: string) {
  const client = new TestClient(server.url);
  server.ctx.limiter.reset();
  const res = await client.post('/api/auth/login', { email, password });
  return { res, client };
}

/** An account of the platform: three people with the hashes the platform stores. */
async function account(label: string) {
  const people = {
    owner: { email: unique(`${label}-owner`), name: 'Olga Owner', password: 'owner password 1' },
    bea: { email: unique(`${label}-bea`), name: 'Bea Bcrypt', password: 'bea password 1' },
    ari: { email: unique(`${label}-ari`), name: 'Ari Argon', password: 'ari password 1' },
  };
  const body = {
    name: `${label} Ltd`,
    timezone: 'Europe/London',
    owner: { email: people.owner.email, name: people.owner.name, passwordHash: await argon2(people.owner.password) },
    members: [
      { email: people.bea.email, name: people.bea.name, role: 'agent', passwordHash: await bcrypt(people.bea.password) },
      { email: people.ari.email, name: people.ari.name, role: 'agent', passwordHash: await argon2(people.ari.password), teams: ['Inbox', 'Sales'] },
    ],
    webhookUrl: 'http://127.0.0.1:9/phoenix-hook',
  };
  return { people, body, externalId: `acct-${label}-${Date.now().toString(36)}` };
}

describe('enrollment', () => {
  test('creates the organization, members sign in with their passwords, a repeat changes nothing, handoffs reach the agents', async () => {
    const { people, body, externalId } = await account('alpha');
    const first = await platform.put(`/api/platform/v1/organizations/${externalId}`, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, organization: { externalAccountId: externalId, name: 'alpha Ltd', timezone: 'Europe/London', disabled: false } });
    expect(first.body.apiKey.key).toStartWith('phx_');
    expect(first.body.webhook).toMatchObject({ url: 'http://127.0.0.1:9/phoenix-hook', hasSecret: true });
    expect(first.body.webhook.secret).toStartWith('whsec_');
    expect(first.body.members.map((m: any) => [m.email, m.role, m.teams, m.created])).toEqual([
      [people.owner.email, 'owner', ['Inbox'], true],
      [people.bea.email, 'agent', ['Inbox'], true],
      [people.ari.email, 'agent', ['Inbox', 'Sales'], true],
    ]);
    // The hashes are stored as the platform sent them, never as text anywhere else.
    const db = orgRepos(server, first.body.organization.id);
    const bea = await db.members.findOne({ email: people.bea.email });
    expect(bea!.passwordHash).toStartWith('$2b$04$');

    for (const p of Object.values(people)) {
      const { res } = await login(p.email, p.password);
      expect({ who: p.email, status: res.status }).toEqual({ who: p.email, status: 200 });
      expect(res.body.org.id).toBe(first.body.organization.id);
    }
    expect((await login(people.bea.email, 'wrong password')).res.status).toBe(401);
    // The imported bcrypt hash became our argon2id at the first sign-in; the password still works.
    expect((await db.members.findOne({ email: people.bea.email }))!.passwordHash).toStartWith('$argon2id$');
    expect((await login(people.bea.email, people.bea.password)).res.status).toBe(200);

    // Enrolling again with the same body changes nothing.
    const before = { users: await db.members.find({}, { sort: { _id: 1 } }), teams: await db.teams.find({}, { sort: { _id: 1 } }), keys: await db.apiKeys.count() };
    const again = await platform.put(`/api/platform/v1/organizations/${externalId}`, body);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.apiKey).toBeNull();
    expect(again.body.webhook.secret).toBeUndefined();
    expect(again.body.organization).toEqual(first.body.organization);
    expect(again.body.members.map((m: any) => [m.id, m.created])).toEqual(first.body.members.map((m: any) => [m.id, false]));
    expect({ users: await db.members.find({}, { sort: { _id: 1 } }), teams: await db.teams.find({}, { sort: { _id: 1 } }), keys: await db.apiKeys.count() }).toEqual(before);

    // The returned key hands chats to the organization with no setup: the default team, its agents.
    const api = new TestClient(server.url, { authorization: `Bearer ${first.body.apiKey.key}` });
    const handoff = await api.post('/api/v1/chats', { handoffId: 'h-1', contact: { botUserId: 'u-1', channel: 'messenger', name: 'Carl' }, transcript: [{ author: 'contact', text: 'help please' }] });
    expect(handoff.status).toBe(201);
    const inbox = before.teams.find((t) => t.isDefault)!;
    expect(handoff.body.chat.teamId).toBe(inbox._id.toString());
    for (const p of [people.bea, people.ari]) {
      const { client } = await login(p.email, p.password);
      const list = await client.get('/api/chats/?view=unassigned');
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: any) => c.id)).toContain(handoff.body.chat.id);
    }
    // An agent can take it and answer.
    const { client: beaClient } = await login(people.bea.email, people.bea.password);
    expect((await beaClient.post(`/api/chats/${handoff.body.chat.id}/claim`)).status).toBe(200);
  });

  test('a changed password hash on the platform does not change an imported account; name, role and teams follow', async () => {
    const { people, body, externalId } = await account('beta');
    const first = await platform.put(`/api/platform/v1/organizations/${externalId}`, body);
    expect(first.status).toBe(201);
    const changed = {
      ...body,
      members: [
        { ...body.members[0]!, passwordHash: await bcrypt('a new platform password'), name: 'Bea Renamed', role: 'supervisor', teams: ['Sales', 'Support'] },
        body.members[1]!,
      ],
    };
    const again = await platform.put(`/api/platform/v1/organizations/${externalId}`, changed);
    expect(again.status).toBe(200);
    expect(again.body.members[1]).toMatchObject({ email: people.bea.email, name: 'Bea Renamed', role: 'supervisor', teams: ['Sales', 'Support'], created: false });
    expect((await login(people.bea.email, people.bea.password)).res.status).toBe(200);
    expect((await login(people.bea.email, 'a new platform password')).res.status).toBe(401);

    // Members later: idempotent on e-mail, new ones imported with their hash.
    const dan = { email: unique('beta-dan'), name: 'Dan', password: 'dan password 1' };
    const members = [{ email: dan.email, name: dan.name, passwordHash: await argon2(dan.password) }, { ...changed.members[0]!, passwordHash: await argon2('another') }];
    const added = await platform.put(`/api/platform/v1/organizations/${externalId}/members`, { members });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: any) => [m.email, m.role, m.teams, m.created])).toEqual([
      [dan.email, 'agent', ['Inbox'], true],
      [people.bea.email, 'supervisor', ['Sales', 'Support'], false],
    ]);
    const repeat = await platform.put(`/api/platform/v1/organizations/${externalId}/members`, { members });
    expect(repeat.body.members.map((m: any) => [m.id, m.created])).toEqual(added.body.members.map((m: any) => [m.id, false]));
    expect(await orgRepos(server, first.body.organization.id).members.count()).toBe(4);
    expect((await login(dan.email, dan.password)).res.status).toBe(200);
    expect((await login(people.bea.email, people.bea.password)).res.status).toBe(200);

    // The last owner cannot be demoted through the platform.
    const demote = await platform.put(`/api/platform/v1/organizations/${externalId}/members`, { members: [{ ...body.owner, role: 'agent' }] });
    expect(demote.status).toBe(409);
    expect(demote.body.error.field).toBe('body.members[0].role');
  });

  test('racing first enrollments of one account make one organization, one set of members, one key', async () => {
    const { body, externalId } = await account('race');
    const { webhookUrl: _hook, ...withoutHook } = body;
    const answers = await Promise.all(Array.from({ length: 6 }, () => platform.put(`/api/platform/v1/organizations/${externalId}`, withoutHook)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.organization.id)).size).toBe(1);
    const keys = answers.flatMap((a) => (a.body.apiKey ? [a.body.apiKey.key] : []));
    expect(keys.length).toBe(1);
    const db = orgRepos(server, answers[0]!.body.organization.id);
    expect(await db.members.count()).toBe(3);
    expect(await db.teams.count()).toBe(2);
    expect(await db.apiKeys.count({ revokedAt: null })).toBe(1);
    expect((await new TestClient(server.url, { authorization: `Bearer ${keys[0]}` }).get('/api/v1/teams')).status).toBe(200);
  });

  test('rotateApiKey issues a new key and stops the previous one', async () => {
    const { body, externalId } = await account('gamma');
    const first = await platform.put(`/api/platform/v1/organizations/${externalId}`, body);
    const rotated = await platform.put(`/api/platform/v1/organizations/${externalId}`, { ...body, rotateApiKey: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.apiKey.key).not.toBe(first.body.apiKey.key);
    const oldKey = new TestClient(server.url, { authorization: `Bearer ${first.body.apiKey.key}` });
    const newKey = new TestClient(server.url, { authorization: `Bearer ${rotated.body.apiKey.key}` });
    expect((await oldKey.get('/api/v1/teams')).status).toBe(401);
    expect((await newKey.get('/api/v1/teams')).status).toBe(200);
  });

  test('disable stops keys, sign-ins, sessions and the widget; enable restores them', async () => {
    const { people, body, externalId } = await account('delta');
    const first = await platform.put(`/api/platform/v1/organizations/${externalId}`, body);
    const api = new TestClient(server.url, { authorization: `Bearer ${first.body.apiKey.key}` });
    const { client: session } = await login(people.ari.email, people.ari.password);
    expect((await session.get('/api/auth/me')).status).toBe(200);
    const visitor = await newVisitor(server, first.body.organization.widgetKey);

    const disabled = await platform.post(`/api/platform/v1/organizations/${externalId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await api.get('/api/v1/teams')).status).toBe(401);
    const refused = await login(people.ari.email, people.ari.password);
    expect(refused.res.status).toBe(403);
    expect(refused.res.body.error.message).toMatch(/disabled/);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    const config = await new TestClient(server.url).get(`/api/widget/config?org=${first.body.organization.widgetKey}`);
    expect(config.body.team).toMatchObject({ open: false, afterHoursMessage: 'Chat is currently unavailable.' });
    expect((await visitor.client.post('/api/widget/chats', {})).status).toBe(409);

    const enabled = await platform.post(`/api/platform/v1/organizations/${externalId}/enable`);
    expect(enabled.body.disabled).toBe(false);
    expect((await api.get('/api/v1/teams')).status).toBe(200);
    expect((await login(people.ari.email, people.ari.password)).res.status).toBe(200);
    expect((await new TestClient(server.url).get(`/api/widget/config?org=${first.body.organization.widgetKey}`)).body.team.open).toBe(true);
    expect((await visitor.client.post('/api/widget/chats', {})).status).toBe(201);
    expect((await platform.get(`/api/platform/v1/organizations/${externalId}`)).body.disabled).toBe(false);
  });
});

describe('refusals', () => {
  test('a wrong or missing credential is 401, an organization API key is not a platform credential', async () => {
    const { body, externalId } = await account('eps');
    const owner = await signUp(server, { orgName: 'Signed Up Co' });
    const orgKey = (await owner.client.post('/api/integrations/api-keys', { name: 'bot' })).body.key;
    for (const authorization of [undefined, `Bearer ${PLATFORM_KEY}x`, `Bearer ${PLATFORM_KEY.slice(0, -1)}`, `Bearer ${orgKey}`, `Basic ${PLATFORM_KEY}`]) {
      const client = new TestClient(server.url, authorization ? { authorization } : {});
      const res = await client.put(`/api/platform/v1/organizations/${externalId}`, body);
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect((await client.request('PUT', `/api/platform/v1/organizations/${externalId}`, '{not json')).status).toBe(401);
    }
    expect(await server.ctx.repos.crossOrg.organizationByExternalAccountId(externalId)).toBeNull();
    // A signed-up organization is never reachable through the platform API, even by its id.
    expect((await platform.get(`/api/platform/v1/organizations/${owner.org.id}`)).status).toBe(404);
    expect((await platform.post(`/api/platform/v1/organizations/${owner.org.id}/disable`)).status).toBe(404);
    expect((await platform.put(`/api/platform/v1/organizations/${owner.org.id}/members`, { members: body.members })).status).toBe(404);
    expect((await platform.request('PUT', `/api/platform/v1/organizations/${externalId}`, '{not json')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
  });

  test('anything but a bcrypt or argon2 hash is a 400 naming the field, and nothing is written', async () => {
    const { body, externalId } = await account('zeta');
    for (const hash of ['owner password 1', 'a'.repeat(64), '$1$salt$abcdefghijklmnopqrstuv', '$2b$04$short']) {
      const res = await platform.put(`/api/platform/v1/organizations/${externalId}`, { ...body, members: [body.members[0]!, { ...body.members[1]!, passwordHash: hash }] });
      expect({ hash, status: res.status, field: res.body.error?.field }).toEqual({ hash, status: 400, field: 'body.members[1].passwordHash' });
    }
    const plain = await platform.put(`/api/platform/v1/organizations/${externalId}`, { ...body, owner: { ...body.owner, passwordHash: undefined, password: 'owner password 1' } });
    expect(plain.status).toBe(400);
    const twice = await platform.put(`/api/platform/v1/organizations/${externalId}`, { ...body, members: [body.members[0]!, body.members[0]!] });
    expect(twice.body.error).toMatchObject({ code: 'VALIDATION', field: 'body.members[1].email' });
    const zone = await platform.put(`/api/platform/v1/organizations/${externalId}`, { ...body, timezone: 'Mars/Olympus' });
    expect(zone.body.error.field).toBe('body.timezone');
    const hook = await platform.put(`/api/platform/v1/organizations/${externalId}`, { ...body, webhookUrl: 'ftp://example.com/x' });
    expect(hook.body.error.field).toBe('body.webhookUrl');
    expect(await server.ctx.repos.crossOrg.organizationByExternalAccountId(externalId)).toBeNull();
    for (const m of [body.owner, ...body.members]) expect(await server.ctx.repos.crossOrg.userByEmail(m.email)).toBeNull();
  });

  test('one external account can never take people of another organization', async () => {
    const a = await account('eta');
    const enrolledA = await platform.put(`/api/platform/v1/organizations/${a.externalId}`, a.body);
    const signedUp = await signUp(server, { orgName: 'Other Co' });
    const b = await account('theta');
    const aBea = await orgRepos(server, enrolledA.body.organization.id).members.findOne({ email: a.people.bea.email });
    for (const email of [a.people.bea.email, signedUp.email]) {
      const res = await platform.put(`/api/platform/v1/organizations/${b.externalId}`, { ...b.body, members: [{ ...b.body.members[0]!, email }] });
      expect(res.status).toBe(409);
      expect(res.body.error.field).toBe('body.members[0].email');
      const later = await platform.put(`/api/platform/v1/organizations/${a.externalId}/members`, { members: [{ email: signedUp.email, name: 'x', passwordHash: await bcrypt('x') }] });
      expect(later.status).toBe(409);
    }
    expect(await server.ctx.repos.crossOrg.organizationByExternalAccountId(b.externalId)).toBeNull();
    expect(await orgRepos(server, enrolledA.body.organization.id).members.findById(aBea!._id)).toEqual(aBea);
    const other = await server.ctx.repos.crossOrg.userByEmail(signedUp.email);
    expect(other!.orgId.toString()).toBe(signedUp.org.id);
    expect((await login(signedUp.email, signedUp.password)).res.status).toBe(200);
    // Unknown external accounts are 404s, never another's organization.
    expect((await platform.post(`/api/platform/v1/organizations/${b.externalId}/disable`)).status).toBe(404);
    expect(oid(enrolledA.body.organization.id)).toBeTruthy();
  });

  test('a MongoDB operator (or any wrong type) in any field of the platform bodies is a 400 naming the field', async () => {
    const a = await account('iota');
    const injections = [{ $gt: '' }, { $ne: null }, ['$in'], 1];
    function scalarPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
      if (Array.isArray(value)) return value.flatMap((v, i) => scalarPaths(v, [...path, i]));
      if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => scalarPaths(v, [...path, k]));
      return [path];
    }
    function replaced(value: any, path: (string | number)[], injected: unknown): any {
      if (path.length === 0) return injected;
      const copy = Array.isArray(value) ? [...value] : { ...value };
      copy[path[0]!] = replaced(value[path[0]!], path.slice(1), injected);
      return copy;
    }
    const bodies: [string, () => Record<string, unknown>][] = [
      [`/api/platform/v1/organizations/${a.externalId}`, () => ({ ...a.body, rotateApiKey: false, rotateWebhookSecret: false })],
      [`/api/platform/v1/organizations/${a.externalId}/members`, () => ({ members: a.body.members })],
    ];
    let checked = 0;
    for (const [path, make] of bodies) {
      for (const fieldPath of scalarPaths(make())) {
        for (const injected of injections) {
          const res = await platform.put(path, replaced(make(), fieldPath, injected));
          const expectedField = `body.${fieldPath.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}`;
          expect(res.status, `${path} ${expectedField} = ${JSON.stringify(injected)}`).toBe(400);
          expect(res.body.error.field, `${path} ${expectedField}`).toStartWith(expectedField.split('[')[0]!);
          checked += 1;
        }
      }
      expect((await platform.put(path, { ...make(), $where: '1' })).status).toBe(400);
    }
    expect(checked).toBeGreaterThan(50);
    expect(await server.ctx.repos.crossOrg.organizationByExternalAccountId(a.externalId)).toBeNull();
  });
});

test('without PLATFORM_API_KEY the platform API does not exist (404), whatever is sent', async () => {
  const off = await startTestServer('platform_enrollment_off');
  try {
    const { body } = await account('off');
    for (const authorization of [`Bearer ${PLATFORM_KEY}`, undefined]) {
      const client = new TestClient(off.url, authorization ? { authorization } : {});
      expect((await client.put('/api/platform/v1/organizations/acct-1', body)).status).toBe(404);
      expect((await client.request('PUT', '/api/platform/v1/organizations/acct-1', '{not json')).status).toBe(404);
      expect((await client.get('/api/platform/v1/organizations/acct-1')).status).toBe(404);
      expect((await client.post('/api/platform/v1/organizations/acct-1/disable')).status).toBe(404);
    }
    expect(await off.ctx.repos.crossOrg.organizationByExternalAccountId('acct-1')).toBeNull();
  } finally {
    await off.close();
  }
});
