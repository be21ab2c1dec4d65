// Two console defects of issue 17:
// 1. The console said nothing while its socket was down. Now a banner says "Reconnecting…" while
//    the socket is refused and retried (the first connection failing counts too), and "You're
//    offline — changes will sync when you're back" while the browser has no network; it goes
//    once the socket is back.
// 2. The availability control read "Available ▾" (a menu's caret) but switched at once. It is now
//    an honest switch: role="switch" with aria-checked, no caret, and it flips on click.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, newContext, signIn, watchErrors } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

let server: E2EServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let admin: { email: string; password: string };
/** While true, the page's socket attempts are closed at once (the server looks down to it). */
let refuse = false;
let sockets = 0;
/** The page's live socket (through Playwright's WebSocket route), to kill it on demand. */
let live: WebSocketRoute | null = null;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  admin = await demoLogin(server.url);
  context = await newContext(browser);
  page = await context.newPage();
  errors = watchErrors(page);
  await page.routeWebSocket('**/ws', (ws) => {
    if (refuse) return void ws.close({ code: 1011, reason: 'down' });
    sockets++;
    live = ws;
    const upstream = ws.connectToServer();
    upstream.onClose((code, reason) => void ws.close({ code, reason }));
    ws.onClose((code, reason) => void upstream.close({ code, reason }));
  });
  await page.goto(`${server.url}/login`);
  await signIn(page, admin.email, admin.password);
}, 60_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
}, 30_000);

const banner = () => page.locator('[data-test="connection-banner"]');

test('a socket that drops and is refused shows "Reconnecting…" until it is back', async () => {
  await until('the console socket up', async () => sockets, (n) => n >= 1);
  expect(await banner().count()).toBe(0);
  refuse = true;
  // Kill the live socket as a dying server would: the page's retries are refused from now on.
  await live!.close({ code: 1011, reason: 'server gone' });
  await banner().getByText('Reconnecting…', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  expect(await banner().getAttribute('role')).toBe('status');
  await screenshot(page, 'console-reconnecting-banner');
  refuse = false;
  await banner().waitFor({ state: 'detached', timeout: 20_000 });
}, 40_000);

test('without a network the banner says changes will sync; it goes when the network is back', async () => {
  await context.setOffline(true);
  await banner().getByText("You're offline — changes will sync when you're back", { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'console-offline-banner');
  await context.setOffline(false);
  await banner().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}, 30_000);

test('the availability control is a switch (no caret) that flips at once', async () => {
  const me = await new AgentApi(server.url).login(admin.email, admin.password);
  const toggle = page.getByRole('switch', { name: 'Available for new chats' });
  const before = (await toggle.getAttribute('aria-checked')) === 'true';
  expect(await toggle.textContent()).not.toContain('▾');
  expect((await toggle.textContent())?.trim()).toBe(before ? 'Available' : 'Unavailable');
  await toggle.click();
  await until('the switch flipped', () => toggle.getAttribute('aria-checked'), (v) => v === String(!before));
  expect((await toggle.textContent())?.trim()).toBe(before ? 'Unavailable' : 'Available');
  const stored = await me.call<{ user: { manualStatus: string } }>('GET', '/api/auth/me');
  expect(stored.user.manualStatus).toBe(before ? 'away' : 'available');
  await screenshot(page, 'console-availability-switch');
  await toggle.click();
  await until('the switch flipped back', () => toggle.getAttribute('aria-checked'), (v) => v === String(before));
  expect(errors).toEqual([]);
}, 30_000);
