// The pre-chat form (issue 18.2): configured per team (off by default), answered before the
// first message, filling the contact; the server refuses missing or malformed answers with a
// 400 naming the field, refuses a chat while a required answer is missing, and never asks
// identified visitors.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { TestClient, newVisitor, orgRepos, oid, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let teamId: string;
beforeAll(async () => {
  server = await startTestServer('prechat');
  owner = await signUp(server);
  teamId = owner.user.teamIds[0] as string;
});
afterAll(() => server.close());

const FORM = {
  enabled: true,
  fields: [
    { field: 'name', label: 'Your name', required: true },
    { field: 'email', label: 'E-mail', required: true },
    { field: 'phone', label: 'Phone', required: false },
    { field: 'custom:order', label: 'Order number', required: false },
  ],
};

test('off by default: the config asks nothing and a chat starts at once', async () => {
  const team = (await owner.client.get('/api/teams')).body.items.find((t: { id: string }) => t.id === teamId);
  expect(team.prechatForm).toEqual({ enabled: false, fields: [] });
  const config = await new TestClient(server.url).get(`/api/widget/config?org=${owner.org.widgetKey}`);
  expect(config.body.team.prechat).toBeNull();
  const visitor = await newVisitor(server, owner.org.widgetKey);
  expect((await visitor.startChat()).id).toBeString();
});

test('team settings: the form is stored, and bad forms are refused naming the field', async () => {
  for (const [form, field] of [
    [{ enabled: true, fields: [] }, 'body.prechatForm.fields'],
    [{ enabled: true, fields: [{ field: 'age', label: 'Age', required: true }] }, 'body.prechatForm.fields[0].field'],
    [{ enabled: true, fields: [FORM.fields[0], FORM.fields[0]] }, 'body.prechatForm.fields[1].field'],
    [{ enabled: true, fields: [{ field: 'name', label: ' ', required: true }] }, 'body.prechatForm.fields[0].label'],
    [{ enabled: true, fields: [{ field: { $ne: null }, label: 'x', required: true }] }, 'body.prechatForm.fields[0].field'],
  ] as const) {
    const res = await owner.client.patch(`/api/teams/${teamId}`, { prechatForm: form });
    expect({ form, status: res.status }).toEqual({ form, status: 400 });
    expect({ form, field: res.body.error.field }).toEqual({ form, field });
  }
  const saved = await owner.client.patch(`/api/teams/${teamId}`, { prechatForm: FORM });
  expect(saved.status).toBe(200);
  expect(saved.body.prechatForm).toEqual(FORM);
  const config = await new TestClient(server.url).get(`/api/widget/config?org=${owner.org.widgetKey}`);
  expect(config.body.team.prechat).toEqual(FORM.fields);
});

test('answers are checked (required, e-mail and phone shape) with nothing written; good answers fill the contact and the chat starts', async () => {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  // Without the required answers no chat starts.
  const early = await visitor.client.post('/api/widget/chats', {});
  expect(early.status).toBe(400);
  expect(early.body.error.field).toBe('prechat.name');

  const refused: [Record<string, string>, string, RegExp][] = [
    [{ email: 'ann@example.test' }, 'body.values.name', /Your name is required/],
    [{ name: 'Ann', email: '' }, 'body.values.email', /E-mail is required/],
    [{ name: 'Ann', email: 'ann-at-example' }, 'body.values.email', /e-mail address/],
    [{ name: 'Ann', email: 'ann@example.test', phone: '12' }, 'body.values.phone', /phone number/],
    [{ name: 'Ann', email: 'ann@example.test', colour: 'red' }, 'body.values.colour', /no such field/],
  ];
  for (const [values, field, sentence] of refused) {
    const res = await visitor.client.post('/api/widget/prechat', { values });
    expect({ values, status: res.status, field: res.body.error?.field }).toEqual({ values, status: 400, field });
    expect(res.body.error.message).toMatch(sentence);
  }
  const untouched = await orgRepos(server, owner.org.id).contacts.findById(oid(visitor.contactId));
  expect([untouched?.name ?? null, untouched?.email ?? null]).toEqual([null, null]);

  const ok = await visitor.client.post('/api/widget/prechat', { values: { name: ' Ann Lee ', email: 'Ann@Example.test', phone: '+44 7700 900123', 'custom:order': 'A-17' } });
  expect(ok.status).toBe(200);
  expect(ok.body.contactId).toBe(visitor.contactId);
  const contact = (await owner.client.get(`/api/contacts/${visitor.contactId}`)).body;
  expect(contact).toMatchObject({ name: 'Ann Lee', email: 'ann@example.test', phone: '+447700900123' });
  expect(contact.customFields).toEqual([expect.objectContaining({ key: 'order', type: 'string', value: 'A-17' })]);

  const chat = await visitor.startChat();
  expect(chat.id).toBeString();
});

test('identified visitors are never asked: their chat starts without the form', async () => {
  const { secret } = (await owner.client.get('/api/org/identity-secret')).body as { secret: string };
  const hash = createHmac('sha256', secret).update('user-7').digest('hex');
  const session = await new TestClient(server.url).post('/api/widget/session', { org: owner.org.widgetKey, userId: 'user-7', userHash: hash });
  expect(session.body.identified).toBe(true);
  const client = new TestClient(server.url, { authorization: `Bearer ${session.body.token}` });
  const chat = await client.post('/api/widget/chats', {});
  expect(chat.status).toBe(201);
});

test('a team without the form refuses answers (409), and operators in the answers are refused', async () => {
  const other = (await owner.client.post('/api/teams', { name: 'No form' })).body.id as string;
  const visitor = await newVisitor(server, owner.org.widgetKey);
  expect((await visitor.client.post('/api/widget/prechat', { teamId: other, values: { name: 'x' } })).status).toBe(409);
  const injected = await visitor.client.post('/api/widget/prechat', { values: { name: { $gt: '' } } });
  expect(injected.status).toBe(400);
});
