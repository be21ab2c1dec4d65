// Journey 3 (issue #7): an agent finds a contact by tag in the Contacts database, edits the
// contact's details, tags and custom fields, and reads the contact's conversation history.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, VisitorApi, holdRequests, signedInPage } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let browser: Browser;
let vipId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);

  // Three visitors chat through the widget API; one becomes the VIP this journey looks for.
  const chatWith = async (lines: string[], reply: string | null, end: boolean) => {
    const v = await new VisitorApi(server.url, admin.org!.widgetKey).start();
    const chat = await v.openChat();
    for (const line of lines) await v.say(chat.id, line);
    if (reply !== null) {
      await admin.claim(chat.id);
      await admin.send(chat.id, reply);
    }
    if (end) await admin.call('POST', `/api/chats/${chat.id}/end`);
    return { visitor: v, chat };
  };
  const vip = await chatWith(['My order #1042 never arrived.'], 'Sorry about that — I have reshipped it today.', true);
  vipId = vip.visitor.contactId;
  // The same contact comes back later: a second conversation in the history.
  await vip.visitor.say((await vip.visitor.openChat()).id, 'Thanks, it arrived!');
  const other = await chatWith(['Do you ship to Norway?'], null, false);

  await admin.call('POST', `/api/contacts/${vipId}/tags`, { tag: 'vip' });
  await admin.call('POST', `/api/contacts/${vipId}/tags`, { tag: 'reshipped' });
  await admin.call('POST', `/api/contacts/${other.visitor.contactId}/tags`, { tag: 'prospect' });
  await admin.call('POST', '/api/contacts', { name: 'Walk-in Wendy', email: 'wendy@example.test' });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a contact is found by tag, edited, and shows its conversation history', async () => {
  const { context, page, errors } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  // (Wait for the Contacts page itself: the dashboard we come from has a table of its own.)
  await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor({ timeout: UI_TIMEOUT });
  const table = page.getByRole('table');
  // All three contacts are listed first.
  await table.locator('tbody tr').nth(2).waitFor({ timeout: UI_TIMEOUT });
  expect(await table.locator('tbody tr').count()).toBe(3);
  await screenshot(page, 'console-contacts');

  // Search by tag: only the VIP remains.
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('#vip');
  await page.waitForURL(/\?q=%23vip/, { timeout: UI_TIMEOUT });
  const rows = table.locator('tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1, undefined, { timeout: UI_TIMEOUT });
  expect(await rows.first().getAttribute('data-contact-id')).toBe(vipId);
  expect(await rows.first().textContent()).toContain('#vip');
  // A tag nobody has finds nobody.
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('#nobody-has-this');
  await page.getByText('No matching contacts').waitFor({ timeout: UI_TIMEOUT });
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('tag:vip');
  await rows.first().waitFor({ timeout: UI_TIMEOUT });
  await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1, undefined, { timeout: UI_TIMEOUT });

  // Open the contact page from the row. The page shows the cached contact at once and refreshes
  // it; that refresh is held (a slow network) until the agent has started typing, and brings a
  // newer last-seen time (the visitor came back), so we can see when it has landed.
  const refresh = await holdRequests(page, `**/api/contacts/${vipId}`, (c) => ({ ...c, lastSeenAt: '2030-01-02T10:00:00.000Z' }));
  await rows.first().click();
  await page.waitForURL(`**/contacts/${vipId}`, { timeout: UI_TIMEOUT });
  await page.getByRole('heading', { name: 'Details' }).waitFor({ timeout: UI_TIMEOUT });

  // Edit the details; the first keystrokes go in before the refresh lands and must survive it.
  await page.getByLabel('Name', { exact: true }).fill('Vera Importante');
  refresh.release();
  await page.getByText(/last seen .*2030/).waitFor({ timeout: UI_TIMEOUT });
  expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Vera Importante');
  await page.getByLabel('E-mail').fill('vera@example.test');
  await page.getByLabel('Phone').fill('+44 7700 900123');
  await page.getByLabel('Status').selectOption({ label: 'Customer' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved.').waitFor({ timeout: UI_TIMEOUT });
  await page.getByRole('heading', { name: 'Vera Importante', level: 1 }).waitFor({ timeout: UI_TIMEOUT });

  // Tags: remove one, add one.
  await page.getByRole('button', { name: 'Remove tag reshipped' }).click();
  await page.getByRole('button', { name: 'Remove tag reshipped' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await page.getByRole('textbox', { name: 'New tag' }).fill('#loyal');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Remove tag loyal' }).waitFor({ timeout: UI_TIMEOUT });

  // A typed custom field.
  await page.getByRole('textbox', { name: 'New field name' }).fill('lifetime_orders');
  await page.getByRole('combobox', { name: 'New field type' }).selectOption('number');
  await page.getByRole('spinbutton', { name: 'New field value' }).fill('7');
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByRole('spinbutton', { name: 'lifetime_orders' }).waitFor({ timeout: UI_TIMEOUT });

  // History: both conversations, newest first, each opening its transcript inline.
  const items = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
  await items.nth(1).waitFor({ timeout: UI_TIMEOUT });
  expect(await items.count()).toBe(2);
  expect(await items.first().textContent()).toContain('Thanks, it arrived!');
  const older = page.getByRole('button', { name: /reshipped it today/ });
  await older.click();
  const transcript = page.getByRole('log');
  await transcript.getByText('My order #1042 never arrived.').waitFor({ timeout: UI_TIMEOUT });
  await transcript.getByText('Sorry about that — I have reshipped it today.').waitFor({ timeout: UI_TIMEOUT });
  expect(await older.textContent()).toContain('ended');
  await screenshot(page, 'console-contact');

  // Everything persisted: a fresh load shows the same contact.
  await page.reload();
  await page.getByRole('heading', { name: 'Vera Importante', level: 1 }).waitFor({ timeout: UI_TIMEOUT });
  expect(await page.getByLabel('E-mail').inputValue()).toBe('vera@example.test');
  expect(await page.getByLabel('Status').inputValue()).toBe('customer');
  expect(await page.getByRole('spinbutton', { name: 'lifetime_orders' }).inputValue()).toBe('7');
  const api = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const saved = await api.call<{ name: string; phone: string; tags: string[]; customFields: { key: string; type: string; value: unknown }[] }>('GET', `/api/contacts/${vipId}`);
  expect(saved.name).toBe('Vera Importante');
  // International numbers are stored compact, like members' phones.
  expect(saved.phone).toBe('+447700900123');
  expect([...saved.tags].sort()).toEqual(['loyal', 'vip']);
  expect(saved.customFields).toEqual([expect.objectContaining({ key: 'lifetime_orders', type: 'number', value: 7 })]);

  // The renamed contact is found by its new name, and the old tag no longer finds it.
  await page.getByRole('link', { name: '← Contacts' }).click();
  const search = page.getByRole('searchbox', { name: 'Search contacts' });
  await search.fill('Vera');
  await table.getByRole('link', { name: 'Vera Importante' }).waitFor({ timeout: UI_TIMEOUT });
  await search.fill('#reshipped');
  await page.getByText('No matching contacts').waitFor({ timeout: UI_TIMEOUT });

  expect(errors).toEqual([]);
  await context.close();
}, 30_000);
