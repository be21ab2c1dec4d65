// First smoke: the product as `npm start` serves it, in a real Chromium.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { newContext, signIn, watchErrors } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2EServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('/health names the database backend', async () => {
  const res = await fetch(`${server.url}/health`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.status).toBe('ok');
  expect(body.database.backend).toBe('standin');
  // `npm start`'s default: the stand-in keeps its data on disk, so the console shows no warning.
  expect(body.database.inMemoryOnly).toBe(false);
  expect(body.bus).toEqual({ kind: 'local', status: 'up' });
  expect(typeof body.version).toBe('string');
});

test('/widget.js is JavaScript', async () => {
  const res = await fetch(`${server.url}/widget.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/javascript/);
});

test('/demo shows the widget launcher', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo`);
  expect(await page.locator('#snippet').textContent()).toContain('data-org="pk_');
  const launcher = page.locator('phoenix-chat').locator('button[aria-label]').first();
  await launcher.waitFor({ state: 'visible', timeout: 10_000 });
  await screenshot(page, 'demo');
  await page.close();
});

test('/docs lays out the API from the OpenAPI document, with its script and style as files', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/docs`);
  // One section per tag, one entry per operation, responses included.
  await page.locator('h2', { hasText: 'chats' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.locator('main > details').count()).toBeGreaterThan(50);
  expect(await page.locator('summary', { hasText: 'Response 200' }).count()).toBeGreaterThan(20);
  expect(await page.locator('nav a').count()).toBeGreaterThan(5);
  await screenshot(page, 'docs');
  expect(errors).toEqual([]);
  await page.close();
});

test('/ shows the console login page', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.getByLabel(/e-?mail/i).first().waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.getByLabel(/password/i).first().isVisible()).toBe(true);
  await screenshot(page, 'console-login');
  await page.close();
});

test('the console works at 1280 px and on a tablet', async () => {
  for (const [name, viewport] of [
    ['console-1280', { width: 1280, height: 800 }],
    ['console-tablet', { width: 820, height: 1180 }],
  ] as const) {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/login`);
    const demo = await demoLogin(server.url);
    await signIn(page, demo.email, demo.password);
    // The live-chat views stay reachable from the (possibly icon-only) menu.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /Unassigned/ }).click();
    await page.getByRole('region', { name: 'Chats', exact: true }).waitFor();
    // Nothing spills sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, name);
    expect(errors).toEqual([]);
    await context.close();
  }
}, 30_000);
