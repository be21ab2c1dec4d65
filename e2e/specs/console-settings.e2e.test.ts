// The remaining main screens of the console, each exercised once for real (a change saved and
// observed where it matters) and captured for the screenshots: login, profile,
// availability and integrations.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { MemberDto, WidgetConfigDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, newContext, signIn, watchErrors } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('profile, availability and integrations save what the admin sets', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const api = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const me = async () => (await api.call<{ user: MemberDto }>('GET', '/api/auth/me')).user;

  // Login: a deep link survives the sign-in.
  await page.goto(`${server.url}/manage/profile`);
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/manage/profile');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await screenshot(page, 'console-login');
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.waitForURL(/\/manage\/profile$/);

  // Profile: rename and add a phone; the navigation shows the new name.
  await page.getByLabel('Name').fill('Dana Owner');
  await page.getByLabel('Mobile phone').fill('+44 7700 900456');
  await page.getByRole('checkbox', { name: /Send me an SMS/ }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByText('Dana Owner').waitFor();
  await screenshot(page, 'console-profile');
  const afterProfile = await me();
  expect(afterProfile.name).toBe('Dana Owner');
  expect(afterProfile.phone).toBe('+447700900456') // stored in E.164;
  expect(afterProfile.notifications.sms).toBe(true);

  // Availability: go Away, and set working hours.
  await page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'My availability' }).click();
  const status = page.getByRole('radiogroup', { name: 'Status' });
  await status.getByRole('radio', { name: /Away/ }).click();
  await status.getByRole('radio', { name: /Away/, checked: true }).waitFor();
  // The sidebar's availability switch follows (an honest switch now: off = no new chats).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('switch', { name: 'Available for new chats', checked: false }).waitFor();
  await page.getByRole('checkbox', { name: 'Only assign me chats during set hours' }).check();
  await page.getByLabel('Time zone').selectOption('Europe/London');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await page.getByText('Saved.').waitFor();
  await screenshot(page, 'console-availability');
  const afterHours = await me();
  expect(afterHours.manualStatus).toBe('away');
  expect(afterHours.schedule?.timezone).toBe('Europe/London');
  expect(Object.values(afterHours.schedule?.weekly ?? {}).flat().length).toBeGreaterThan(0);

  // Integrations: the embed code carries this organization's key; a new widget title reaches
  // the real widget on the customer's site.
  await page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Integrations' }).click();
  const snippet = page.getByRole('textbox', { name: 'Embed code' });
  await snippet.waitFor();
  expect(await snippet.inputValue()).toContain(`data-org="${api.org!.widgetKey}"`);
  await page.getByLabel('Title').fill('Acme trail help');
  await page.getByRole('button', { name: 'Save widget', exact: true }).click();
  await page.getByText('Saved. Sites pick it up on the next page load.').waitFor();
  await screenshot(page, 'console-integrations');
  const config = (await (await fetch(`${server.url}/api/widget/config?org=${api.org!.widgetKey}`)).json()) as WidgetConfigDto;
  expect(config.widget.title).toBe('Acme trail help');
  const site = await context.newPage();
  await site.goto(`${server.url}/demo`);
  await site.locator('phoenix-chat').getByRole('button', { name: 'Open chat' }).click();
  await site.locator('phoenix-chat').getByRole('heading', { name: 'Acme trail help' }).waitFor({ timeout: UI_TIMEOUT });

  expect(errors).toEqual([]);
  await context.close();
}, 30_000);
