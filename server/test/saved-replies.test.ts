// Saved replies over HTTP: shared ones kept by supervisors and admins, personal ones by their
// owner, agents seeing both; validation names the field; shortcuts unique per scope; nothing
// crosses organizations.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { OPERATOR, TestClient, addMember, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let admin: { client: TestClient; user: { id: string } };
let supervisor: { client: TestClient; user: { id: string } };
let agent: { client: TestClient; user: { id: string } };
let other: { client: TestClient; user: { id: string } };

beforeAll(async () => {
  server = await startTestServer('saved-replies');
  owner = await signUp(server, { orgName: 'Replies Inc' });
  const inbox = owner.user.teamIds[0];
  admin = await addMember(server, owner.client, { role: 'admin', teamIds: [inbox] });
  supervisor = await addMember(server, owner.client, { role: 'supervisor', teamIds: [inbox] });
  agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
  other = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
});
afterAll(() => server.close());

const shortcuts = async (client: TestClient) => ((await client.get('/api/saved-replies')).body.items as { shortcut: string }[]).map((r) => r.shortcut);

describe('who keeps which replies', () => {
  test('supervisors and admins create shared replies; agents may not', async () => {
    const byAdmin = await admin.client.post('/api/saved-replies', { scope: 'shared', shortcut: '/Hello', text: '  Hi {contact.name}, I am {agent.name} from {org.name}.  ' });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ scope: 'shared', ownerId: null, shortcut: 'hello', text: 'Hi {contact.name}, I am {agent.name} from {org.name}.', canEdit: true });
    expect((await supervisor.client.post('/api/saved-replies', { scope: 'shared', shortcut: 'bye', text: 'Bye!' })).status).toBe(201);
    const byAgent = await agent.client.post('/api/saved-replies', { scope: 'shared', shortcut: 'mine', text: 'x' });
    expect(byAgent.status).toBe(403);
    expect(await shortcuts(owner.client)).toEqual(['bye', 'hello']);
  });

  test('everyone keeps personal replies that only they see and change', async () => {
    const mine = await agent.client.post('/api/saved-replies', { scope: 'personal', shortcut: 'thanks', text: 'Thanks a lot!' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ scope: 'personal', ownerId: agent.user.id, canEdit: true });
    expect(await shortcuts(agent.client)).toEqual(['bye', 'hello', 'thanks']);
    expect(await shortcuts(other.client)).toEqual(['bye', 'hello']);
    expect(await shortcuts(owner.client)).toEqual(['bye', 'hello']);

    // Someone else's personal reply does not exist for them — not even for the owner of the org.
    for (const client of [other.client, owner.client, admin.client]) {
      expect((await client.patch(`/api/saved-replies/${mine.body.id}`, { text: 'hijack' })).status).toBe(404);
      expect((await client.delete(`/api/saved-replies/${mine.body.id}`)).status).toBe(404);
    }
    const edited = await agent.client.patch(`/api/saved-replies/${mine.body.id}`, { text: 'Thank you!' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ shortcut: 'thanks', text: 'Thank you!' });
  });

  test('agents see shared replies as read-only; managers edit and delete them', async () => {
    const list = (await agent.client.get('/api/saved-replies')).body.items as { id: string; shortcut: string; canEdit: boolean }[];
    const bye = list.find((r) => r.shortcut === 'bye')!;
    expect(bye.canEdit).toBe(false);
    expect((await agent.client.patch(`/api/saved-replies/${bye.id}`, { text: 'nope' })).status).toBe(403);
    expect((await agent.client.delete(`/api/saved-replies/${bye.id}`)).status).toBe(403);
    expect((await admin.client.patch(`/api/saved-replies/${bye.id}`, { shortcut: 'goodbye' })).body.shortcut).toBe('goodbye');
    expect((await supervisor.client.delete(`/api/saved-replies/${bye.id}`)).status).toBe(204);
    expect(await shortcuts(agent.client)).toEqual(['hello', 'thanks']);
    expect((await owner.client.delete(`/api/saved-replies/${bye.id}`)).status).toBe(404);
  });
});

