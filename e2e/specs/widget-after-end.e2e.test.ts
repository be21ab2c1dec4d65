// Issue 18 items 5 and 6 in a real Chromium: the visitor chats on /demo, the agent ends the
// chat, the visitor rates it in the widget → the rating shows in the console (the chat's contact
// panel, the dashboard's per-agent table); the visitor asks for the transcript, gives their
// e-mail (the contact has none) → the mail arrives in the test mailbox with the conversation.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { ReportsDto } from '../../shared/types/dashboard';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, addMember, signedInPage, uniqueEmail } from '../helpers/console';
import { decodeMail, startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { DemoVisitor, chatStartedWith } from '../helpers/widget';

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let admin: AgentApi;
let adminLogin: { email: string; password: string };
let jonas: AgentApi;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  adminLogin = await demoLogin(server.url);
  admin = await new AgentApi(server.url).login(adminLogin.email, adminLogin.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  await admin.updateTeam(inbox.id, { schedule: null, assignmentStrategy: 'none', unresponsiveStrategy: 'none' });
  jonas = await addMember(admin, mailbox, { email: uniqueEmail('jonas'), name: 'Jonas Agent', teamIds: [inbox.id] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

test('after the end the visitor rates the chat and gets the transcript by e-mail; the console shows the rating', async () => {
  const visitor = await DemoVisitor.arrive(browser, server.url);
  const { widget, log } = visitor;
  await visitor.open();
  const first = 'Hello, can I change the delivery address of order 1042?';
  await visitor.send(first);
  await visitor.delivered(first);

  const chat = await chatStartedWith(jonas, first);
  await jonas.claim(chat.id);
  const reply = 'Yes, I have changed it to the new address.';
  await jonas.send(chat.id, reply);
  await log.getByText(reply).waitFor({ timeout: UI_TIMEOUT });
  await jonas.call('POST', `/api/chats/${chat.id}/end`);

  // The ended chat offers the rating row and the transcript button.
  await widget.getByText('This chat has ended.').waitFor({ timeout: UI_TIMEOUT });
  const stars = widget.getByRole('group', { name: 'How was this chat?' });
  await stars.waitFor({ timeout: UI_TIMEOUT });
  expect(await stars.getByRole('button').count()).toBe(5);
  await screenshot(visitor.page, 'widget-after-end');

  await widget.getByRole('button', { name: 'Rate 4 out of 5' }).click();
  expect(await widget.getByRole('button', { name: 'Rate 4 out of 5' }).getAttribute('aria-pressed')).toBe('true');
  await widget.getByRole('textbox', { name: 'Comment (optional)' }).fill('Quick and friendly');
  await screenshot(visitor.page, 'widget-after-end-rating');
  await widget.getByRole('button', { name: 'Send rating' }).click();
  await widget.getByText('Thanks for your rating!').waitFor({ timeout: UI_TIMEOUT });

  // No e-mail on the contact: the widget asks for it, then sends.
  await widget.getByRole('button', { name: 'Send me the transcript' }).click();
  const address = uniqueEmail('visitor');
  await widget.getByRole('textbox', { name: 'Your e-mail address' }).fill(address);
  await widget.getByRole('button', { name: 'Send me the transcript' }).click();
  await widget.getByText(`The transcript is on its way to ${address}.`).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(visitor.page, 'widget-after-end-done');
  const mail = decodeMail((await mailbox.waitFor(address, /Jonas Agent: /)).raw);
  expect(mail).toContain(`You: ${first}`);
  expect(mail).toContain(`Jonas Agent: ${reply}`);
  expect(visitor.errors).toEqual([]);
  await visitor.close();

  // The console: the chat's contact panel and the dashboard's per-agent table.
  const { context, page, errors } = await signedInPage(browser, server.url, adminLogin.email, adminLogin.password);
  try {
    await page.goto(`${server.url}/chats/all/${chat.id}`);
    const rating = page.locator('[data-test="chat-rating"]');
    await rating.waitFor({ timeout: UI_TIMEOUT });
    expect(await rating.getByLabel('4 out of 5 stars').count()).toBe(1);
    expect(await rating.textContent()).toContain('Quick and friendly');
    await screenshot(page, 'console-chat-rating');

    const reports = await admin.call<ReportsDto>('GET', '/api/dashboard/reports');
    const row = reports.agents.find((a) => a.agent.name === 'Jonas Agent');
    expect(row?.rating).toEqual({ count: 1, average: 4 });
    await page.goto(`${server.url}/`);
    const table = page.getByTestId('agent-table');
    await table.waitFor({ timeout: UI_TIMEOUT });
    const cells = table.locator('tr[data-agent="Jonas Agent"] td');
    await page.waitForFunction(() => document.querySelector('[data-testid="agent-table"] tr[data-agent="Jonas Agent"] td:nth-child(6)') !== null, undefined, { timeout: UI_TIMEOUT });
    expect((await cells.nth(5).textContent())?.trim()).toBe('4.0 (1)');
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-rating');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 60_000);
