// The built widget (dist/widget) in a real Chromium, embedded on a page of another origin,
// against the fake server in ./fake-server.ts. Covers what unit tests cannot: the loader/chunk
// split, shadow DOM isolation, focus, the socket lifecycle, uploads, reloads and offline.
// Skips (loudly) when no Chromium binary is installed.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ORG, startFakeServer, type FakeServer } from './fake-server';

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ROOT = resolve(import.meta.dir, '../..');
const DIST = join(ROOT, 'dist/widget');

if (!HAVE_CHROMIUM) console.warn(`[widget.browser.test] SKIPPED: no Chromium at ${CHROMIUM} (set PLAYWRIGHT_CHROMIUM_PATH).`);

/** Per-test limit: a timed-out test makes bun kill the browser, so keep it generous. */
const T = 40_000;
let browser: Browser;
let server: FakeServer;
const contexts: BrowserContext[] = [];

describe.skipIf(!HAVE_CHROMIUM)('widget in Chromium', () => {
  beforeAll(async () => {
    if (!process.env.PHX_WIDGET_NO_BUILD || !existsSync(join(DIST, 'widget.js'))) {
      const build = Bun.spawnSync([join(ROOT, 'node_modules/.bin/vite'), 'build', '--config', 'widget/vite.config.ts'], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (build.exitCode !== 0) throw new Error(`widget build failed:\n${build.stderr.toString()}`);
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    await server?.stop();
  });

  /** A fresh server and browser context (fresh storage) per test. */
  async function setup(query = '', path = '/', prepare?: (s: FakeServer) => void): Promise<{ page: Page; context: BrowserContext }> {
    server = startFakeServer(DIST);
    prepare?.(server);
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(`${server.hostBase}${path}${query}`);
    await page.locator('phoenix-chat .launcher').waitFor({ state: 'attached' });
    return { page, context };
  }

  const launcher = (page: Page) => page.locator('phoenix-chat .launcher');
  const textarea = (page: Page) => page.locator('phoenix-chat-composer textarea');

  async function open(page: Page): Promise<void> {
    await launcher(page).click();
    await textarea(page).waitFor();
    await page.locator('phoenix-chat-panel .banner').waitFor({ state: 'detached' });
  }

  async function send(page: Page, text: string): Promise<void> {
    await textarea(page).fill(text);
    await textarea(page).press('Enter');
  }

  /** The transcript as text, in DOM order, with the state of the visitor's messages. */
  function transcript(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const panel = document.querySelector('phoenix-chat')!.shadowRoot!.querySelector('phoenix-chat-panel')!;
      return [...panel.shadowRoot!.querySelectorAll('ol.log phoenix-chat-message')].map((m) => {
        const text = m.shadowRoot!.querySelector('.bubble')!.textContent!.trim().replace(/\s+/g, ' ');
        const state = m.getAttribute('state');
        return state && state !== 'sent' ? `${text} [${state}]` : text;
      });
    });
  }

  async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 8_000): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return;
      await Bun.sleep(25);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  test('embeds on another origin with only widget.js + config before open, themed, no stray globals', async () => {
    const { page } = await setup();
    await page.waitForTimeout(300);
    expect(server.log.requests).toEqual(['GET /widget.js', 'GET /api/widget/config']);
    expect(await launcher(page).evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(15, 118, 110)');
    const globals = await page.evaluate(() => Object.keys(window).filter((k) => /^(phoenix|lit|reactive)/i.test(k)));
    expect(globals).toEqual(['PhoenixChat']);
    expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat');

    await open(page);
    // The chunk came from our server, and only now; the session too (never on a mere page view).
    expect(server.log.requests.some((r) => /^GET \/widget\/assets\/panel-[\w-]+\.js$/.test(r))).toBe(true);
    expect(server.log.requests).toContain('POST /api/widget/session');
    expect(server.chats.size).toBe(0);
    // Lit must not leave its version globals either.
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /^(phoenix|lit|reactive)/i.test(k)))).toEqual(['PhoenixChat']);
    // Theme and greeting from the org's settings.
    expect(await page.locator('phoenix-chat-panel h2').textContent()).toBe('Acme support');
    expect(await transcript(page)).toEqual(['Hi! How can we help?']);
  }, T);

  test('host page CSS does not leak in; widget styles do not leak out', async () => {
    const { page } = await setup();
    await open(page);
    const style = await textarea(page).evaluate((t) => ({ font: getComputedStyle(t).fontSize, color: getComputedStyle(t).color }));
    expect(style.font).toBe('14px');
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(await launcher(page).isVisible()).toBe(true); // `button { display: none !important }` is the page's only
    expect(await page.locator('#hostbtn').evaluate((b) => getComputedStyle(b).display)).toBe('none');
    expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontSize)).toBe('40px');
  }, T);

  test('keyboard: open focuses the composer, Escape closes and returns focus to the launcher', async () => {
    const { page } = await setup();
    await launcher(page).focus();
    await page.keyboard.press('Enter');
    await textarea(page).waitFor();
    await waitFor(() => textarea(page).evaluate((t) => t.matches(':focus')), 'composer focus');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await waitFor(() => launcher(page).evaluate((b) => b.matches(':focus')), 'launcher focus');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('phoenix-chat .wrap').isHidden()).toBe(true);
    // Shift+Enter is a new line, Enter sends.
    await page.keyboard.press('Enter');
    await waitFor(() => textarea(page).evaluate((t) => t.matches(':focus')), 'composer focus again');
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    expect(await textarea(page).inputValue()).toBe('line one\nline two');
    await page.keyboard.press('Enter');
    await waitFor(() => server.chats.size === 1 && server.messages.get(server.onlyChat().id)!.length === 1, 'message stored');
    expect(server.messages.get(server.onlyChat().id)![0]!.text).toBe('line one\nline two');
  }, T);

  test('send and receive: optimistic, acked once, agent reply live, typing both ways, unread badge', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'Hello, I need help');
    await waitFor(async () => (await transcript(page)).includes('Hello, I need help'), 'acked message');
    const chat = server.onlyChat();
    expect(server.messages.get(chat.id)!.map((m) => m.text)).toEqual(['Hello, I need help']);
    expect(server.log.subscribes[0]).toEqual({ chatId: chat.id, afterSeq: 0 });

    // Visitor typing reaches the server.
    await textarea(page).pressSequentially('ab');
    await waitFor(() => server.log.typing.includes(true), 'typing true');

    server.agentTyping(chat.id, true);
    await page.locator('phoenix-chat-panel .typing').getByText('Ann is typing').waitFor();
    server.assign(chat.id);
    await page.locator('phoenix-chat-panel li.notice').waitFor();
    server.agentSays(chat.id, 'Hi, I am Ann. What is wrong?');
    await waitFor(async () => (await transcript(page)).at(-1) === 'Hi, I am Ann. What is wrong?', 'agent reply');
    await page.locator('phoenix-chat-panel .typing .dots').waitFor({ state: 'detached' });
    expect(await page.locator('phoenix-chat-message .name').allTextContents()).toContain('Ann');
    expect(await page.locator('phoenix-chat-panel .status').textContent()).toBe('You are chatting with Ann');
    expect(await page.locator('phoenix-chat-panel ol.log').getAttribute('aria-live')).toBe('polite');

    // Closed panel: replies raise the badge; opening clears it.
    await page.keyboard.press('Escape');
    server.agentSays(chat.id, 'Are you there?');
    server.agentSays(chat.id, 'Hello?');
    await page.locator('phoenix-chat .badge').getByText('2').waitFor();
    expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat, 2 unread messages');
    await launcher(page).click();
    await page.locator('phoenix-chat .badge').waitFor({ state: 'hidden' });
    const texts = await transcript(page);
    expect(texts.filter((t) => t === 'Hello, I need help')).toHaveLength(1);
  }, T);

  test('upload: type errors before sending, progress bar during upload, image preview through a blob URL', async () => {
    const { page, context } = await setup();
    await open(page);
    const input = page.locator('phoenix-chat-composer input[type=file]');
    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await page.locator('phoenix-chat-composer .problems').getByText('this file type is not supported').waitFor();
    expect(server.log.requests.filter((r) => r.includes('/files'))).toEqual([]);

    // Throttle uploads so progress is observable on loopback.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const big = Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024)]); // still a PNG to the browser
    await input.setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: big });
    const seen = new Set<number>();
    // evaluateAll, not evaluate: it must not wait for a bar that is already gone.
    await waitFor(async () => {
      const values = await page.locator('phoenix-chat-composer progress').evaluateAll((ps) => ps.map((p) => (p as HTMLProgressElement).value));
      for (const v of values) seen.add(v);
      return seen.size > 0 && values.length === 0;
    }, 'upload to finish', 15_000);
    expect([...seen].some((v) => v > 0 && v < 100)).toBe(true);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await send(page, 'here is the screenshot');
    const img = page.locator('phoenix-chat-message img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toStartWith('blob:');
    expect(await img.getAttribute('alt')).toBe('screenshot.png');
    const stored = server.messages.get(server.onlyChat().id)!;
    expect(stored.map((m) => [m.text, m.attachments.map((a) => a.name)])).toEqual([['here is the screenshot', ['screenshot.png']]]);
  }, T);

  test('reload and a second tab show the same chat', async () => {
    const { page, context } = await setup();
    await open(page);
    await send(page, 'before reload');
    await waitFor(async () => (await transcript(page)).includes('before reload'), 'ack');
    const chat = server.onlyChat();
    server.agentSays(chat.id, 'agent answer');
    await waitFor(async () => (await transcript(page)).includes('agent answer'), 'reply');

    await page.reload();
    await launcher(page).waitFor();
    // A visitor with a live chat gets the panel loaded in the background (for the badge).
    await waitFor(() => server.socketCount() >= 1, 'background reconnect after reload');
    await open(page);
    expect(await transcript(page)).toEqual(['Hi! How can we help?', 'before reload', 'agent answer']);

    const second = await context.newPage();
    await second.goto(`${server.hostBase}/`);
    await open(second);
    await waitFor(async () => (await transcript(second)).includes('agent answer'), 'second tab transcript');
    await send(second, 'from tab two');
    await waitFor(async () => (await transcript(page)).includes('from tab two'), 'first tab sees tab two');
    expect(server.chats.size).toBe(1);
    expect(new Set(server.log.sessions.map((s) => s.token)).size).toBe(2); // none, then the one token
  }, T);

  test('offline and back: messages typed meanwhile are queued, then arrive exactly once', async () => {
    const { page, context } = await setup();
    await open(page);
    await send(page, 'first');
    await waitFor(async () => (await transcript(page)).includes('first'), 'ack');
    await context.setOffline(true);
    await page.locator('phoenix-chat-panel .banner').getByText('You are offline').waitFor();
    await send(page, 'offline one');
    await send(page, 'offline two');
    await waitFor(async () => (await transcript(page)).filter((t) => t.endsWith('[queued]')).length === 2, 'queued');
    expect(await page.locator('phoenix-chat-message[state=queued] .meta').first().textContent()).toContain('Waiting for connection');
    await page.waitForTimeout(500);
    await context.setOffline(false);
    await waitFor(async () => {
      const t = await transcript(page);
      return t.includes('offline one') && t.includes('offline two');
    }, 'flush after reconnect');
    const stored = server.messages.get(server.onlyChat().id)!.map((m) => m.text);
    expect(stored).toEqual(['first', 'offline one', 'offline two']);
    const t = await transcript(page);
    expect(t.filter((x) => x.startsWith('offline'))).toEqual(['offline one', 'offline two']);
  }, T);

  test('back online but the socket is refused: "Reconnecting…" shows until it connects', async () => {
    // Found by the real-server e2e: a failed first attempt leaves the state at 'connecting'
    // (no state change), and the banner was never rendered.
    const { page, context } = await setup();
    await open(page);
    await send(page, 'first');
    await waitFor(async () => (await transcript(page)).includes('first'), 'ack');
    const banner = page.locator('phoenix-chat-panel .banner');
    server.control.socketsDown = true;
    await context.setOffline(true);
    await banner.getByText('You are offline').waitFor();
    await context.setOffline(false);
    await banner.getByText('Reconnecting').waitFor();
    server.control.socketsDown = false;
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
  }, T);

  test('server restart: reconnect with backoff, resume from the last seq, no gaps, no duplicates', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'one');
    await waitFor(async () => (await transcript(page)).includes('one'), 'ack');
    const chat = server.onlyChat();
    server.agentSays(chat.id, 'two');
    await waitFor(async () => (await transcript(page)).includes('two'), 'live');

    server.control.socketsDown = true;
    server.dropSockets();
    await page.locator('phoenix-chat-panel .banner').getByText('Reconnecting').waitFor();
    server.agentSaysSilently(chat.id, 'three (while down)');
    server.agentSaysSilently(chat.id, 'four (while down)');
    await send(page, 'five (typed while down)');
    await page.waitForTimeout(700);
    server.control.socketsDown = false;
    await waitFor(async () => (await transcript(page)).includes('five (typed while down)'), 'resume', 15_000);
    await waitFor(async () => (await transcript(page)).includes('four (while down)'), 'replay', 15_000);
    const resumed = server.log.subscribes.at(-1)!;
    expect(resumed.afterSeq).toBeGreaterThanOrEqual(2);
    expect((await transcript(page)).slice(1)).toEqual(['one', 'two', 'three (while down)', 'four (while down)', 'five (typed while down)']);
    expect(server.messages.get(chat.id)!.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  }, T);

  test('a refused message shows "Not sent" with a retry button that works', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'warm up');
    await waitFor(async () => (await transcript(page)).includes('warm up'), 'ack');
    server.control.refuseOnce.add('please deliver');
    await send(page, 'please deliver');
    const failed = page.locator('phoenix-chat-message[state=failed]');
    await failed.waitFor();
    expect(await failed.locator('.meta').textContent()).toContain('Not sent.');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await waitFor(async () => (await transcript(page)).includes('please deliver'), 'retried');
    expect(server.messages.get(server.onlyChat().id)!.map((m) => m.text)).toEqual(['warm up', 'please deliver']);
  }, T);

  test('after hours: the message shows before writing, and once in the chat', async () => {
    server = startFakeServer(DIST);
    server.config.team.open = false;
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.hostBase}/`);
    await open(page);
    expect(await transcript(page)).toEqual(['Hi! How can we help?', 'We are closed. We reply at 9:00.']);
    expect(await page.locator('phoenix-chat-panel .status').textContent()).toBe('We are away right now');
    await send(page, 'anyone?');
    await waitFor(async () => (await transcript(page)).includes('anyone?'), 'ack');
    // The server posted the after-hours message into the chat: shown once, as a system message.
    expect(await transcript(page)).toEqual(['Hi! How can we help?', 'We are closed. We reply at 9:00.', 'anyone?']);
    expect(await page.locator('phoenix-chat-message[kind=system]').count()).toBe(1);
  }, T);

  test('unresponsive agent: two choice buttons; "another agent" goes over the socket and shows the reassignment', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'hello');
    await waitFor(async () => (await transcript(page)).includes('hello'), 'ack');
    const chat = server.onlyChat();
    server.assign(chat.id);
    server.offerChoice(chat.id);
    const buttons = page.locator('phoenix-chat-message .actions button');
    await buttons.first().waitFor();
    expect(await buttons.allTextContents()).toEqual(['Another agent', 'Keep waiting']);
    await buttons.first().click();
    await waitFor(() => server.log.choices.length === 1, 'choice frame');
    expect(server.log.choices).toEqual(['another_agent']);
    await waitFor(async () => (await transcript(page)).includes('You are now chatting with Bob.'), 'reassignment message');
    await page.locator('phoenix-chat-message .actions').waitFor({ state: 'detached' });
    // Each assignment came with a system message naming the agent: no local "joined" notice repeats it.
    expect(await page.locator('phoenix-chat-panel li.notice').count()).toBe(0);
  }, T);

  test('safety: markup stays text, only http/https/mailto become links', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, '<b>bold?</b>');
    await waitFor(async () => (await transcript(page)).includes('<b>bold?</b>'), 'ack');
    const chat = server.onlyChat();
    server.agentSays(chat.id, '<img src=x onerror="window.__pwned=1"> javascript:window.__pwned=2 data:text/html,<script>1</script> see https://docs.example.com/a. or mail help@example.com');
    await page.locator('phoenix-chat-message a').first().waitFor();
    expect(await page.locator('phoenix-chat-message img, phoenix-chat-message b, phoenix-chat-message script').count()).toBe(0);
    const anchors = await page.locator('phoenix-chat-message a').evaluateAll((as) =>
      as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target') })),
    );
    expect(anchors).toEqual([
      { href: 'https://docs.example.com/a', rel: 'noopener noreferrer nofollow', target: '_blank' },
      { href: 'mailto:help@example.com', rel: 'noopener noreferrer nofollow', target: '_blank' },
    ]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  }, T);

  test('chat ended: composer gives way to "start a new chat", which opens a fresh chat', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'first chat');
    await waitFor(async () => (await transcript(page)).includes('first chat'), 'ack');
    const first = server.onlyChat();
    server.end(first.id);
    const again = page.getByRole('button', { name: 'Start a new chat' });
    await again.waitFor();
    expect(await textarea(page).count()).toBe(0);
    await again.click();
    await waitFor(() => textarea(page).evaluate((t) => t.matches(':focus')), 'composer focus');
    expect(await transcript(page)).toEqual(['Hi! How can we help?']);
    await send(page, 'second chat');
    await waitFor(async () => (await transcript(page)).includes('second chat'), 'ack');
    expect(server.chats.size).toBe(2);
  }, T);

  test('identity verification: userId/userHash go to the session call; a wrong hash stays anonymous', async () => {
    const { page } = await setup('?user-id=u42&user-hash=hash-of-u42');
    await open(page);
    expect(server.log.sessions[0]).toMatchObject({ org: ORG, userId: 'u42', userHash: 'hash-of-u42' });
    expect(server.log.sessions[0]!.visitor).toMatchObject({ pageUrl: expect.stringContaining('user-id=u42') });
    await server.stop();

    const bad = await setup('?user-id=u42&user-hash=forged');
    await open(bad.page);
    expect(server.log.sessions[0]).toMatchObject({ userId: 'u42', userHash: 'forged' });
    await send(bad.page, 'hi');
    await waitFor(() => server.chats.size === 1, 'chat');
    expect(server.onlyChat().contactId).toMatch(/^contact_/);
  }, T);

  test('hand-placed element with a server attribute, and the PhoenixChat API (queued calls, open/close, events)', async () => {
    const { page } = await setup('', '/manual');
    await waitFor(() => page.evaluate(() => (window as { __ready?: boolean }).__ready === true), 'queued ready listener');
    await page.evaluate(() => {
      const w = window as unknown as { PhoenixChat: { on(e: string, f: (d: unknown) => void): void }; __events: string[] };
      w.__events = [];
      for (const e of ['open', 'close', 'message', 'unread', 'chat:started']) w.PhoenixChat.on(e, () => w.__events.push(e));
    });
    await page.evaluate(() => (window as unknown as { PhoenixChat: { open(): void } }).PhoenixChat.open());
    await textarea(page).waitFor();
    await send(page, 'via api');
    await waitFor(() => server.chats.size === 1, 'chat');
    server.agentSays(server.onlyChat().id, 'reply');
    await waitFor(async () => (await transcript(page)).includes('reply'), 'reply');
    await page.evaluate(() => (window as unknown as { PhoenixChat: { close(): void } }).PhoenixChat.close());
    const events = await page.evaluate(() => (window as unknown as { __events: string[] }).__events);
    expect(events).toContain('open');
    expect(events).toContain('chat:started');
    expect(events).toContain('message');
    expect(events.at(-1)).toBe('close');
    expect(await page.evaluate(() => (window as unknown as { PhoenixChat: { isOpen(): boolean } }).PhoenixChat.isOpen())).toBe(false);
  }, T);

  test('an unknown widget key hides the launcher instead of offering a chat that cannot work', async () => {
    const { page } = await setup('?org=pk_wrong');
    await page.locator('phoenix-chat').waitFor({ state: 'hidden' });
    expect(await page.locator('phoenix-chat').evaluate((el) => (el as HTMLElement).hidden)).toBe(true);
    expect(server.log.requests).toEqual(['GET /widget.js', 'GET /api/widget/config']);
  }, T);

  test('server unavailable at open: the visitor can still write; it goes out once the server answers', async () => {
    const { page } = await setup('', '/', (s) => {
      s.control.restDown = true;
    });
    await launcher(page).click();
    await page.locator('phoenix-chat-panel .banner').getByText('Could not reach the chat service').waitFor();
    expect(await launcher(page).isVisible()).toBe(true);
    await send(page, 'written while the server was down');
    await waitFor(async () => (await transcript(page)).includes('written while the server was down [queued]'), 'queued');
    server.control.restDown = false;
    await waitFor(async () => (await transcript(page)).includes('written while the server was down'), 'delivered', 15_000);
    expect(server.messages.get(server.onlyChat().id)!.map((m) => m.text)).toEqual(['written while the server was down']);
  }, T);

  test('lost ack: the message is confirmed by the replay after a reconnect, stored once', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'hello');
    await waitFor(async () => (await transcript(page)).includes('hello'), 'ack');
    server.control.holdAcks = true;
    await send(page, 'ack gets lost');
    await waitFor(() => server.messages.get(server.onlyChat().id)!.length === 2, 'stored');
    // The server has it, but the widget never heard back.
    await page.waitForTimeout(300);
    expect((await transcript(page)).filter((t) => t.startsWith('ack gets lost'))).toEqual(['ack gets lost [pending]']);
    server.control.holdAcks = false;
    server.dropSockets();
    await waitFor(async () => (await transcript(page)).includes('ack gets lost'), 'confirmed', 15_000);
    expect(server.messages.get(server.onlyChat().id)!.map((m) => m.text)).toEqual(['hello', 'ack gets lost']);
    expect((await transcript(page)).filter((t) => t.startsWith('ack gets lost'))).toEqual(['ack gets lost']);
  }, T);

  test('choice falls back to POST /choice when the socket is down', async () => {
    const { page } = await setup();
    await open(page);
    await send(page, 'hello');
    await waitFor(async () => (await transcript(page)).includes('hello'), 'ack');
    const chat = server.onlyChat();
    server.assign(chat.id, false);
    server.agentSays(chat.id, 'Let me check.');
    server.offerChoice(chat.id);
    const keep = page.locator('phoenix-chat-message .actions button', { hasText: 'Keep waiting' });
    await keep.waitFor();
    // Without assigneeName the header falls back to the agent's name from their messages.
    expect(await page.locator('phoenix-chat-panel .status').textContent()).toBe('You are chatting with Ann');
    server.control.socketsDown = true;
    server.dropSockets();
    await page.locator('phoenix-chat-panel .banner').getByText('Reconnecting').waitFor();
    await keep.click();
    await waitFor(() => server.log.requests.includes(`POST /api/widget/chats/${chat.id}/choice`), 'REST choice');
    await page.locator('phoenix-chat-message .actions').waitFor({ state: 'detached' });
    expect(server.chats.get(chat.id)!.awaitingChoice).toBe(false);
    server.control.socketsDown = false;
  }, T);
});
