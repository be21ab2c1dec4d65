// The twilio client itself, pointed at a local fake of the Messages endpoint via its httpClient.
import { afterAll, expect, test } from 'bun:test';
import { startFakeTwilio } from '../testing/fakes';
import { createTwilioSms, redirectingHttpClient } from './sms';

const fake = startFakeTwilio();
afterAll(() => fake.close());

const settings = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'secret-token', from: '+15550001111' };
const sms = createTwilioSms(settings, { httpClient: redirectingHttpClient(fake.url) });

test('sends through the Messages API with basic auth and a form body', async () => {
  const sent = await sms.send({ to: '+4712345678', body: 'Hello & welcome' });
  expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
  const request = fake.received.at(-1)!;
  expect(request.path).toBe(`/2010-04-01/Accounts/${settings.accountSid}/Messages.json`);
  expect(request.authorization).toBe(`Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`);
  expect(request.form).toEqual({ To: '+4712345678', From: '+15550001111', Body: 'Hello & welcome' });
});

test("Twilio's refusal becomes a rejection carrying its status and code", async () => {
  const refused = await sms.send({ to: '12345', body: 'x' }).then(
    () => null,
    (err: unknown) => err as { status?: number; code?: number; message?: string },
  );
  expect(refused).toMatchObject({ status: 400, code: 21211 });
  expect(refused!.message).toContain('not a valid phone number');
});
