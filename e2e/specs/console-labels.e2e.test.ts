// Chat labels (issue 17.8): one agent labels a chat in its header; another agent, with the list
// open, sees the label appear on the list item live and filters the inbox by it.
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
let aliceEmail: string;
let bobEmail: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  owner = await new AgentApi(server.url).signup({ orgName: 'Label Works', name: 'Olive Owner', email: uniqueEmail('olive'), password: PASSWORD });
  const inbox = (await owner.teams()).find((t) => t.isDefault)!;
  aliceEmail = uniqueEmail('alice');
  bobEmail = uniqueEmail('bob');
  await addMember(owner, mailbox, { email: aliceEmail, name: 'Alice Agent', teamIds: [inbox.id] });
  await addMember(owner, mailbox, { email: bobEmail, name: 'Bob Agent', teamIds: [inbox.id] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

test('a label put on by one agent shows in the other agent’s list live, and filters it', async () => {
  const visitors = await Promise.all(['My invoice is wrong', 'Where is my order?'].map(async (text) => {
    const v = await new VisitorApi(server.url, owner.org!.widgetKey).start();
    const chat = await v.openChat();
    await v.say(chat.id, text);
    return chat;
  }));
  const [billing, shipping] = visitors as [(typeof visitors)[0], (typeof visitors)[0]];

  const bob = await signedInPage(browser, server.url, bobEmail, PASSWORD);
  await bob.page.goto(`${server.url}/chats/all`);
  const bobList = bob.page.getByRole('region', { name: 'Chats', exact: true });
  await bobList.locator(`[data-chat-id="${billing.id}"]`).waitFor({ timeout: UI_TIMEOUT });
  await bobList.locator(`[data-chat-id="${shipping.id}"]`).waitFor({ timeout: UI_TIMEOUT });

  // Alice labels the billing chat from its header ("Billing " is stored as "billing").
  const alice = await signedInPage(browser, server.url, aliceEmail, PASSWORD);
  await alice.page.goto(`${server.url}/chats/all/${billing.id}`);
  const pane = alice.page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByRole('button', { name: '+ Label' }).click();
  const input = pane.getByRole('combobox', { name: 'Add a label' }).or(pane.getByRole('textbox', { name: 'Add a label' }));
  await input.fill('Billing ');
  await input.press('Enter');
  const labels = pane.getByRole('group', { name: 'Chat labels' });
  await labels.locator('[data-label="billing"]').waitFor({ timeout: UI_TIMEOUT });
  await pane.getByRole('button', { name: '+ Label' }).click();
  await input.fill('urgent');
  await input.press('Enter');
  await labels.locator('[data-label="urgent"]').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(alice.page, 'labels-editor');

  // Bob's list shows them on the item without a reload (chat.updated over the socket).
  const bobItem = bobList.locator(`[data-chat-id="${billing.id}"]`);
  await bobItem.locator('[data-label="billing"]').waitFor({ timeout: UI_TIMEOUT });
  await bobItem.locator('[data-label="urgent"]').waitFor({ timeout: UI_TIMEOUT });
  expect(await bobList.locator(`[data-chat-id="${shipping.id}"] [data-label]`).count()).toBe(0);
  await screenshot(bob.page, 'labels-list-live');

  // Bob filters by the label: only the billing chat is left; the URL keeps the filter.
  const filter = bob.page.getByLabel('Label', { exact: true });
  await until('the filter offers billing', () => filter.locator('option').allInnerTexts(), (t) => t.includes('billing'));
  await filter.selectOption('billing');
  await until('only the billing chat', () => bobList.locator('[data-chat-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chat-id'))), (ids) => ids.length === 1 && ids[0] === billing.id);
  expect(new URL(bob.page.url()).searchParams.get('label')).toBe('billing');
  await screenshot(bob.page, 'labels-filtered');

  // Alice takes "billing" off: the chat leaves Bob's filtered list live.
  await labels.getByRole('button', { name: 'Remove label billing' }).click();
  await labels.locator('[data-label="billing"]').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await bobList.locator(`[data-chat-id="${billing.id}"]`).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await bobList.getByText('No open chats carry the label').waitFor({ timeout: UI_TIMEOUT });

  // Clearing the filter brings both back.
  await bob.page.getByRole('button', { name: 'Clear' }).click();
  await bobList.locator(`[data-chat-id="${shipping.id}"]`).waitFor({ timeout: UI_TIMEOUT });
  await bobList.locator(`[data-chat-id="${billing.id}"] [data-label="urgent"]`).waitFor({ timeout: UI_TIMEOUT });
  expect([...alice.errors, ...bob.errors]).toEqual([]);
}, 90_000);
