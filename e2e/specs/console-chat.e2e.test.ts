// Journey 2 (issue #7): a visitor writes through the real widget on /demo; the agent sees the
// Unassigned badge, claims the chat, replies, uploads a file and ends the chat — and the visitor
// sees each step in the widget.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, addMember, holdRequests, newContext, signedInPage, uniqueEmail, watchErrors } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let agentEmail: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  agentEmail = uniqueEmail('cara');
  await addMember(admin, mailbox, { email: agentEmail, name: 'Cara Agent', teamIds: [inbox.id] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

test('a widget visitor is claimed, answered, sent a file and ended by an agent', async () => {
  const agent = await signedInPage(browser, server.url, agentEmail, PASSWORD);
  const { page } = agent;
  const nav = page.getByRole('navigation', { name: 'Main' });
  const unassigned = nav.getByRole('link', { name: /^Unassigned/ });
  // Nothing waiting yet: no badge.
  await unassigned.waitFor({ timeout: UI_TIMEOUT });
  expect(await unassigned.getByLabel(/chats?$/).count()).toBe(0);

  // The visitor, on the customer's site, opens the widget and writes.
  const visitorContext = await newContext(browser, { width: 1280, height: 800 });
  const site = await visitorContext.newPage();
  const siteErrors = watchErrors(site);
  await site.goto(`${server.url}/demo`);
  const widget = site.locator('phoenix-chat');
  await widget.getByRole('button', { name: 'Open chat' }).click();
  const box = widget.getByRole('textbox', { name: 'Write a message…' });
  await box.fill('Hi! Does the Ridgeline tent fit two people?');
  await box.press('Enter');
  const log = widget.getByRole('log', { name: 'Messages' });
  await log.getByText('Does the Ridgeline tent fit two people?').waitFor({ timeout: UI_TIMEOUT });

  // The agent's badge counts the waiting chat, live over the socket.
  await unassigned.getByLabel('1 chat').waitFor({ timeout: UI_TIMEOUT });
  await unassigned.click();
  const list = page.getByRole('region', { name: 'Chats', exact: true });
  const item = list.getByRole('link', { name: /Ridgeline tent/ });
  await item.click();
  const pane = page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByText('Does the Ridgeline tent fit two people?').waitFor({ timeout: UI_TIMEOUT });
  // Nobody writes to an unassigned chat: claim first.
  await pane.getByText('Claim this chat to reply.').waitFor({ timeout: UI_TIMEOUT });
  const chatId = new URL(page.url()).pathname.split('/').pop()!;
  // The capabilities refresh after the claim is held (a slow network): the agent's own chat must
  // offer the composer at once, not "assigned to you… you can read it but not reply".
  const refresh = await holdRequests(page, `**/api/chats/${chatId}`);
  await pane.getByRole('button', { name: 'Claim Chat' }).first().click();
  await pane.getByText('Assigned to you', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  const composer = pane.getByRole('textbox', { name: 'Message' });
  await composer.waitFor({ timeout: UI_TIMEOUT });
  expect(await pane.getByText(/can read it but not reply/).count()).toBe(0);
  refresh.release();
  await unassigned.getByLabel(/chats?$/).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await nav.getByRole('link', { name: /^Mine/ }).getByLabel('1 chat').waitFor({ timeout: UI_TIMEOUT });

  // Reply.
  await composer.fill('Yes — two adults and their packs, with a door each.');
  await composer.press('Enter');
  await pane.getByRole('log').getByText('two adults and their packs').waitFor({ timeout: UI_TIMEOUT });
  await log.getByText('two adults and their packs').waitFor({ timeout: UI_TIMEOUT });

  // Upload a file and send it.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pane.getByRole('button', { name: 'Attach a file' }).click()]);
  await chooser.setFiles({ name: 'ridgeline-specs.txt', mimeType: 'text/plain', buffer: Buffer.from('Ridgeline 2P\nWeight: 1.6 kg\nDoors: 2\n') });
  await pane.getByText('Ready').waitFor({ timeout: UI_TIMEOUT });
  await composer.fill('Here are the specs.');
  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  const sentFile = pane.getByRole('log').getByRole('link', { name: /ridgeline-specs\.txt/ });
  await sentFile.waitFor({ timeout: UI_TIMEOUT });
  // The link downloads the stored bytes with the agent's session.
  const href = await sentFile.getAttribute('href');
  const download = await page.request.get(new URL(href!, server.url).toString());
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain('Weight: 1.6 kg');
  // The visitor gets the file in the widget.
  await log.getByRole('button', { name: /ridgeline-specs\.txt/ }).waitFor({ timeout: UI_TIMEOUT });

  // The chat now lives in Mine, its preview showing the last message.
  await nav.getByRole('link', { name: /^Mine/ }).click();
  await list.getByRole('link', { name: /Cara Agent: Here are the specs\./ }).click();
  await pane.getByRole('log').getByRole('link', { name: /ridgeline-specs\.txt/ }).waitFor({ timeout: UI_TIMEOUT });
  // The contact panel's assignment history records the claim, by the agent.
  await pane.getByText('Cara Agent claimed it').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'console-inbox-chat');

  // End the chat (the console asks for confirmation).
  page.once('dialog', (d) => void d.accept());
  await pane.getByRole('button', { name: 'End Chat' }).click();
  await pane.getByText('This chat has ended.').waitFor({ timeout: UI_TIMEOUT });
  await nav.getByRole('link', { name: /^Mine/ }).getByLabel(/chats?$/).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  // The visitor sees the end, and may start over.
  await widget.getByText('This chat has ended.').waitFor({ timeout: UI_TIMEOUT });
  await widget.getByRole('button', { name: 'Start a new chat' }).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(site, 'widget-ended');

  // …and the history records the end.
  await pane.getByText('Cara Agent ended it').waitFor({ timeout: UI_TIMEOUT });

  expect(agent.errors).toEqual([]);
  expect(siteErrors).toEqual([]);
  await visitorContext.close();
  await agent.context.close();
}, 30_000);
