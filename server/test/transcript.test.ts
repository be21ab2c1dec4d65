// Issue 18 item 6: the transcript by e-mail, through a real SMTP inbox: on the visitor's request
// (asking for an address when the contact has none), and automatically per organization setting.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';
import { startSmtpInbox } from '../testing/smtp-inbox';
import { waitFor } from '../testing/wait';

let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let server: TestServer;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  server = await startTestServer('transcript', { mail: 'smtp', env: { SMTP_URL: inbox.url, MAIL_FROM: 'Phoenix <noreply@phoenix.test>' } });
});
afterAll(async () => {
  await server.stop();
  await inbox.close();
});

const mailTo = (to: string) => waitFor(() => inbox.mails.find((m) => m.to.includes(to)) ?? null, { what: `mail to ${to}` });
/** The decoded body of a raw mail (quoted-printable parts joined back). */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

async function endedChat() {
  const owner = await signUp(server, { name: 'Jonas Agent' });
  await owner.client.patch('/api/org', { timezone: 'Europe/Berlin' });
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  await visitor.say(chat.id, 'My <b>order</b> & invoice');
  await owner.client.post(`/api/chats/${chat.id}/claim`, {});
  await owner.client.post(`/api/chats/${chat.id}/messages`, { text: 'Sent again <script>x</script>', clientId: crypto.randomUUID() });
  return { owner, visitor, chat };
}

test('on request: refused before the end; asks for an address; sends text + escaped HTML in the org’s zone', async () => {
  const { owner, visitor, chat } = await endedChat();
  expect((await visitor.client.post(`/api/widget/chats/${chat.id}/transcript`, { email: 'v@example.test' })).status).toBe(409);
  await owner.client.post(`/api/chats/${chat.id}/end`, {});

  const noAddress = await visitor.client.post(`/api/widget/chats/${chat.id}/transcript`, {});
  expect(noAddress.status).toBe(400);
  expect(noAddress.body.error.field).toBe('body.email');
  expect((await visitor.client.post(`/api/widget/chats/${chat.id}/transcript`, { email: 'not an address' })).status).toBe(400);

  const to = `visitor-${Date.now()}@example.test`;
  const sent = await visitor.client.post(`/api/widget/chats/${chat.id}/transcript`, { email: to });
  expect(sent.status).toBe(202);
  expect(sent.body).toEqual({ sentTo: to });
  const mail = decoded((await mailTo(to)).raw);
  expect(mail).toContain('Your conversation with Acme');
  expect(mail).toContain('You: My <b>order</b> & invoice');
  expect(mail).toContain('Jonas Agent: Sent again <script>x</script>');
  expect(mail).toContain('My &lt;b&gt;order&lt;/b&gt; &amp; invoice');
  expect(mail).toContain('Sent again &lt;script&gt;x&lt;/script&gt;');
  expect(mail).toContain('Europe/Berlin');
  // The contact keeps the address: the next request needs none.
  const contact = await owner.client.get(`/api/contacts/${visitor.contactId}`);
  expect(contact.body.email ?? contact.body.contact?.email).toBe(to);
  expect((await visitor.client.post(`/api/widget/chats/${chat.id}/transcript`, {})).status).toBe(202);
});

test('rate-limited per chat', async () => {
  const { owner, visitor, chat } = await endedChat();
  await owner.client.post(`/api/chats/${chat.id}/end`, {});
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await visitor.client.post(`/api/widget/chats/${chat.id}/transcript`, { email: 'many@example.test' })).status);
  expect(statuses).toEqual([202, 202, 202, 429]);
});

test('organization setting: every ended chat whose contact has an e-mail gets its transcript', async () => {
  const { owner, visitor, chat } = await endedChat();
  const on = await owner.client.patch('/api/org', { transcriptAutoEmail: true });
  expect(on.status).toBe(200);
  expect(on.body.transcriptAutoEmail).toBe(true);
  const to = `auto-${Date.now()}@example.test`;
  expect((await owner.client.patch(`/api/contacts/${visitor.contactId}`, { email: to })).status).toBe(200);
  await owner.client.post(`/api/chats/${chat.id}/end`, {});
  expect(decoded((await mailTo(to)).raw)).toContain('Jonas Agent: Sent again');
  expect((await owner.client.patch('/api/org', { transcriptAutoEmail: 'yes' })).status).toBe(400);
});
