// The bot platform section of Manage → Integrations, for real: an admin creates an API key (the
// secret shows once, then only its prefix), the key works on /api/v1 until it is revoked; the
// webhook URL is refused when malformed and accepted for a local bot platform simulator, whose
// signing secret shows once; a test event arrives signed and shows as delivered in the log.
// Also the in-memory (stand-in) warning banner of the shell: this server runs the stand-in
// memory-only (PHOENIX_STANDIN_MEMORY=1; the default keeps data on disk and shows no banner).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { UI_TIMEOUT, signedInPage } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { BotSimulator } from '../simulator/simulator';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let browser: Browser;
let sim: BotSimulator;

beforeAll(async () => {
  sim = BotSimulator.start();
  // The simulator listens on 127.0.0.1: this server may call private addresses.
  [server, browser] = await Promise.all([startE2EServer({ WEBHOOK_ALLOW_PRIVATE: 'true', PHOENIX_STANDIN_MEMORY: '1' }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.stop();
});

const teamsWith = (key: string) => fetch(`${server.url}/api/v1/teams`, { headers: { authorization: `Bearer ${key}` } });

test('API keys, the webhook and its delivery log', async () => {
  const { context, page, errors } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);

  // The memory-only stand-in: admins are warned once per browser session.
  const banner = page.getByRole('status').filter({ hasText: 'Demo mode: data is kept in memory' });
  await banner.waitFor();
  expect(await banner.textContent()).toContain('Set MONGODB_URI to keep it.');
  await page.getByRole('button', { name: 'Dismiss the demo mode warning' }).click();
  await banner.waitFor({ state: 'detached' });

  await page.goto(`${server.url}/manage/integrations`);
  await page.getByRole('heading', { name: 'Bot platform (handoff API)' }).waitFor();
  expect(await banner.count()).toBe(0);
  await page.getByText('No API keys yet').waitFor();

  // Create a key: the name is required (said next to the field), the key is shown once.
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Give the key a name' }).waitFor();
  await dialog.getByLabel('Name').fill('Flow XO staging');
  await dialog.getByLabel('Requests per minute').fill('120');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const created = page.getByRole('dialog', { name: 'Your new API key' });
  await created.getByText('you won’t see it again').waitFor();
  const key = await created.getByRole('textbox', { name: 'API key' }).inputValue();
  expect(key).toMatch(/^phx_[A-Za-z0-9_-]{20,}$/);
  await created.getByRole('button', { name: 'Done' }).click();
  await created.waitFor({ state: 'hidden' });

  // From now on only the prefix is anywhere on the page.
  const row = page.getByRole('row').filter({ hasText: 'Flow XO staging' });
  expect((await row.locator('[data-test="key-prefix"]').textContent())?.trim()).toBe(`${key.slice(0, 12)}…`);
  expect(await row.textContent()).toContain('120 requests/min');
  expect(await row.textContent()).toContain('Never');
  expect(await page.content()).not.toContain(key);

  // The bot platform uses it; the list then says when it was last used.
  const ok = await teamsWith(key);
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  await page.reload();
  await row.waitFor();
  expect(await row.textContent()).not.toContain('Never');
  expect(await page.content()).not.toContain(key);

  // Webhook: the server's refusal shows next to the URL field.
  const urlField = page.getByLabel('Webhook URL');
  await urlField.fill('ftp://bots.example.com/hook');
  await page.getByRole('button', { name: 'Save URL' }).click();
  await page.getByRole('alert').filter({ hasText: 'Must use http or https' }).waitFor();
  expect(await urlField.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('button', { name: 'Send test event' }).isDisabled()).toBe(true);

  // The simulator's URL is accepted; the first URL brings a signing secret, shown once.
  await urlField.fill(sim.webhookUrl);
  await page.getByRole('button', { name: 'Save URL' }).click();
  await page.getByText('Saved. Events go to this URL from now on.').waitFor();
  const secretField = page.getByRole('textbox', { name: 'Signing secret' });
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_/);
  sim.secret = secret;
  await page.getByRole('button', { name: 'I’ve stored it' }).click();
  await secretField.waitFor({ state: 'detached' });
  expect(await page.content()).not.toContain(secret);

  // A test event goes through the real queue, signed with that secret, and turns delivered in
  // the log without a click.
  await page.getByRole('button', { name: 'Send test event' }).click();
  await page.getByText('Test event queued').waitFor();
  const received = await sim.next('webhook.test', () => true, UI_TIMEOUT);
  expect(received.payload).toMatchObject({ type: 'webhook.test', data: { message: 'Phoenix Chat webhook test' } });
  expect(sim.rejected).toEqual([]);
  const log = page.getByRole('region', { name: 'Delivery log' });
  const delivered = log.locator(`tr[data-status="delivered"]`).filter({ hasText: 'webhook.test' });
  await delivered.waitFor({ timeout: UI_TIMEOUT });
  expect(await delivered.textContent()).toContain('HTTP 204');

  await page.getByRole('heading', { name: 'Bot platform (handoff API)' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'console-integrations');

  // Its payload unfolds; the status filter narrows the log.
  await delivered.getByRole('button', { name: 'Payload' }).click();
  await log.getByText(received.eventId).first().waitFor();
  await log.getByLabel('Status').selectOption('failed');
  await log.getByText('No failed deliveries').waitFor();
  await log.getByLabel('Status').selectOption('delivered');
  await delivered.waitFor();

  // Redeliver: the same event goes out once more and is delivered again.
  await delivered.getByRole('button', { name: 'Redeliver' }).click();
  await waitFor('the redelivery', () => sim.received.filter((x) => x.eventId === received.eventId).length === 2);
  await log.locator('tr[data-status="delivered"]').filter({ hasText: 'webhook.test' }).waitFor({ timeout: UI_TIMEOUT });
  await log.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'console-integrations-log');

  // The events to send: all by default; unchecking one and saving keeps the choice.
  const events = page.locator('[data-test="webhook-events"]');
  expect(await events.locator('input[type="checkbox"]:checked').count()).toBe(6);
  await events.getByLabel(/contact\.updated/).uncheck();
  await events.getByRole('button', { name: 'Save events' }).click();
  await events.getByText('Saved.').waitFor();
  await page.reload();
  await events.locator('input[data-event="chat.ended"]').waitFor();
  expect(await events.locator('input[data-event="contact.updated"]').isChecked()).toBe(false);
  expect(await events.locator('input[type="checkbox"]:checked').count()).toBe(5);

  // Rotating the secret says until when the old one still signs.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  await page.locator('[data-test="previous-secret"]').waitFor();
  await page.getByRole('button', { name: 'I’ve stored it' }).click();
  await page.getByRole('heading', { name: 'Webhook' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'console-integrations-webhook');

  // Revoke, confirmed in the browser's dialog: the key is refused at once.
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke Flow XO staging' }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByText('No API keys yet').waitFor();
  expect((await teamsWith(key)).status).toBe(401);

  // Identity verification: the secret shows on request, and rotating replaces it.
  const identity = page.getByRole('region', { name: 'Identity verification' });
  await identity.getByRole('button', { name: 'Show secret' }).click();
  const identitySecretField = identity.getByLabel('Identity secret');
  await identitySecretField.waitFor();
  const shown = await identitySecretField.inputValue();
  expect(shown.length).toBeGreaterThanOrEqual(32);
  page.once('dialog', (d) => void d.accept());
  await identity.getByRole('button', { name: 'Rotate…' }).click();
  await page.waitForFunction((old) => (document.querySelector('input[aria-label="Identity secret"]') as HTMLInputElement | null)?.value !== old, shown);

  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
