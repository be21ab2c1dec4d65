// Issue 17.9: the console at tablet width (768 px): teams each with their own icon, badges beside
// (not over) the icons, the contact panel beside the conversation without covering it, the
// contacts table scrolling instead of being clipped. Screenshots in e2e/artifacts/console-tablet-*.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, newContext, signIn } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { chatStartedWith } from '../helpers/widget';

let server: E2EServer;
let browser: Browser;
let ADMIN: { email: string; password: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

const box = async (page: import('playwright-core').Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test('768 px: teams, badges, the contact panel and the contacts table', async () => {
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  for (const name of ['Sales', 'Billing']) await admin.call('POST', '/api/teams', { name }).catch(() => undefined);
  const site = await (await newContext(browser, { width: 1280, height: 800 })).newPage();
  await site.goto(`${server.url}/demo`);
  const widget = site.locator('phoenix-chat');
  await widget.getByRole('button', { name: 'Open chat' }).click();
  await widget.getByRole('textbox', { name: 'Write a message…' }).fill('Tablet check');
  await widget.getByRole('textbox', { name: 'Write a message…' }).press('Enter');
  const chat = await chatStartedWith(admin, 'Tablet check');

  const context = await newContext(browser, { width: 768, height: 1024 });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`${server.url}/chats/all/${chat.id}`);
  const pane = page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByText('Tablet check').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'console-tablet-chat');

  // Every team its own icon (initials), not one shared glyph.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const teamIcons = await nav.locator('[data-team-icon]').allTextContents();
  expect(teamIcons.length).toBeGreaterThanOrEqual(3);
  expect(new Set(teamIcons).size).toBe(teamIcons.length);

  // Badges sit beside the icons, never over them.
  for (const link of await nav.getByRole('link').all()) {
    const badge = link.locator('.badge, [data-badge]').first();
    const icon = link.locator('svg, [data-team-icon]').first();
    if ((await badge.count()) === 0 || (await icon.count()) === 0 || !(await badge.isVisible())) continue;
    const [b, i] = [(await badge.boundingBox())!, (await icon.boundingBox())!];
    expect(b.x >= i.x + i.width || b.x + b.width <= i.x || b.y >= i.y + i.height || b.y + b.height <= i.y).toBe(true);
  }

  // The contact panel, opened, does not cover the conversation.
  const info = page.getByRole('button', { name: /contact/i }).first();
  if (await info.isVisible()) await info.click();
  const panel = page.locator('aside').filter({ hasText: /Visitor|E-mail/ }).first();
  if (await panel.isVisible()) {
    const convo = await box(page, '.convo');
    const side = (await panel.boundingBox())!;
    expect(side.x).toBeGreaterThanOrEqual(convo.x + convo.width - 1);
  }
  await screenshot(page, 'console-tablet-contact-panel');

  // The contacts table scrolls inside its card instead of being cut off.
  await page.goto(`${server.url}/contacts`);
  await page.locator('table').first().waitFor({ timeout: UI_TIMEOUT });
  const overflow = await page.evaluate(() => {
    const table = document.querySelector('table')!;
    const scroller = table.parentElement!;
    return { page: document.documentElement.scrollWidth <= window.innerWidth + 1, scrolls: scroller.scrollWidth <= scroller.clientWidth + 1 || getComputedStyle(scroller).overflowX === 'auto' };
  });
  expect(overflow).toEqual({ page: true, scrolls: true });
  await screenshot(page, 'console-tablet-contacts');
}, 90_000);
