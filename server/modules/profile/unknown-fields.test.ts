// One validation path: the route schemas alone refuse unknown and ill-typed fields (the app runs
// with `normalize: false` and every contract object has `additionalProperties: false`), with a
// 400 naming the field — no second strict pass over the body is needed.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signUp, startTestServer, type TestServer } from '../../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  server = await startTestServer('unknown-fields');
  owner = await signUp(server, { orgName: 'Strict Co' });
});
afterAll(async () => {
  await server.close();
});

async function expectRefused(res: { status: number; body: { error?: { code: string; field?: string; message: string } } }, field: string) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'VALIDATION', field });
  expect(res.body.error!.message).not.toContain(field);
}

describe('unknown fields are refused, not dropped', () => {
  test('bodies', async () => {
    const c = owner.client;
    await expectRefused(await c.patch('/api/org', { nmae: 'Typo' }), 'body.nmae');
    await expectRefused(await c.patch('/api/org', { widget: { colour: '#000000' } }), 'body.widget.colour');
    await expectRefused(await c.patch('/api/me', { notifications: { email: true, pager: true } }), 'body.notifications.pager');
    await expectRefused(await c.post('/api/teams', { name: 'Support', colour: 'red' }), 'body.colour');
    await expectRefused(await c.post('/api/contacts', { name: 'Ann', $where: '1' }), 'body.$where');
    await expectRefused(await c.patch(`/api/members/${owner.user.id}`, { rol: 'agent' }), 'body.rol');
    await expectRefused(await c.post('/api/invitations', { email: 'x@example.test', role: 'agent', admin: true }), 'body.admin');
    // Nothing was saved by the refused requests.
    expect((await c.get('/api/org')).body.name).toBe('Strict Co');
  });

  test('queries', async () => {
    await expectRefused(await owner.client.get('/api/contacts?q=a&sort=name'), 'query.sort');
    await expectRefused(await owner.client.get('/api/dashboard?from=2025-01-01&zone=UTC'), 'query.zone');
  });
});

describe('bad values are refused by the schema with the field', () => {
  test('operators, enums and blank names', async () => {
    const c = owner.client;
    await expectRefused(await c.patch('/api/org', { name: { $gt: '' } }), 'body.name');
    await expectRefused(await c.patch('/api/org', { name: '   ' }), 'body.name');
    await expectRefused(await c.post('/api/teams', { name: '\t' }), 'body.name');
    await expectRefused(await c.patch('/api/me', { name: ' ' }), 'body.name');
    await expectRefused(await c.patch('/api/me', { manualStatus: 'busy' }), 'body.manualStatus');
    await expectRefused(await c.post('/api/teams', { name: 'Sales', permissionMode: 'open' }), 'body.permissionMode');
    await expectRefused(await c.put('/api/contacts/0123456789abcdef01234567/fields/plan', { type: 'money', value: 1 }), 'body.type');
    const blank = await c.patch('/api/org', { name: '  ' });
    expect(blank.body.error.message).toBe('Must not be blank');
  });

  test('schedule rules keep naming the exact interval', async () => {
    const res = await owner.client.patch('/api/me', { schedule: { timezone: 'Europe/London', weekly: { mon: [{ start: '25:00', end: '26:00' }] }, exceptions: [] } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.schedule.weekly.mon[0].start');
    expect(res.body.error.message).not.toContain('body.');
  });
});
