// Issue 15 item 15 and issue 16 item 8 in the console: an admin picks an API key's scopes when
// creating it and sees them per key (the key is then refused outside them); the invite form
// keeps role and teams after a send, so inviting several people to one team is one field each.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { UI_TIMEOUT, signedInPage, uniqueEmail } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

let ADMIN: { email: string; password: string };
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer({ PHOENIX_STANDIN_MEMORY: '1' }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const v1 = (key: string, path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });

test('API key scopes are chosen at creation, listed per key, and enforced', async () => {
  const { context, page, errors } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${server.url}/manage/integrations`);
  await page.getByRole('heading', { name: 'Bot platform (handoff API)' }).waitFor({ timeout: UI_TIMEOUT });

  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Contacts sync');
  // Every scope is ticked to begin with; none at all is refused next to the boxes.
  const boxes = dialog.locator('input[data-scope]');
  expect(await boxes.count()).toBeGreaterThanOrEqual(4);
  for (const name of ['Chats', 'Contacts', 'Members', 'Login links']) expect(await dialog.getByRole('checkbox', { name: new RegExp(`^${name}`) }).isChecked()).toBe(true);
  for (const box of await boxes.all()) {
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
  }
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Pick at least one' }).waitFor();
  await dialog.getByRole('checkbox', { name: /^Contacts/ }).check();
  await screenshot(page, 'console-api-key-scopes-dialog');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const created = page.getByRole('dialog', { name: 'Your new API key' });
  const key = await created.getByRole('textbox', { name: 'API key' }).inputValue();
  await created.getByRole('button', { name: 'Done' }).click();
  await created.waitFor({ state: 'hidden' });

  const row = page.getByRole('row').filter({ hasText: 'Contacts sync' });
  expect((await row.locator('[data-test="key-scopes"]').textContent())?.trim()).toBe('Contacts');

  // A key with every scope lists as "All".
  await page.getByRole('button', { name: 'Create API key' }).click();
  await dialog.getByLabel('Name').fill('Everything');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await created.getByRole('button', { name: 'Done' }).click();
  const allRow = page.getByRole('row').filter({ hasText: 'Everything' });
  expect((await allRow.locator('[data-test="key-scopes"]').textContent())?.trim()).toBe('All');
  await page.getByRole('heading', { name: 'API keys' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'console-api-key-scopes-list');

  const refused = await v1(key, '/api/v1/teams');
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { code: string; details: unknown } }).error).toMatchObject({ code: 'SCOPE_MISSING', details: { scope: 'members' } });
  expect((await v1(key, '/api/v1/contacts/000000000000000000000000')).status).toBe(404);

  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

test('the invite form keeps role and teams after a send', async () => {
  const { context, page, errors } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${server.url}/manage/members`);
  await page.getByRole('heading', { name: 'Invite a member' }).waitFor({ timeout: UI_TIMEOUT });
  await page.getByLabel('E-mail').fill(uniqueEmail('first'));
  await page.getByLabel('Role').selectOption({ label: 'Supervisor' });
  await page.getByRole('checkbox', { name: 'Inbox' }).check();
  await page.getByRole('button', { name: 'Invite Member' }).click();
  await page.getByText('Invitation sent.').waitFor({ timeout: UI_TIMEOUT });
  expect(await page.getByLabel('E-mail').inputValue()).toBe('');
  expect(await page.getByLabel('Role').inputValue()).toBe('supervisor');
  expect(await page.getByRole('checkbox', { name: 'Inbox' }).isChecked()).toBe(true);
  await screenshot(page, 'console-invite-keeps-role');
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
