// Issue 17.9: "+ Add contact" with every field empty made a blank contact; a too-long name must be
// refused with a sentence that says the limit (not the validator's "should be one of" wording).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { orgRepos, signUp, startTestServer, type TestServer } from '../../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer('contact-input');
  owner = await signUp(server);
});
afterAll(() => server.close());

const blank: [string, Record<string, unknown>][] = [
  ['no fields', {}],
  ['every field empty', { name: '', email: '', phone: '' }],
  ['blanks and nulls', { name: '   ', email: null, phone: ' ' }],
  ['tags only', { tags: ['vip'] }],
];
for (const [what, body] of blank) {
  test(`a blank contact is refused (${what}): 400 naming the name field, nothing stored`, async () => {
    const before = await orgRepos(server, owner.org.id).contacts.count({});
    const res = await owner.client.post('/api/contacts', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION', message: 'Give at least a name, an e-mail address or a phone number', field: 'name' });
    expect(await orgRepos(server, owner.org.id).contacts.count({})).toBe(before);
  });
}

test('one of name, e-mail or phone is enough', async () => {
  for (const body of [{ name: 'Ann' }, { email: 'ann@example.test' }, { phone: '+44 20 1234 5678' }]) {
    expect((await owner.client.post('/api/contacts', body)).status).toBe(201);
  }
});

test('a 500-character name: the sentence says the limit', async () => {
  for (const res of [await owner.client.post('/api/contacts', { name: 'x'.repeat(500) })]) {
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'body.name', message: 'Use at most 200 characters' });
  }
});
