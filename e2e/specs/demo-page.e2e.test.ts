// Issue #15 item 17 in the console: the demo organization's owner switches /demo off under
// Integrations; /demo then answers 404 with no login on it, and the password it published stops
// working. Other organizations have no such switch.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, signedInPage, uniqueEmail } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

const canLogin = async (email: string, password: string) =>
  (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).status;

test('another organization has no demo page switch', async () => {
  const email = uniqueEmail('other-owner');
  await new AgentApi(server.url).signup({ orgName: 'Other Co', name: 'Otto Owner', email, password: PASSWORD });
  const { context, page, errors } = await signedInPage(browser, server.url, email, PASSWORD);
  await page.goto(`${server.url}/manage/integrations`);
  await page.getByRole('heading', { name: 'Identity verification' }).waitFor({ timeout: UI_TIMEOUT });
  expect(await page.getByRole('heading', { name: 'Demo page' }).count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
}, 30_000);

test('the demo owner switches /demo off: a 404, no login shown, the published password dead; and on again', async () => {
  const published = await demoLogin(server.url);
  const { context, page, errors } = await signedInPage(browser, server.url, published.email, published.password);
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${server.url}/manage/integrations`);
  const card = page.getByRole('region', { name: 'Demo page' });
  await card.waitFor({ timeout: UI_TIMEOUT });
  expect(await card.locator('[data-test="demo-password"]').textContent()).toBe(published.password);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'demo-page-on');

  await card.getByRole('button', { name: 'Switch /demo off' }).click();
  const notice = card.locator('[data-test="demo-replaced-password"]');
  await notice.waitFor({ timeout: UI_TIMEOUT });
  const replaced = (await notice.locator('.mono').textContent())!.trim();
  expect(replaced).not.toBe(published.password);
  expect(await card.getByRole('status').textContent()).toContain('Off');
  await screenshot(page, 'demo-page-off');

  // The visitor's view: a short "not found" page, nothing of the demo.
  const visitor = await context.newPage();
  const res = await visitor.goto(`${server.url}/demo`);
  expect(res!.status()).toBe(404);
  await visitor.getByRole('heading', { name: 'No demo here' }).waitFor({ timeout: UI_TIMEOUT });
  const html = await visitor.content();
  expect(html).not.toContain(published.password);
  expect(html).not.toContain(published.email);
  expect(await visitor.locator('phoenix-chat').count()).toBe(0);
  await screenshot(visitor, 'demo-page-404');
  await visitor.close();
  expect(await canLogin(published.email, published.password)).toBe(401);
  expect(await canLogin(published.email, replaced)).toBe(200);

  // On again: a new password, which the card and /demo show.
  await card.getByRole('button', { name: 'Switch /demo on' }).click();
  const shown = card.locator('[data-test="demo-password"]');
  await shown.waitFor({ timeout: UI_TIMEOUT });
  const again = await demoLogin(server.url);
  expect(await shown.textContent()).toBe(again.password);
  expect(again.password).not.toBe(replaced);
  expect(await canLogin(again.email, again.password)).toBe(200);
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
