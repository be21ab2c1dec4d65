// The offline form (issue 18.3): after hours (or, per team setting, with nobody online) the
// visitor leaves a message and an e-mail address; it becomes a chat in the team's queue, the
// team members who get e-mail notices and the visitor (a confirmation) get mail through real
// SMTP; an agent answers from the console like any chat, and the answer reaches the visitor by
// e-mail and on their next visit (a new session and socket for the same visitor token).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mailParts } from '../testing/fakes';
import { TestClient, newVisitor, startTestServer, type TestServer } from '../testing/harness';
import { loginAgent, offsetClock, seedOrg, type SeededOrg } from '../testing/routing';
import { startSmtpInbox } from '../testing/smtp-inbox';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

const SUNDAY_NOON = new Date('2030-01-06T12:00:00Z');
const WEEKDAYS_9_TO_5 = {
  timezone: 'UTC',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  exceptions: [],
};
const AFTER_HOURS = 'We are away right now; we answer on Monday.';

let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let server: TestServer;
let org: SeededOrg;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  server = await startTestServer('offline-form', {
    clock: offsetClock(SUNDAY_NOON),
    mail: 'smtp',
    env: { SMTP_URL: inbox.url, MAIL_FROM: 'Phoenix <noreply@phoenix.test>', JOB_POLL_MS: '100' },
  });
  // Agent A gets e-mail notices, agent B switched them off.
  org = await seedOrg(server, {
    agents: 2,
    team: { schedule: WEEKDAYS_9_TO_5, afterHoursMessage: AFTER_HOURS, assignmentStrategy: 'none' },
    agent: (i) => ({ notifications: { email: i === 0, sms: false, sound: true } }),
  });
});
afterAll(async () => {
  await server.close();
  await inbox.close();
});

const mailTo = (address: string, match: RegExp) =>
  waitFor(() => inbox.mails.find((m) => m.to.includes(address) && match.test(mailParts(m.raw).subject)) ?? null, { what: `mail to ${address} matching ${String(match)}` });