describe('validation', () => {
  test('bad input is a 400 naming the field, and nothing is written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ scope: 'personal', shortcut: '', text: 'x' }, 'body.shortcut'],
      [{ scope: 'personal', shortcut: 'two words', text: 'x' }, 'body.shortcut'],
      [{ scope: 'personal', shortcut: 'a'.repeat(33), text: 'x' }, 'body.shortcut'],
      [{ scope: 'personal', shortcut: 'ok', text: '   ' }, 'body.text'],
      [{ scope: 'personal', shortcut: 'ok', text: 'x'.repeat(5001) }, 'body.text'],
      [{ scope: 'personal', shortcut: 'ok', text: 'nul\u0000' }, 'body.text'],
      [{ scope: 'team', shortcut: 'ok', text: 'x' }, 'body.scope'],
      [{ scope: 'personal', shortcut: OPERATOR, text: 'x' }, 'body.shortcut'],
      [{ scope: 'personal', shortcut: 'ok', text: 'x', ownerId: other.user.id }, 'body.ownerId'],
    ];
    for (const [body, field] of cases) {
      const res = await agent.client.post('/api/saved-replies', body);
      expect({ body, status: res.status, field: res.body.error?.field }).toEqual({ body, status: 400, field });
      expect(res.body.error.message).not.toContain('body.');
    }
    const thanks = ((await agent.client.get('/api/saved-replies')).body.items as { id: string; shortcut: string }[]).find((r) => r.shortcut === 'thanks')!;
    // A patch with a good shortcut and a bad text changes neither.
    const bad = await agent.client.patch(`/api/saved-replies/${thanks.id}`, { shortcut: 'renamed', text: '' });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'body.text']);
    expect(await shortcuts(agent.client)).toEqual(['hello', 'thanks']);
    expect((await agent.client.patch('/api/saved-replies/not-an-id', { text: 'x' })).status).toBe(404);
  });

  test('a shortcut is unique per scope: shared, and each member’s own', async () => {
    const dup = await admin.client.post('/api/saved-replies', { scope: 'shared', shortcut: 'HELLO', text: 'again' });
    expect([dup.status, dup.body.error.field]).toEqual([409, 'body.shortcut']);
    // The same shortcut personally, and by two people: allowed.
    expect((await agent.client.post('/api/saved-replies', { scope: 'personal', shortcut: 'hello', text: 'my hello' })).status).toBe(201);
    expect((await other.client.post('/api/saved-replies', { scope: 'personal', shortcut: 'thanks', text: 'cheers' })).status).toBe(201);
    const again = await agent.client.post('/api/saved-replies', { scope: 'personal', shortcut: 'thanks', text: 'x' });
    expect([again.status, again.body.error.field]).toEqual([409, 'body.shortcut']);
    // Renaming onto a taken shortcut is refused too.
    const mine = ((await agent.client.get('/api/saved-replies')).body.items as { id: string; shortcut: string; scope: string }[]).find((r) => r.scope === 'personal' && r.shortcut === 'hello')!;
    const rename = await agent.client.patch(`/api/saved-replies/${mine.id}`, { shortcut: 'thanks' });
    expect([rename.status, rename.body.error.field]).toEqual([409, 'body.shortcut']);
  });

  test('signed out: 401', async () => {
    expect((await new TestClient(server.url).get('/api/saved-replies')).status).toBe(401);
  });
});

describe('organizations', () => {
  test('another organization sees and changes none of them', async () => {
    const beta = await signUp(server, { orgName: 'Beta' });
    expect(await shortcuts(beta.client)).toEqual([]);
    const alpha = (await owner.client.get('/api/saved-replies')).body.items as { id: string }[];
    for (const r of alpha) {
      expect((await beta.client.patch(`/api/saved-replies/${r.id}`, { text: 'beta' })).status).toBe(404);
      expect((await beta.client.delete(`/api/saved-replies/${r.id}`)).status).toBe(404);
    }
    // Shortcuts are per organization: Beta may use "hello" too.
    expect((await beta.client.post('/api/saved-replies', { scope: 'shared', shortcut: 'hello', text: 'Beta hello' })).status).toBe(201);
    expect((await owner.client.get('/api/saved-replies')).body.items.map((r: { text: string }) => r.text)).not.toContain('Beta hello');
  });
});
