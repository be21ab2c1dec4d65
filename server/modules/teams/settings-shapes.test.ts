// The shapes, enums and ranges of team settings are the route schema's alone (the domain keeps
// the rules that span fields): every bad value is a 400 naming its field, on create and update,
// and nothing is written.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { signUp, startTestServer, type TestClient, type TestServer } from '../../testing/harness';

let server: TestServer;
let admin: TestClient;
let teamId: string;
beforeAll(async () => {
  server = await startTestServer('team-settings-shapes');
  admin = (await signUp(server)).client;
  teamId = (await admin.post('/api/teams', { name: 'Shapes' })).body.id;
});
afterAll(() => server.close());

const schedule = { timezone: 'Europe/London', weekly: { mon: [{ start: '09:00', end: '17:00' }] }, exceptions: [] };

const refused: [string, Record<string, unknown>, string][] = [
  ['unknown permission mode', { permissionMode: 'open' }, 'permissionMode'],
  ['unknown strategy', { assignmentStrategy: 'random' }, 'assignmentStrategy'],
  ['unknown unresponsive strategy', { unresponsiveStrategy: 'wait' }, 'unresponsiveStrategy'],
  ['an operator object where a scalar belongs', { permissionMode: { $ne: null } }, 'permissionMode'],
  ['after-hours message too long', { afterHoursMessage: 'x'.repeat(2001) }, 'afterHoursMessage'],
  ['after-hours message not text', { afterHoursMessage: null }, 'afterHoursMessage'],
  ['assigned message too long', { assignedMessage: 'x'.repeat(2001) }, 'assignedMessage'],
  ['timeout 9', { unresponsiveTimeoutSeconds: 9 }, 'unresponsiveTimeoutSeconds'],
  ['timeout 86401', { unresponsiveTimeoutSeconds: 86_401 }, 'unresponsiveTimeoutSeconds'],
  ['timeout fractional', { unresponsiveTimeoutSeconds: 30.5 }, 'unresponsiveTimeoutSeconds'],
  ['timeout as text', { unresponsiveTimeoutSeconds: '60' }, 'unresponsiveTimeoutSeconds'],
  ['capacity 0', { maxChatsPerAgent: 0 }, 'maxChatsPerAgent'],
  ['capacity 101', { maxChatsPerAgent: 101 }, 'maxChatsPerAgent'],
  ['capacity fractional', { maxChatsPerAgent: 2.5 }, 'maxChatsPerAgent'],
  ['schedule not an object', { schedule: 'weekdays' }, 'schedule'],
  ['schedule time malformed', { schedule: { ...schedule, weekly: { mon: [{ start: '9:00', end: '17:00' }] } }, afterHoursMessage: 'Back at 9' }, 'schedule.weekly.mon[0].start'],
  ['schedule zone unknown', { schedule: { ...schedule, timezone: 'Nowhere' }, afterHoursMessage: 'Back at 9' }, 'schedule.timezone'],
  ['online-only routing not a boolean', { onlineOnlyRouting: 'yes' }, 'onlineOnlyRouting'],
  ['online-only routing as an operator', { onlineOnlyRouting: { $ne: false } }, 'onlineOnlyRouting'],
  ['pre-chat form not an object', { prechatForm: true }, 'prechatForm'],
  ['pre-chat field not one the form knows', { prechatForm: { enabled: true, fields: [{ field: 'age', label: 'Age', required: true }] } }, 'prechatForm.fields[0].field'],
  ['pre-chat required not a boolean', { prechatForm: { enabled: true, fields: [{ field: 'name', label: 'Name', required: 'yes' }] } }, 'prechatForm.fields[0].required'],
  ['pre-chat form on with no fields', { prechatForm: { enabled: true, fields: [] } }, 'prechatForm.fields'],
  ['offline form setting not a boolean', { offlineWhenNoAgentOnline: 'sometimes' }, 'offlineWhenNoAgentOnline'],
  ['auto-resolve 0 minutes', { autoResolveMinutes: 0 }, 'autoResolveMinutes'],
  ['auto-resolve past a week', { autoResolveMinutes: 10_081 }, 'autoResolveMinutes'],
  ['auto-resolve fractional', { autoResolveMinutes: 2.5 }, 'autoResolveMinutes'],
  ['auto-resolve as text', { autoResolveMinutes: '30' }, 'autoResolveMinutes'],
  ['auto-resolve message too long', { autoResolveMessage: 'x'.repeat(2001) }, 'autoResolveMessage'],
  ['unknown field', { color: 'red' }, 'color'],
];

test.each(refused)('%s is refused with a 400 naming the field, on create and on update', async (_what, settings, field) => {
  const created = await admin.post('/api/teams', { name: `Bad ${crypto.randomUUID().slice(0, 8)}`, ...settings });
  expect(created.status).toBe(400);
  expect(created.body.error.field.replace(/^body\./, '')).toBe(field);
  const before = (await admin.get('/api/teams')).body.items.find((t: { id: string }) => t.id === teamId);
  const updated = await admin.request('PATCH', `/api/teams/${teamId}`, settings);
  expect(updated.status).toBe(400);
  expect(updated.body.error.field.replace(/^body\./, '')).toBe(field);
  expect((await admin.get('/api/teams')).body.items.find((t: { id: string }) => t.id === teamId)).toEqual(before);
});

test.each([
  ['every permission mode', { permissionMode: 'restrictive' }],
  ['a strategy', { assignmentStrategy: 'round_robin_by_contact' }],
  ['after-hours message at the limit', { afterHoursMessage: 'x'.repeat(2000) }],
  ['timeout bounds', { unresponsiveTimeoutSeconds: 10 }],
  ['timeout upper bound', { unresponsiveTimeoutSeconds: 86_400 }],
  ['capacity bounds', { maxChatsPerAgent: 100 }],
  ['no capacity', { maxChatsPerAgent: null }],
  ['online-only routing off', { onlineOnlyRouting: false }],
  ['a schedule with its message', { schedule, afterHoursMessage: 'Back at 9' }],
  ['a pre-chat form', { prechatForm: { enabled: true, fields: [{ field: 'email', label: 'E-mail', required: true }, { field: 'custom:plan', label: 'Plan', required: false }] } }],
  ['the offline form when nobody is online', { offlineWhenNoAgentOnline: true }],
  ['auto-resolve bounds', { autoResolveMinutes: 1, autoResolveMessage: '' }],
  ['auto-resolve upper bound with a message', { autoResolveMinutes: 10_080, autoResolveMessage: 'Closing for now.' }],
  ['auto-resolve off', { autoResolveMinutes: null }],
] as const)('%s is accepted', async (_what, settings) => {
  const res = await admin.request('PATCH', `/api/teams/${teamId}`, settings);
  expect(res.status).toBe(200);
  for (const [key, value] of Object.entries(settings)) expect(res.body[key]).toEqual(value);
});
