// Keyboard shortcuts (issue 17.7): "?" opens the sheet, j / k and Alt+↓ / Alt+↑ move through the
// list, r puts the cursor in the message box, c claims — and single keys never fire while typing.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, VisitorApi, addMember, signedInPage, uniqueEmail } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let owner: AgentApi;
let agentEmail: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  owner = await new AgentApi(server.url).signup({ orgName: 'Keys Co', name: 'Olive Owner', email: uniqueEmail('olive'), password: PASSWORD });
  const inbox = (await owner.teams()).find((t) => t.isDefault)!;
  agentEmail = uniqueEmail('kai');
  await addMember(owner, mailbox, { email: agentEmail, name: 'Kai Agent', teamIds: [inbox.id] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

const openChatId = (page: Page) => {
  const parts = new URL(page.url()).pathname.split('/');
  return parts.length > 3 ? parts[3]! : null;
};

test('the shortcut sheet, moving through chats, claiming and the composer, from the keyboard', async () => {
  for (const text of ['first question', 'second question', 'third question']) {
    const v = await new VisitorApi(server.url, owner.org!.widgetKey).start();
    await v.say((await v.openChat()).id, text);
  }
  const { page, errors } = await signedInPage(browser, server.url, agentEmail, PASSWORD);
  await page.goto(`${server.url}/chats/unassigned`);
  const list = page.getByRole('region', { name: 'Chats', exact: true });
  await until('three chats listed', () => list.locator('[data-chat-id]').count(), (n) => n === 3);
  const order = await list.locator('[data-chat-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chat-id')!));

  // "?" opens the sheet; Esc closes it.
  await page.keyboard.press('Shift+Slash');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.waitFor({ timeout: UI_TIMEOUT });
  await sheet.getByText('Next chat in the list').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'keyboard-sheet');
  // While the sheet is open, j does nothing behind it.
  await page.keyboard.press('j');
  expect(openChatId(page)).toBeNull();
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached', timeout: UI_TIMEOUT });

  // j opens the first chat, j the next, k back.
  await page.keyboard.press('j');
  await until('the first chat open', async () => openChatId(page), (id) => id === order[0]);
  await page.keyboard.press('j');
  await until('the second chat open', async () => openChatId(page), (id) => id === order[1]);
  await page.keyboard.press('k');
  await until('back to the first', async () => openChatId(page), (id) => id === order[0]);
  await page.keyboard.press('Alt+ArrowDown');
  await until('Alt+↓: the second', async () => openChatId(page), (id) => id === order[1]);

  // c claims the open chat; r puts the cursor in the message box.
  const pane = page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByText('second question').waitFor({ timeout: UI_TIMEOUT });
  await pane.getByRole('button', { name: 'Claim Chat' }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('c');
  await pane.getByText('Assigned to you', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  const composer = pane.getByRole('textbox', { name: 'Message' });
  await composer.waitFor({ timeout: UI_TIMEOUT });
  expect(await composer.evaluate((el) => el === document.activeElement)).toBe(false);
  await page.keyboard.press('r');
  await until('the composer focused', () => composer.evaluate((el) => el === document.activeElement), (f) => f);
  expect(await composer.inputValue()).toBe('');

  // Typing j, k, c or ? in the composer is text, not a shortcut.
  await page.keyboard.type('jk c?');
  expect(await composer.inputValue()).toBe('jk c?');
  expect(openChatId(page)).toBe(order[1]!);
  expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
  await screenshot(page, 'keyboard-composer');

  // The claimed chat stays in Unassigned while it is open (marked yours), so the list keeps its
  // place. Alt+↑ works from the composer (it types nothing): the chat above it.
  const now = await list.locator('[data-chat-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chat-id')!));
  expect(now).toHaveLength(3);
  expect(now.indexOf(order[1]!)).toBeGreaterThan(0);
  const above = now[now.indexOf(order[1]!) - 1]!;
  await page.keyboard.press('Alt+ArrowUp');
  await until('Alt+↑ from the composer: the chat above', async () => openChatId(page), (id) => id === above);
  await pane.getByText(above === order[0] ? 'first question' : 'third question').waitFor({ timeout: UI_TIMEOUT });
  // Once left, the claimed chat leaves Unassigned. Esc leaves the composer and j works again.
  await until('the claimed chat left Unassigned', () => list.locator('[data-chat-id]').count(), (n) => n === 2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  const rest = await list.locator('[data-chat-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-chat-id')!));
  const next = rest[rest.indexOf(above) + 1];
  await until('j: the next in the list', async () => openChatId(page), (id) => id === next);
  expect(errors).toEqual([]);
}, 90_000);
