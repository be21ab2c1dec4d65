// Issue #15 item 7: user text that ends up in a pattern (team names, contact tags and tag or
// text filters) never gives a 500. Regex-special characters are matched literally; a NUL or
// other control character is refused with a 400 naming the field.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { createKey } from '../../e2e/simulator/fixtures';
import { signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let api: PhoenixApiClient;
let contactId: string;
let teamId: string;

const NUL = 'bad\u0000name';
const SPECIALS = ['(', '[a', 'a.*', '\\', '^$', 'x|y', '+?'];

beforeAll(async () => {
  server = await startTestServer('security_regex_input');
  owner = await signUp(server, { orgName: 'Regex' });
  api = new PhoenixApiClient(server.url, (await createKey(owner.client)).key);
  const contact = await owner.client.post('/api/contacts', { name: 'Rex', tags: ['vip'] });
  expect(contact.status).toBe(201);
  contactId = contact.body.id;
  const team = await owner.client.post('/api/teams', { name: 'Regex team' });
  expect(team.status).toBe(201);
  teamId = team.body.id;
});
afterAll(() => server.close());

function expectRefused(res: { status: number; body: any }, field: string, what: string): void {
  expect(res.status, what).toBe(400);
  expect(res.body.error.field, what).toBe(field);
  expect(res.body.error.message, what).not.toContain(field);
}

describe('pattern input', () => {
  test('a NUL byte is a 400 naming the field in every place that matched it as a pattern', async () => {
    expectRefused(await owner.client.post('/api/teams', { name: NUL }), 'body.name', 'team create');
    expectRefused(await owner.client.patch(`/api/teams/${teamId}`, { name: NUL }), 'body.name', 'team rename');
    expectRefused(await owner.client.get(`/api/contacts?tag=${encodeURIComponent(NUL)}`), 'query.tag', 'tag filter');
    expectRefused(await owner.client.get(`/api/contacts?q=${encodeURIComponent(NUL)}`), 'query.q', 'text search');
    expectRefused(await owner.client.post(`/api/contacts/${contactId}/tags`, { tag: NUL }), 'body.tag', 'console tag');
    expectRefused(await api.request('POST', `/api/v1/contacts/${contactId}/tags`, { tag: NUL }), 'body.tag', 'v1 tag');
    expectRefused(await owner.client.post('/api/contacts', { name: 'N', tags: [NUL] }), 'body.tags[0]', 'create with tags');
  });

  test('regex-special characters are matched literally, never a 500', async () => {
    for (const text of SPECIALS) {
      const team = await owner.client.post('/api/teams', { name: `T ${text}` });
      expect(team.status, text).toBe(201);
      expect((await owner.client.post('/api/teams', { name: `t ${text}` })).status, text).toBe(409);
      const tagged = await owner.client.post(`/api/contacts/${contactId}/tags`, { tag: text });
      expect(tagged.status, text).toBe(200);
      expect(tagged.body.tags, text).toContain(text);
      const byTag = await owner.client.get(`/api/contacts?tag=${encodeURIComponent(text)}`);
      expect(byTag.status, text).toBe(200);
      expect(byTag.body.items.map((c: any) => c.id), text).toEqual([contactId]);
      expect((await owner.client.get(`/api/contacts?q=${encodeURIComponent(text)}`)).status, text).toBe(200);
    }
    // A pattern that would match everything as a regex matches only itself.
    expect((await owner.client.get(`/api/contacts?tag=${encodeURIComponent('.*')}`)).body.items).toEqual([]);
  });
});
