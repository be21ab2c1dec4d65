// The overview (item 10): "Notifications will also be sent via SMS text message if the agent has
// specified a valid phone number in their Profile". Entering a valid number switches SMS on; the
// agent may switch it off again, and re-saving the same number keeps it off; clearing the number
// switches it off. The server is configured only through TWILIO_* with TWILIO_API_BASE_URL
// pointing at a local double of Twilio's Messages API: nothing is injected into the runtime.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startFakeTwilio } from '../testing/fakes';
import { startTestServer, type TestServer } from '../testing/harness';
import { loginAgent, openTestChat, seedOrg } from '../testing/routing';
import { waitFor } from '../testing/wait';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'edge-token', TWILIO_FROM: '+15550002222' };
const twilio = startFakeTwilio();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sms-profile', { env: { ...TWILIO, TWILIO_API_BASE_URL: twilio.url } });
});
afterAll(async () => {
  await server.close();
  twilio.close();
});

test('a phone entered in the Profile alone gets the agent an SMS on assignment, through TWILIO_API_BASE_URL', async () => {
  const org = await seedOrg(server, { agents: 1 });
  const agent = await loginAgent(server, org.agents[0]!);
  const saved = await agent.patch('/api/me', { phone: '+47 998 87 766' });
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ phone: '+4799887766', notifications: { sms: true } });

  const chat = await openTestChat(server.ctx, org);
  expect(chat.assigneeId?.toString()).toBe(org.agents[0]!.id.toString());
  const sms = await waitFor(() => twilio.received.find((r) => r.form.Body?.includes(chat._id.toString())), { what: 'the SMS at the Twilio double', timeout: 8_000 });
  expect(sms.path).toBe(`/2010-04-01/Accounts/${TWILIO.TWILIO_ACCOUNT_SID}/Messages.json`);
  expect(sms.authorization).toBe(`Basic ${Buffer.from(`${TWILIO.TWILIO_ACCOUNT_SID}:${TWILIO.TWILIO_AUTH_TOKEN}`).toString('base64')}`);
  expect(sms.form).toMatchObject({ To: '+4799887766', From: TWILIO.TWILIO_FROM });
}, 15_000);

test('switched off stays off when the same number is saved again; a new number turns it on; clearing turns it off', async () => {
  const org = await seedOrg(server, { agents: 1 });
  const agent = await loginAgent(server, org.agents[0]!);
  expect((await agent.patch('/api/me', { phone: '+4712345678' })).body.notifications.sms).toBe(true);
  expect((await agent.patch('/api/me', { notifications: { sms: false } })).body.notifications.sms).toBe(false);
  // The console's form sends the whole profile back: the unchanged number must not undo the choice.
  expect((await agent.patch('/api/me', { phone: '+47 1234 5678', name: 'Renamed' })).body.notifications.sms).toBe(false);
  // Entering a number together with "SMS off" keeps it off.
  expect((await agent.patch('/api/me', { phone: '+4711112222', notifications: { sms: false } })).body.notifications.sms).toBe(false);
  expect((await agent.patch('/api/me', { phone: '+4733334444' })).body.notifications.sms).toBe(true);
  expect((await agent.patch('/api/me', { phone: '' })).body).toMatchObject({ phone: null, notifications: { sms: false } });
  const invalid = await agent.patch('/api/me', { phone: '12345' });
  expect(invalid.status).toBe(400);
  expect(invalid.body.error.field).toBe('body.phone');
});
