import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BusEvent } from '../../bus/bus';
import { OPERATOR, TestClient, signUp, startTestServer, uniqueEmail, type TestServer } from '../../testing/harness';

let server: TestServer;
const events: BusEvent[] = [];

beforeAll(async () => {
  server = await startTestServer('profile');
  server.ctx.bus.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await server.close();
});

describe('PATCH /api/me', () => {
  test('name, phone, notifications, status and schedule', async () => {
    const { client, user, org } = await signUp(server);
    events.length = 0;
    const res = await client.patch('/api/me', {
      name: '  Olivia O.  ',
      phone: '+44 (20) 7946-0958',
      notifications: { sms: true },
      manualStatus: 'away',
      schedule: { timezone: 'America/New_York', weekly: { mon: [{ start: '09:00', end: '17:00' }], sat: [] }, exceptions: [{ date: '2025-12-25', intervals: [], label: 'Christmas' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Olivia O.',
      phone: '+442079460958',
      notifications: { email: true, sms: true, sound: true },
      manualStatus: 'away',
      schedule: { timezone: 'America/New_York', weekly: { mon: [{ start: '09:00', end: '17:00' }] }, exceptions: [{ date: '2025-12-25', intervals: [], label: 'Christmas' }] },
    });
    expect(events).toContainEqual({ kind: 'user.changed', orgId: org.id, userId: user.id });
    const cleared = await client.patch('/api/me', { phone: '', schedule: null, manualStatus: 'available', notifications: { sound: false } });
    // Without a number there is nothing to text: clearing the phone switches SMS off.
    expect(cleared.body).toMatchObject({ phone: null, schedule: null, manualStatus: 'available', notifications: { email: true, sms: false, sound: false } });
    expect((await client.get('/api/auth/me')).body.user.name).toBe('Olivia O.');
  });

  test('e-mail: unique (409 body.email), normalized, the old address is told, login uses the new one', async () => {
    const a = await signUp(server);
    const b = await signUp(server);
    const taken = await a.client.patch('/api/me', { email: b.email.toUpperCase(), currentPassword: a.password });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('body.email');
    const fresh = uniqueEmail('moved');
    // Without (or with a wrong) current password the e-mail stays.
    const noPassword = await a.client.patch('/api/me', { email: fresh });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.error.field).toBe('body.currentPassword');
    expect((await a.client.patch('/api/me', { email: fresh, currentPassword: 'not my password' })).status).toBe(400);
    const moved = await a.client.patch('/api/me', { email: `  ${fresh.toUpperCase()} `.trim(), currentPassword: a.password });
    expect(moved.status).toBe(200);
    expect(moved.body.email).toBe(fresh);
    expect(server.outbox.at(-1)).toMatchObject({ to: a.email });
    expect(server.outbox.at(-1)!.text).toContain(fresh);
    expect((await new TestClient(server.url).post('/api/auth/login', { email: fresh, password: a.password })).status).toBe(200);
    expect((await new TestClient(server.url).post('/api/auth/login', { email: a.email, password: a.password })).status).toBe(401);
    // Sending one's own address again changes nothing.
    expect((await a.client.patch('/api/me', { email: fresh })).status).toBe(200);
  });

  test('bad input is a 400 naming the field, and nothing is written', async () => {
    const { client } = await signUp(server);
    const before = (await client.get('/api/auth/me')).body.user;
    const cases: [unknown, string][] = [
      [{ name: OPERATOR }, 'body.name'],
      [{ name: '   ' }, 'body.name'],
      [{ email: OPERATOR }, 'body.email'],
      [{ email: 'nope' }, 'body.email'],
      [{ phone: '12345' }, 'body.phone'],
      [{ phone: '+0 123 4567' }, 'body.phone'],
      [{ phone: OPERATOR }, 'body.phone'],
      [{ notifications: { sms: 'yes' } }, 'body.notifications.sms'],
      [{ notifications: OPERATOR }, 'body.notifications.$gt'],
      [{ manualStatus: 'busy' }, 'body.manualStatus'],
      [{ manualStatus: OPERATOR }, 'body.manualStatus'],
      [{ schedule: { timezone: 'UTC', weekly: { mon: [{ start: '18:00', end: '09:00' }] }, exceptions: [] } }, 'body.schedule.weekly.mon[0].end'],
      [{ schedule: { timezone: 'UTC', weekly: { funday: [] }, exceptions: [] } }, 'body.schedule.weekly.funday'],
      [{ schedule: 'always' }, 'body.schedule'],
      [{ maxConcurrentChats: 3 }, 'body.maxConcurrentChats'],
      [{ role: 'owner' }, 'body.role'],
      [{ name: 'Fine', phone: 'call me' }, 'body.phone'],
    ];
    for (const [body, field] of cases) {
      const res = await client.patch('/api/me', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const op = await client.patch('/api/me', { schedule: OPERATOR });
    expect(op.status).toBe(400);
    expect(op.body.error.field).toStartWith('body.schedule');
    expect((await client.get('/api/auth/me')).body.user).toEqual(before);
    expect((await new TestClient(server.url).patch('/api/me', { name: 'Anonymous' })).status).toBe(401);
  });
});
