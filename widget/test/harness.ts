// What the widget's browser suites share: the built widget (dist/widget) in a real Chromium,
// embedded on a page of another origin, against the fake server in ./fake-server.ts. Suites skip
// (loudly) when no Chromium binary is installed.
//
// Nothing here sleeps. Page conditions are waited for in the page (`page.waitForFunction`, locator
// waits), server conditions through `server.waitFor`, each with a deadline.
import { afterAll, afterEach, beforeAll, describe } from 'bun:test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startFakeServer, type FakeServer } from './fake-server';

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ROOT = resolve(import.meta.dir, '../..');
const DIST = join(ROOT, 'dist/widget');

/** Per-test limit: a timed-out test makes bun kill the browser, so keep it generous. */
export const T = 40_000;
/** How long a page condition may take unless a test says otherwise. */
const WAIT_MS = 8_000;

let built = false;

/** Build the widget once per process (suites run one after another in the same `bun test`). */
function buildWidget(): void {
  if (built || (process.env.PHX_WIDGET_NO_BUILD && existsSync(join(DIST, 'widget.js')))) return;
  const build = Bun.spawnSync([join(ROOT, 'node_modules/.bin/vite'), 'build', '--config', 'widget/vite.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.exitCode !== 0) throw new Error(`widget build failed:\n${build.stderr.toString()}`);
  built = true;
}

export interface Suite {
  readonly browser: Browser;
  /** The current test's fake server. */
  readonly server: FakeServer;
  /** A fresh server (the previous one of this test stops) and browser context (fresh storage). */
  setup(query?: string, path?: string, prepare?: (s: FakeServer) => void): Promise<{ page: Page; context: BrowserContext }>;
}

export function browserSuite(name: string, body: (suite: Suite) => void): void {
  if (!HAVE_CHROMIUM) console.warn(`[${name}] SKIPPED: no Chromium at ${CHROMIUM} (set PLAYWRIGHT_CHROMIUM_PATH).`);
  describe.skipIf(!HAVE_CHROMIUM)(name, () => {
    let browser: Browser | null = null;
    let server: FakeServer | null = null;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      buildWidget();
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
      server = null;
    });

    body({
      get browser() {
        if (!browser) throw new Error('no browser yet');
        return browser;
      },
      get server() {
        if (!server) throw new Error('call setup() first');
        return server;
      },
      async setup(query = '', path = '/', prepare) {
        await server?.stop();
        server = startFakeServer(DIST);
        prepare?.(server);
        const context = await this.browser.newContext();
        contexts.push(context);
        await context.addInitScript(installPageHelpers);
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error('[page error]', e.message));
        await page.goto(`${server.hostBase}${path}${query}`);
        await page.locator('phoenix-chat .launcher').waitFor({ state: 'attached' });
        return { page, context };
      },
    });
  });
}

// ------------------------------------------------------------------ in the page

interface PageHelpers {
  /** The shadow root of an element inside the widget: 'panel' or 'composer'. */
  root(which: 'panel' | 'composer'): ShadowRoot | null;
  /** The transcript as text, in DOM order, with the state of the visitor's messages. */
  transcript(): string[];
}
export type HelperWindow = Window & typeof globalThis & { __phx: PageHelpers };

/** Runs in every page of a test's context, before the page's own scripts. */
function installPageHelpers(): void {
  const root = (which: 'panel' | 'composer'): ShadowRoot | null => {
    const panel = document.querySelector('phoenix-chat')?.shadowRoot?.querySelector('phoenix-chat-panel')?.shadowRoot ?? null;
    return which === 'panel' ? panel : (panel?.querySelector('phoenix-chat-composer')?.shadowRoot ?? null);
  };
  const transcript = (): string[] =>
    [...(root('panel')?.querySelectorAll('ol.log phoenix-chat-message') ?? [])].map((m) => {
      const text = (m.shadowRoot?.querySelector('.bubble')?.textContent ?? '').trim().replace(/\s+/g, ' ');
      const state = m.getAttribute('state');
      return state && state !== 'sent' ? `${text} [${state}]` : text;
    });
  (window as HelperWindow).__phx = { root, transcript };
}

// ------------------------------------------------------------------ helpers for tests

export const launcher = (page: Page): Locator => page.locator('phoenix-chat .launcher');
export const textarea = (page: Page): Locator => page.locator('phoenix-chat-composer textarea');

export async function open(page: Page): Promise<void> {
  await launcher(page).click();
  await textarea(page).waitFor();
  await page.locator('phoenix-chat-panel .banner').waitFor({ state: 'detached' });
}

export async function send(page: Page, text: string): Promise<void> {
  await textarea(page).fill(text);
  await textarea(page).press('Enter');
}

export function transcript(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as HelperWindow).__phx.transcript());
}

export interface TranscriptWant {
  /** Each of these lines is there (a visitor's message without a state suffix: confirmed). */
  has?: string[];
  /** The newest line. */
  last?: string;
  /** Exactly `n` lines end with `suffix` (e.g. ' [queued]'). */
  ending?: { suffix: string; n: number };
}

/** Wait until the transcript shows what `want` says. */
export async function untilTranscript(page: Page, want: TranscriptWant, ms = WAIT_MS): Promise<void> {
  try {
    await page.waitForFunction(
      (w: TranscriptWant) => {
        const lines = (window as HelperWindow).__phx.transcript();
        if (w.has && !w.has.every((x) => lines.includes(x))) return false;
        if (w.last !== undefined && lines[lines.length - 1] !== w.last) return false;
        if (w.ending && lines.filter((x) => x.endsWith(w.ending!.suffix)).length !== w.ending.n) return false;
        return true;
      },
      want,
      { timeout: ms },
    );
  } catch {
    throw new Error(`timed out waiting for transcript ${JSON.stringify(want)}; it shows ${JSON.stringify(await transcript(page))}`);
  }
}

/** Wait until the visitor's message `text` is confirmed by the server (no longer pending or queued). */
export const untilConfirmed = (page: Page, text: string, ms?: number): Promise<void> => untilTranscript(page, { has: [text] }, ms);

/** Wait until `locator`'s element has the focus (inside shadow roots too). */
export async function untilFocused(locator: Locator, ms = WAIT_MS): Promise<void> {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction((el) => !!el?.matches(':focus'), element, { timeout: ms });
}

/**
 * Prove the page has settled before asserting something did NOT happen: the browser went idle
 * (the launcher's background work runs on idle too), then a request to the fake server came back,
 * so whatever the page asked for before has reached the server.
 */
export async function untilSettled(page: Page, apiBase: string): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => done())));
  await page.evaluate((url) => fetch(url).then((r) => r.text()), `${apiBase}/__probe`);
}