test('after hours: the form → a chat in the queue, mail to the team and the visitor → the agent answers → by e-mail and on the next visit', async () => {
  const config = await new TestClient(server.url).get(`/api/widget/config?org=${org.widgetKey}`);
  expect(config.body.team).toMatchObject({ open: false, offline: true, afterHoursMessage: AFTER_HOURS });

  const visitor = await newVisitor(server, org.widgetKey);
  // Refusals name the field, and nothing is stored.
  const noEmail = await visitor.client.post('/api/widget/offline-messages', { email: '', message: 'Hi' });
  expect([noEmail.status, noEmail.body.error.field]).toEqual([400, 'body.email']);
  const badEmail = await visitor.client.post('/api/widget/offline-messages', { email: 'me-at-home', message: 'Hi' });
  expect([badEmail.status, badEmail.body.error.field]).toEqual([400, 'body.email']);
  const noText = await visitor.client.post('/api/widget/offline-messages', { email: 'vera@example.test', message: '  ' });
  expect([noText.status, noText.body.error.field]).toEqual([400, 'body.message']);
  expect((await visitor.client.get('/api/widget/chats')).body.items).toEqual([]);

  const left = await visitor.client.post('/api/widget/offline-messages', { email: 'Vera@Example.test', name: 'Vera', message: 'Do you ship to Norway?' });
  expect(left.status).toBe(201);
  const chatId = left.body.id as string;
  expect(left.body.status).toBe('unassigned');

  // In the team's queue like any waiting chat, with the contact filled.
  const queue = (await org.owner.get('/api/chats/?view=unassigned')).body.items.map((c: { id: string }) => c.id);
  expect(queue).toContain(chatId);
  const contact = (await org.owner.get(`/api/contacts/${visitor.contactId}`)).body;
  expect(contact).toMatchObject({ name: 'Vera', email: 'vera@example.test' });

  // The team member with e-mail notices gets the message; the one without does not.
  const teamMail = mailParts((await mailTo(org.agents[0]!.email, /offline message from Vera/)).raw);
  expect(teamMail.text).toContain('Do you ship to Norway?');
  expect(teamMail.text).toContain(`http://phoenix.test/chats/${chatId}`);
  const confirmation = mailParts((await mailTo('vera@example.test', /We got your message/)).raw);
  expect(confirmation.text).toContain('Do you ship to Norway?');
  expect(inbox.mails.some((m) => m.to.includes(org.agents[1]!.email.toLowerCase()))).toBe(false);

  // An agent answers from the console, like any chat.
  const agent = await loginAgent(server, org.agents[0]!);
  expect((await agent.post(`/api/chats/${chatId}/claim`)).status).toBe(200);
  expect((await agent.post(`/api/chats/${chatId}/messages`, { clientId: 'a1', text: 'Yes, we do — 3 to 5 days.' })).status).toBe(201);

  const reply = mailParts((await mailTo('vera@example.test', /answered your message/)).raw);
  expect(reply.subject).toContain('Agent A');
  expect(reply.text).toContain('Yes, we do — 3 to 5 days.');
  expect(reply.text).toContain('Do you ship to Norway?');

  // The next visit: a new session and socket for the same token show the conversation.
  const again = await new TestClient(server.url).post('/api/widget/session', { org: org.widgetKey, token: visitor.token });
  expect(again.body.token).toBe(visitor.token);
  const chats = (await visitor.client.get('/api/widget/chats')).body.items;
  expect(chats.map((c: { id: string }) => c.id)).toEqual([chatId]);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  try {
    socket.send({ type: 'auth', token: visitor.token });
    await socket.next('ready');
    socket.send({ type: 'chat.subscribe', chatId, afterSeq: 0 });
    await socket.next('chat.replayed', (f) => f.chatId === chatId);
    const texts = socket.frames.flatMap((f) => (f.type === 'message.created' ? [[f.message.author.kind, f.message.text]] : []));
    expect(texts).toContainEqual(['contact', 'Do you ship to Norway?']);
    expect(texts).toContainEqual(['agent', 'Yes, we do — 3 to 5 days.']);
  } finally {
    socket.close();
  }
}, 20_000);

test('while the team is open the form is refused (409), unless the team asks for it when nobody is online', async () => {
  const openServer = await startTestServer('offline-form-open', { clock: offsetClock(new Date('2030-01-07T10:00:00Z')) });
  try {
    const o = await seedOrg(openServer, { agents: 1, team: { schedule: WEEKDAYS_9_TO_5, afterHoursMessage: AFTER_HOURS, assignmentStrategy: 'none' } });
    const visitor = await newVisitor(openServer, o.widgetKey);
    const config = () => new TestClient(openServer.url).get(`/api/widget/config?org=${o.widgetKey}`);
    expect((await config()).body.team).toMatchObject({ open: true, offline: false });
    const body = { email: 'olaf@example.test', message: 'Anyone there?' };
    expect((await visitor.client.post('/api/widget/offline-messages', body)).status).toBe(409);

    // Nobody has the console open: with the setting, the widget offers the form.
    expect((await o.owner.patch(`/api/teams/${o.teamId.toString()}`, { offlineWhenNoAgentOnline: true })).status).toBe(200);
    expect((await config()).body.team).toMatchObject({ open: true, offline: true });
    expect((await visitor.client.post('/api/widget/offline-messages', body)).status).toBe(201);

    // An agent opens the console: they are online, and chats are live again.
    const agent = await loginAgent(openServer, o.agents[0]!);
    const console = await TestSocket.open(`${openServer.url.replace('http', 'ws')}/ws`, { cookie: agent.cookieHeader });
    try {
      await console.next('ready');
      await waitFor(async () => ((await config()).body.team.offline === false ? true : null), { what: 'the team online' });
    } finally {
      console.close();
    }
  } finally {
    await openServer.close();
  }
}, 20_000);
