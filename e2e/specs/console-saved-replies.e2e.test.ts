// Saved replies (issue 17.1): an admin keeps a shared reply with placeholders, an agent one of
// their own; in a chat the agent types "/", filters, picks with the keyboard, and the visitor
// receives the reply with the placeholders filled.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, VisitorApi, addMember, signedInPage, uniqueEmail } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let owner: AgentApi;
let adminEmail: string;
let agentEmail: string;
let agent: AgentApi;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  owner = await new AgentApi(server.url).signup({ orgName: 'Ridgeline Outfitters', name: 'Olive Owner', email: uniqueEmail('olive'), password: PASSWORD });
  const inbox = (await owner.teams()).find((t) => t.isDefault)!;
  adminEmail = uniqueEmail('adam');
  agentEmail = uniqueEmail('cara');
  await addMember(owner, mailbox, { email: adminEmail, name: 'Adam Admin', role: 'admin', teamIds: [inbox.id] });
  agent = await addMember(owner, mailbox, { email: agentEmail, name: 'Cara Agent', teamIds: [inbox.id] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

test('shared and personal saved replies, picked with the keyboard and sent with placeholders filled', async () => {
  // The admin keeps a shared reply under Manage › Saved replies.
  const admin = await signedInPage(browser, server.url, adminEmail, PASSWORD);
  await admin.page.goto(`${server.url}/manage/saved-replies`);
  const editor = admin.page.getByRole('form', { name: 'Saved reply' });
  await editor.getByText('Everyone (shared)').click();
  await editor.getByLabel('Shortcut').fill('welcome');
  await editor.getByLabel('Text').fill("Hi {contact.name}, I'm {agent.name} from {org.name}. How can I help?");
  await editor.getByRole('button', { name: 'Create reply' }).click();
  const sharedList = admin.page.getByRole('region', { name: 'Shared replies' });
  await sharedList.locator('tr[data-reply="welcome"]').waitFor({ timeout: UI_TIMEOUT });
  // A second one with a bad shortcut: the error sits next to the field, in words.
  await editor.getByText('Everyone (shared)').click();
  await editor.getByLabel('Shortcut').fill('two words');
  await editor.getByLabel('Text').fill('x');
  await editor.getByRole('button', { name: 'Create reply' }).click();
  await editor.getByText(/only letters, digits/i).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(admin.page, 'saved-replies-admin');
  await admin.context.close();

  // The agent adds one of their own and sees the shared one read-only.
  const { page, errors } = await signedInPage(browser, server.url, agentEmail, PASSWORD);
  await page.goto(`${server.url}/manage/saved-replies`);
  const own = page.getByRole('form', { name: 'Saved reply' });
  expect(await own.getByText('Everyone (shared)').count()).toBe(0);
  await own.getByLabel('Shortcut').fill('thanks');
  await own.getByLabel('Text').fill('Thanks for waiting, {contact.name}!');
  await own.getByRole('button', { name: 'Create reply' }).click();
  await page.getByRole('region', { name: 'My replies' }).locator('tr[data-reply="thanks"]').waitFor({ timeout: UI_TIMEOUT });
  const sharedRow = page.getByRole('region', { name: 'Shared replies' }).locator('tr[data-reply="welcome"]');
  await sharedRow.getByText('Read only').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'saved-replies-agent');

  // A visitor writes; the agent claims the chat (the visitor told us their name).
  const visitor = await new VisitorApi(server.url, owner.org!.widgetKey).start();
  const chat = await visitor.openChat();
  await visitor.say(chat.id, 'Hello, is the Ridgeline tent waterproof?');
  await agent.call('PATCH', `/api/contacts/${visitor.contactId}`, { name: 'Ada' });
  await agent.claim(chat.id);
  await page.goto(`${server.url}/chats/mine/${chat.id}`);
  const pane = page.getByRole('region', { name: 'Conversation', exact: true });
  const composer = pane.getByRole('textbox', { name: 'Message' });
  await composer.waitFor({ timeout: UI_TIMEOUT });

  // "/" opens the list above the composer with both replies; typing filters it.
  await composer.click();
  await composer.pressSequentially('/');
  const list = pane.getByRole('listbox', { name: 'Saved replies' });
  await list.waitFor({ timeout: UI_TIMEOUT });
  await until('both replies listed', () => list.getByRole('option').count(), (n) => n === 2);
  await screenshot(page, 'saved-replies-picker');
  // Esc closes it; the text stays.
  await composer.press('Escape');
  await list.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  expect(await composer.inputValue()).toBe('/');
  await composer.fill('');

  // Shortcuts starting with the query come first; texts containing it ("waiting") after.
  await composer.pressSequentially('Sure! /w');
  await until('welcome first', () => list.getByRole('option').allInnerTexts(), (t) => t.length === 2 && t[0]!.includes('/welcome'));
  await composer.pressSequentially('el');
  await until('the filter leaves one reply', () => list.getByRole('option').allInnerTexts(), (t) => t.length === 1 && t[0]!.includes('/welcome'));
  await screenshot(page, 'saved-replies-picker-filtered');
  for (let i = 0; i < 3; i++) await composer.press('Backspace'); // "/" again: both, a–z; ↓ moves to welcome
  await until('both replies listed', () => list.getByRole('option').count(), (n) => n === 2);
  const selected = () => list.locator('[aria-selected="true"]').innerText();
  expect(await selected()).toContain('/thanks');
  await composer.press('ArrowDown');
  expect(await selected()).toContain('/welcome');
  await composer.press('ArrowDown');
  expect(await selected()).toContain('/thanks');
  await composer.press('ArrowUp');
  expect(await selected()).toContain('/welcome');
  await screenshot(page, 'saved-replies-picker-selected');
  await composer.press('Enter');
  await list.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  const filled = "Sure! Hi Ada, I'm Cara Agent from Ridgeline Outfitters. How can I help?";
  expect(await composer.inputValue()).toBe(filled);
  await composer.press('Enter');
  await pane.getByText(filled).waitFor({ timeout: UI_TIMEOUT });

  // The visitor receives exactly that text.
  const got = await until('the visitor gets the reply', () => visitor.messages(chat.id), (ms) => ms.some((m) => m.author.kind === 'agent'));
  expect(got.filter((m) => m.author.kind === 'agent').map((m) => m.text)).toEqual([filled]);
  await screenshot(page, 'saved-replies-sent');
  expect(errors).toEqual([]);
}, 90_000);
