// Private notes and @mentions (issue 17 item 2): agent A writes a private note in a chat and
// mentions B through the "@" list; B gets the mention live (Mentions tab, unread) and opens the
// chat from it; the visitor's widget never shows the note, before or after a reload.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, addMember, signedInPage, uniqueEmail } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { DemoVisitor, chatStartedWith } from '../helpers/widget';
import { visitorName } from '../../shared/visitor-names';

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let admin: AgentApi;
let amy: AgentApi;
let amyEmail: string;
let bertEmail: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  const login = await demoLogin(server.url);
  admin = await new AgentApi(server.url).login(login.email, login.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  await admin.updateTeam(inbox.id, { schedule: null, assignmentStrategy: 'none', unresponsiveStrategy: 'none' });
  amyEmail = uniqueEmail('amy');
  bertEmail = uniqueEmail('bert');
  amy = await addMember(admin, mailbox, { email: amyEmail, name: 'Amy Agent', teamIds: [inbox.id] });
  await addMember(admin, mailbox, { email: bertEmail, name: 'Bert Buddy', teamIds: [inbox.id] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

const NOTE = 'check the refund of the damaged parcel';

test('a private note mentions a colleague live and never reaches the visitor', async () => {
  const visitor = await DemoVisitor.arrive(browser, server.url);
  await visitor.open();
  const first = 'Hello, my parcel arrived damaged';
  await visitor.send(first);
  await visitor.delivered(first);
  const chat = await chatStartedWith(amy, first);
  await amy.claim(chat.id);

  // Bert has the console open (so he is online: the mention comes live, no e-mail needed).
  const bert = await signedInPage(browser, server.url, bertEmail, PASSWORD);
  await bert.page.goto(`${server.url}/chats/all`);
  const bertTabs = bert.page.getByRole('tablist', { name: 'Inbox' });
  await bertTabs.waitFor({ timeout: UI_TIMEOUT });

  // Amy writes the note: the Private note tab, "@be" offers Bert, Enter inserts him.
  const a = await signedInPage(browser, server.url, amyEmail, PASSWORD);
  await a.page.goto(`${server.url}/chats/all/${chat.id}`);
  const pane = a.page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.locator('[data-test="mode-note"]').click();
  const box = pane.getByRole('textbox', { name: 'Private note' });
  await box.pressSequentially('@be');
  const picker = pane.locator('[data-test="mention-picker"]');
  await picker.getByRole('option', { name: /Bert Buddy/ }).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(a.page, 'notes-mention-picker');
  await box.press('Enter');
  expect(await box.inputValue()).toBe('@Bert Buddy ');
  await box.pressSequentially(NOTE);
  await pane.locator('[data-test="send"]').click();
  const note = pane.locator('[data-test="note"]').filter({ hasText: NOTE });
  await note.waitFor({ timeout: UI_TIMEOUT });
  expect(await note.innerText()).toContain('Private note');
  await screenshot(a.page, 'notes-note-in-chat');

  // Bert: the Mentions tab counts it live; the list shows it unread; it opens the chat.
  await bertTabs.locator('[data-test="mentions-unread"]').filter({ hasText: '1' }).waitFor({ timeout: UI_TIMEOUT });
  await bertTabs.locator('[data-test="tab-mentions"]').click();
  const mention = bert.page.locator('[data-test="mention"]').filter({ hasText: 'Amy Agent mentioned you' });
  await mention.waitFor({ timeout: UI_TIMEOUT });
  expect(await mention.innerText()).toContain(NOTE);
  await screenshot(bert.page, 'notes-mentions-view');
  await mention.click();
  const bertPane = bert.page.getByRole('region', { name: 'Conversation', exact: true });
  await bertPane.locator('[data-test="note"]').filter({ hasText: NOTE }).waitFor({ timeout: UI_TIMEOUT });
  await bertTabs.locator('[data-test="mentions-unread"]').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await screenshot(bert.page, 'notes-mention-opened');

  // The visitor: Amy's reply after the note arrives; the note never does, even after a reload.
  const reply = 'We are on it, a new parcel is on its way.';
  await amy.send(chat.id, reply);
  await visitor.log.getByText(reply).waitFor({ timeout: UI_TIMEOUT });
  expect(await visitor.transcript()).not.toContainEqual(expect.stringContaining('refund'));
  expect(await visitor.widget.innerText()).not.toContain(NOTE);
  await visitor.page.reload();
  await visitor.open();
  await visitor.log.getByText(reply).waitFor({ timeout: UI_TIMEOUT });
  expect(await visitor.widget.innerText()).not.toContain(NOTE);
  expect((await visitor.transcript()).join('\n')).not.toContain('refund');
  await screenshot(visitor.page, 'notes-visitor-widget');
  expect(a.errors).toEqual([]);
  expect(bert.errors).toEqual([]);
}, 120_000);

// Note-only composer: a chat I may see but not reply to (here unassigned) still takes notes. Bert
// writes one without claiming; Amy, who has the same chat open, sees it arrive live.
test('an agent who may not reply leaves a private note; the colleague sees it live', async () => {
  const visitor = await DemoVisitor.arrive(browser, server.url);
  await visitor.open();
  const first = 'Is the blue jacket back in stock?';
  await visitor.send(first);
  await visitor.delivered(first);
  const chat = await chatStartedWith(amy, first);
  const c = chat.contact;
  const visitorLabel = c.name || c.username || c.email || visitorName(c.id);

  const a = await signedInPage(browser, server.url, amyEmail, PASSWORD);
  await a.page.goto(`${server.url}/chats/all/${chat.id}`);
  const amyPane = a.page.getByRole('region', { name: 'Conversation', exact: true });
  // The visitor's message carries the same generated name as the lists, not "Visitor".
  const who = amyPane.locator('.msg.in .who').first();
  await who.waitFor({ timeout: UI_TIMEOUT });
  expect(await who.innerText()).toContain(visitorLabel);

  const b = await signedInPage(browser, server.url, bertEmail, PASSWORD);
  await b.page.goto(`${server.url}/chats/all/${chat.id}`);
  const pane = b.page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.locator('.msg.in').filter({ hasText: first }).waitFor({ timeout: UI_TIMEOUT });
  const hint = pane.locator('[data-test="note-only-hint"]');
  await hint.waitFor({ timeout: UI_TIMEOUT });
  expect(await hint.innerText()).toContain('Claim this chat to reply');
  await hint.getByRole('button', { name: 'Claim Chat' }).waitFor({ timeout: UI_TIMEOUT });
  // Only the Private note tab: no Reply, no attachments.
  expect(await pane.locator('[data-test="mode-reply"]').count()).toBe(0);
  expect(await pane.getByRole('button', { name: 'Attach a file' }).count()).toBe(0);
  const box = pane.getByRole('textbox', { name: 'Private note' });
  const text = 'regular customer, the jacket ships Monday';
  await box.fill(text);
  await screenshot(b.page, 'notes-note-only-composer');
  await pane.locator('[data-test="send"]').click();
  await pane.locator('[data-test="note"]').filter({ hasText: text }).waitFor({ timeout: UI_TIMEOUT });

  const seen = amyPane.locator('[data-test="note"]').filter({ hasText: text });
  await seen.waitFor({ timeout: UI_TIMEOUT });
  expect(await seen.innerText()).toContain('Bert Buddy');
  await screenshot(a.page, 'notes-note-only-seen-live');
  // Still unassigned: the visitor got nothing.
  expect((await visitor.transcript()).join('\n')).not.toContain('jacket ships');
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
}, 120_000);
