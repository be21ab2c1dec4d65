// Issue 17.6: sound and desktop notifications that work.
// - The chime's AudioContext is made inside the first click of the session: a chat assigned
//   before any click logs no "AudioContext was not allowed to start" (nothing is created then),
//   and after one click the chime plays. The browser is launched with Chromium's real autoplay
//   policy (Playwright turns it off by default).
// - Desktop notification permission is asked from Profile's button, not on load.
// - A chat assigned while the tab is in the background raises a notification whose click
//   brings the tab forward and opens the chat. `window.Notification` is stubbed in the page
//   (headless Chromium shows none): the test asserts the constructor was called and calls its
//   onclick.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, newContext } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { chatStartedWith } from '../helpers/widget';

let server: E2EServer;
let browser: Browser;
let ADMIN: { email: string; password: string };

beforeAll(async () => {
  const executablePath = chromiumPath();
  [server, browser] = await Promise.all([
    startE2EServer(),
    chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      ignoreDefaultArgs: ['--autoplay-policy=no-user-gesture-required'],
    }),
  ]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

/**
 * Records `new Notification(...)`, permission requests and chimes played (oscillators); the tab
 * reports no focus (in the background). `granted`: permission given earlier (another visit).
 */
const STUB = (granted: boolean) => {
  const w = window as unknown as { __notes: { title: string; body: string; n: { onclick: (() => void) | null } }[]; __asked: number; __tones: number };
  w.__notes = [];
  w.__asked = 0;
  w.__tones = 0;
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.__tones++;
    return createOscillator.call(this);
  };
  let permission: NotificationPermission = granted ? 'granted' : 'default';
  class FakeNotification {
    onclick: (() => void) | null = null;
    constructor(title: string, opts: { body?: string } = {}) {
      w.__notes.push({ title, body: opts.body ?? '', n: this });
    }
    close() {}
    static get permission() {
      return permission;
    }
    static requestPermission() {
      w.__asked++;
      permission = 'granted';
      return Promise.resolve(permission);
    }
  }
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
  document.hasFocus = () => false;
};

/**
 * A console signed in through its cookie, not the login form: no click has happened in it yet
 * (Chromium keeps a click's activation across same-origin navigations).
 */
async function consoleWithoutClicks(admin: AgentApi, granted: boolean) {
  const context = await newContext(browser);
  await context.addInitScript(STUB, granted);
  const [name, value] = admin.sessionCookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  return { page, logs };
}

const refusals = (logs: string[]) => logs.filter((l) => /AudioContext was not allowed to start/.test(l));

test('Profile asks for the notification permission from its button, not on load', async () => {
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const { page } = await consoleWithoutClicks(admin, false);
  await page.goto(`${server.url}/manage/profile`);
  const enable = page.getByRole('button', { name: 'Enable desktop notifications' });
  await enable.waitFor({ timeout: UI_TIMEOUT });
  expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
  expect(await page.getByLabel('Repeat the sound until I open the chat').isChecked()).toBe(true);
  await screenshot(page, 'console-notifications-profile');
  await enable.click();
  await page.getByText('Desktop notifications are on for this browser.').waitFor({ timeout: UI_TIMEOUT });
  expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
}, 60_000);

test('no autoplay refusal, one click unlocks the chime; the notification of an assigned chat opens it', async () => {
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  await admin.updateTeam(inbox.id, { assignmentStrategy: 'round_robin' });
  await admin.setStatus('available');
  const { page, logs } = await consoleWithoutClicks(admin, true);
  await page.goto(`${server.url}/chats/unassigned`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });

  // A visitor writes; routing assigns the chat to the admin (online, available).
  const site = await (await newContext(browser, { width: 1280, height: 800 })).newPage();
  await site.goto(`${server.url}/demo`);
  const widget = site.locator('phoenix-chat');
  await widget.getByRole('button', { name: 'Open chat' }).click();
  const box = widget.getByRole('textbox', { name: 'Write a message…' });
  await box.fill('Do you ship to Norway?');
  await box.press('Enter');
  const chat = await chatStartedWith(admin, 'Do you ship to Norway?');

  const note = await page.waitForFunction(() => (window as unknown as { __notes: { title: string }[] }).__notes[0]?.title ?? null, null, { timeout: UI_TIMEOUT });
  expect(await note.jsonValue()).toBe('New chat assigned to you');
  expect((await admin.chat(chat.id)).chat.assigneeId).toBe(admin.user!.id);
  // Ringing before any click: no audio is attempted, so Chromium has nothing to refuse.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Mine/ }).getByLabel('1 chat').waitFor({ timeout: UI_TIMEOUT });
  expect(refusals(logs)).toEqual([]);
  // One click anywhere unlocks it: the repeating chime plays from then on.
  await page.getByRole('heading').first().click();
  await page.waitForFunction(() => (window as unknown as { __tones: number }).__tones > 0, null, { timeout: UI_TIMEOUT });
  expect(refusals(logs)).toEqual([]);

  // Clicking the notification opens the chat.
  await page.evaluate(() => (window as unknown as { __notes: { n: { onclick: () => void } }[] }).__notes[0]!.n.onclick());
  await page.waitForURL(`**/chats/mine/${chat.id}`, { timeout: UI_TIMEOUT });
  await page.getByRole('region', { name: 'Conversation', exact: true }).getByText('Do you ship to Norway?').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'console-notifications-opened');
  expect(refusals(logs)).toEqual([]);
}, 90_000);
