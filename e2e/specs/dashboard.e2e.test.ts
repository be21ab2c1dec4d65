// The dashboard on the demo data (PHOENIX_SEED_DEMO=true): the built server as `npm start` runs
// it, Chromium signs in as the demo admin, and what the page shows must be what the API says.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import type { DashboardDto } from '../../shared/types/dashboard';
import { launchBrowser, screenshot } from '../helpers/browser';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let DEMO: { email: string; password: string };
const UI_TIMEOUT = 15_000;

let server: E2EServer;
let browser: Browser;
let cookie = '';

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The 30 days ending today in the demo organization's zone, as the "30 days" preset asks. */
function last30(timeZone: string): { from: string; to: string } {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 29);
  return { from: d.toISOString().slice(0, 10), to };
}

/** Whether a canvas has drawn anything (a chart that failed to render stays blank). */
function paintedPixels(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
      return painted;
    }),
  );
}

beforeAll(async () => {
  // Seeding runs inside the server before it listens (the stand-in lives in its process).
  server = await startE2EServer({ PHOENIX_SEED_DEMO: 'true' });
  DEMO = await demoLogin(server.url);
  browser = await launchBrowser();
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('the server seeded the demo organization once, with weeks of chats', () => {
  expect(server.logs.some((l) => l.includes('demo data seeded'))).toBe(true);
});

test('the dashboard shows the charts and figures of the seeded data', async () => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1640 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/e-?mail/i).first().fill(DEMO.email);
    await page.getByLabel(/password/i).first().fill(DEMO.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${server.url}/`, { timeout: UI_TIMEOUT });
    await page.getByTestId('kpi-chats').waitFor({ timeout: UI_TIMEOUT });

    // 30 days: the page's figures are the API's for the same range.
    const org = await api<{ timezone: string }>('/api/org');
    const range = last30(org.timezone);
    const expected = await api<DashboardDto>(`/api/dashboard?from=${range.from}&to=${range.to}`);
    expect(expected.totals.chats).toBeGreaterThan(50);
    expect(expected.contacts.returning).toBeGreaterThan(0);
    await page.getByRole('radio', { name: '30 days' }).click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="kpi-chats"]')?.textContent?.trim() === String(n),
      expected.totals.chats,
      { timeout: UI_TIMEOUT },
    );
    expect(await page.getByTestId('kpi-contacts').textContent()).toBe(`${expected.contacts.new} / ${expected.contacts.returning}`);
    const median = (await page.getByTestId('kpi-first-response').textContent())!.trim();
    expect(median).toMatch(/^(\d+m )?\d+s$|^\d+m$/);

    // Four charts, each drawn.
    const canvases = page.locator('.charts canvas');
    expect(await canvases.count()).toBe(4);
    for (const name of ['Chat volume', 'Time to first response', 'Time to resolution', 'New vs returning contacts']) {
      expect(await page.getByRole('heading', { name }).isVisible()).toBe(true);
    }
    // chart.js animates for 250 ms; wait until every canvas has ink rather than for a fixed time.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLCanvasElement>('.charts canvas')].every((c) => {
          const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
          return false;
        }),
      undefined,
      { timeout: UI_TIMEOUT },
    );
    for (const painted of await paintedPixels(page, '.charts canvas')) expect(painted).toBeGreaterThan(500);

    // The recent sessions, newest first, each linking to its chat.
    const rows = page.getByTestId('recent-chats').locator('tbody tr');
    expect(await rows.count()).toBe(expected.recent.length);
    const firstLink = await rows.first().locator('a').getAttribute('href');
    expect(firstLink?.startsWith(`/chats/all/${expected.recent[0]!.id}`)).toBe(true);

    await page.mouse.move(0, 0);
    await screenshot(page, 'dashboard');

    // The team filter narrows every figure to that team.
    const sales = expected.teams.find((t) => t.name === 'Sales')!;
    const salesOnly = await api<DashboardDto>(`/api/dashboard?from=${range.from}&to=${range.to}&teamId=${sales.id}`);
    expect(salesOnly.totals.chats).toBeLessThan(expected.totals.chats);
    await page.locator('#dash-team').selectOption(sales.id);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="kpi-chats"]')?.textContent?.trim() === String(n),
      salesOnly.totals.chats,
      { timeout: UI_TIMEOUT },
    );
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('Sales');

    // A recent session opens in the inbox.
    const target = salesOnly.recent[0]!;
    await rows.first().locator('a').click();
    await page.waitForURL((url) => url.pathname === `/chats/all/${target.id}`, { timeout: UI_TIMEOUT });
  } finally {
    await context.close();
  }
}, 60_000);
