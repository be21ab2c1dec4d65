// Assignment notices end to end: the e-mail goes through nodemailer to a local SMTP server, the
// SMS through the twilio client to a local fake of its Messages endpoint, both from Agenda jobs.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { ObjectId } from '../db/ids';
import { JOB } from '../jobs/names';
import { createTwilioSms, redirectingHttpClient } from '../notify/sms';
import { testDatabase, type TestDatabase } from '../testing/database';
import { mailParts, startFakeTwilio } from '../testing/fakes';
import { startTestServer, type TestServer } from '../testing/harness';
import { jobsNamed } from '../testing/jobs';
import { loginAgent, openTestChat, seedOrg, type SeededOrg } from '../testing/routing';
import { startSmtpInbox } from '../testing/smtp-inbox';
import { waitFor } from '../testing/wait';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'test-token', TWILIO_FROM: '+15550001111' };
const PHONE = '+4799887766';

let db: TestDatabase;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
// The first SMS attempt fails with a 503: delivery must come from Agenda's retry.
const twilio = startFakeTwilio({ failFirst: 1 });
let server: TestServer;

beforeAll(async () => {
  db = await testDatabase('routing-notify');
  inbox = await startSmtpInbox();
  server = await startTestServer('routing-notify', {
    database: db,
    mail: 'smtp',
    env: { SMTP_URL: inbox.url, MAIL_FROM: 'Phoenix <noreply@phoenix.test>', ...TWILIO },
    sms: createTwilioSms({ accountSid: TWILIO.TWILIO_ACCOUNT_SID, authToken: TWILIO.TWILIO_AUTH_TOKEN, from: TWILIO.TWILIO_FROM }, { httpClient: redirectingHttpClient(twilio.url) }),
  });
});
afterAll(async () => {
  await server.stop();
  await inbox.close();
  twilio.close();
  await db.stop();
});

const mailFor = (email: string, chatId: ObjectId | string) =>
  waitFor(() => inbox.mails.find((m) => m.to.includes(email.toLowerCase()) && mailParts(m.raw).text.includes(chatId.toString())), { what: `mail to ${email}` });

async function orgWithNotifiedAgent(agentNotifications: Record<string, unknown>): Promise<SeededOrg> {
  return seedOrg(server, { agents: 1, agent: () => ({ phone: PHONE, notifications: { sound: true, ...agentNotifications } }) });
}

test('auto-assignment e-mails the agent (escaped HTML, link to the chat) and texts them', async () => {
  const org = await orgWithNotifiedAgent({ email: true, sms: true });
  const now = new Date();
  const contact = await org.db.contacts.insert({ name: '<b>Tom & "Jerry"</b>', firstSeenAt: now, lastSeenAt: now });
  const chat = await openTestChat(server.ctx, org, contact._id);
  expect(chat.assigneeId!.toString()).toBe(org.agents[0]!.id.toString());

  const mail = await mailFor(org.agents[0]!.email, chat._id);
  const { subject, text, html } = mailParts(mail.raw);
  const link = `http://phoenix.test/chats/${chat._id.toString()}`;
  expect(mail.from).toBe('noreply@phoenix.test');
  expect(subject).toBe('New chat assigned to you: <b>Tom & "Jerry"</b>');
  expect(text).toContain(link);
  expect(text).toContain('<b>Tom & "Jerry"</b>');
  expect(html).toContain('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
  expect(html).not.toContain('<b>Tom');
  expect(html).toContain(`href="${link}"`);

  const forChat = () => twilio.received.filter((r) => r.form.Body?.includes(chat._id.toString()));
  await waitFor(() => forChat().length >= 2, { what: 'the SMS, delivered on the retry', timeout: 8_000 });
  const delivered = forChat();
  expect(delivered.length).toBe(2); // one 503, one accepted
  expect(delivered[1]!.form).toMatchObject({ To: PHONE, From: TWILIO.TWILIO_FROM });
  expect(delivered[1]!.form.Body).toContain(link);
}, 15_000);

test('assignment by someone else notifies; a self-claim does not; preferences are honoured', async () => {
  const org = await orgWithNotifiedAgent({ email: true, sms: false });
  await org.db.teams.updateOne({ _id: org.teamId }, { $set: { assignmentStrategy: 'none' } });
  const agent = await loginAgent(server, org.agents[0]!);

  const claimed = await openTestChat(server.ctx, org);
  expect((await agent.post(`/api/chats/${claimed._id.toString()}/claim`)).status).toBe(200);
  const assigned = await openTestChat(server.ctx, org);
  const res = await org.owner.post(`/api/chats/${assigned._id.toString()}/assign`, { agentId: org.agents[0]!.id.toString() });
  expect(res.status).toBe(200);

  // Jobs run in due order: once the later notice arrived, an earlier one would have too.
  await mailFor(org.agents[0]!.email, assigned._id);
  expect(inbox.mails.some((m) => mailParts(m.raw).text.includes(claimed._id.toString()))).toBe(false);
  // SMS is off for this agent: no job was even scheduled.
  expect(await jobsNamed(server, JOB.assignedSms, { userId: org.agents[0]!.id.toString() })).toHaveLength(0);
  expect(twilio.received.some((r) => r.form.Body?.includes(assigned._id.toString()))).toBe(false);
});
