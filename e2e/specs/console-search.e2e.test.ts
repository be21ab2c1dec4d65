// Chat search in the inbox (issue 17 item 3): by words of a message (the match highlighted in a
// snippet), by a contact's e-mail, and by label through the filters.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, VisitorApi, signedInPage, uniqueEmail } from '../helpers/console';
import { startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

let server: E2EServer;
let browser: Browser;
let owner: AgentApi;
let ownerEmail: string;
const chats: Record<string, string> = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  ownerEmail = uniqueEmail('sally');
  owner = await new AgentApi(server.url).signup({ orgName: 'Search Works', name: 'Sally Search', email: ownerEmail, password: PASSWORD });
  const seed: [string, string, string | null, string | null][] = [
    ['invoice', 'My invoice shows the wrong amount', 'ines.moreau@example.test', null],
    ['parcel', 'Where is my parcel? It is late', 'pavel.okafor@example.test', 'shipping'],
    ['login', 'I cannot log in to my account', null, 'shipping'],
  ];
  for (const [key, text, email, label] of seed) {
    const visitor = await new VisitorApi(server.url, owner.org!.widgetKey).start();
    const chat = await visitor.openChat();
    await visitor.say(chat.id, text);
    if (email) await owner.call('PATCH', `/api/contacts/${chat.contactId}`, { email, name: email.split('@')[0]!.replace('.', ' ') });
    if (label) await owner.call('POST', `/api/chats/${chat.id}/labels`, { label });
    chats[key] = chat.id;
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

test('search by message text and by contact e-mail, filter by label', async () => {
  const { page, errors } = await signedInPage(browser, server.url, ownerEmail, PASSWORD);
  await page.goto(`${server.url}/chats/all`);
  await page.locator('[data-test="tab-search"]').click();
  const input = page.locator('[data-test="search-input"]');
  const hitIds = () => page.locator('[data-test="search-hit"]').evaluateAll((els) => els.map((e) => (e.getAttribute('href') ?? '').split('/').pop()));

  // Words of a message (stemmed: "invoices" finds "invoice"), highlighted in the snippet.
  await input.fill('invoices');
  await until('the invoice chat', hitIds, (ids) => ids.length === 1 && ids[0] === chats.invoice);
  const hit = page.locator('[data-test="search-hit"]').first();
  expect(await hit.locator('mark').allInnerTexts()).toEqual(['invoice']);
  expect(await hit.innerText()).toContain('Message:');
  await screenshot(page, 'search-message-text');

  // A contact's e-mail.
  await input.fill('pavel.okafor@example.test');
  await until('the parcel chat', hitIds, (ids) => ids.length === 1 && ids[0] === chats.parcel);
  expect(await page.locator('[data-test="search-hit"]').first().innerText()).toContain('Contact:');
  await screenshot(page, 'search-contact-email');

  // No words, a label filter: the two shipping chats, newest first; then the other sort.
  await input.fill('');
  const labelSelect = page.locator('[data-test="search-label"]');
  await until('the label filter offers shipping', () => labelSelect.locator('option').allInnerTexts(), (t) => t.includes('shipping'));
  await labelSelect.selectOption('shipping');
  await until('the shipping chats, newest first', hitIds, (ids) => JSON.stringify(ids) === JSON.stringify([chats.login, chats.parcel]));
  await page.locator('[data-test="search-sort"]').selectOption('waiting');
  await until('the shipping chats, longest waiting first', hitIds, (ids) => JSON.stringify(ids) === JSON.stringify([chats.parcel, chats.login]));
  // Words and a label together.
  await input.fill('late');
  await until('only the late parcel', hitIds, (ids) => ids.length === 1 && ids[0] === chats.parcel);
  await screenshot(page, 'search-label-filter');

  // A result opens the chat beside the results.
  await page.locator('[data-test="search-hit"]').first().click();
  await page.getByRole('region', { name: 'Conversation', exact: true }).getByText('Where is my parcel? It is late').waitFor({ timeout: UI_TIMEOUT });
  await page.locator('[data-test="search-hit"]').first().waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'search-opened');
  expect(errors).toEqual([]);
}, 90_000);
