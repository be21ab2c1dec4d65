// Reports for supervisors (issue 18 item 11) and the dashboard defects (issue 17 item 9), in
// Chromium against the built server with the demo data: a supervisor opens the dashboard, sees
// the per-agent table and the busiest-hours heatmap as the API computes them, and downloads the
// CSV with progress on a slow network; a brand-new organization sees the first-run checklist.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { ReportsDto } from '../../shared/types/dashboard';
import { ARTIFACTS, launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, newContext, signIn, uniqueEmail, watchErrors } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

const SUPERVISOR = 'maya@demo.phoenix.chat';

let server: E2EServer;
let browser: Browser;
let password: string;

/** The 30 days ending today in `timeZone`, as the "30 days" preset asks. */
function last30(timeZone: string): { from: string; to: string } {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 29);
  return { from: d.toISOString().slice(0, 10), to };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer({ PHOENIX_SEED_DEMO: 'true' }), launchBrowser()]);
  password = (await demoLogin(server.url)).password;
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a supervisor sees the per-agent table and the heatmap, and downloads the CSV with progress', async () => {
  const maya = await new AgentApi(server.url).login(SUPERVISOR, password);
  expect(maya.user!.role).toBe('supervisor');
  const range = last30(maya.org!.timezone);
  const q = `?from=${range.from}&to=${range.to}`;
  const expected = await maya.call<ReportsDto>('GET', `/api/dashboard/reports${q}`);
  expect(expected.agents.some((a) => a.chats > 0)).toBe(true);

  const context = await newContext(browser, { width: 1360, height: 2300 });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${server.url}/login`);
    await signIn(page, SUPERVISOR, password);
    await page.getByTestId('kpi-chats').waitFor({ timeout: UI_TIMEOUT });
    const dashboard = await maya.call<{ totals: { chats: number } }>('GET', `/api/dashboard${q}`);
    await page.getByRole('radio', { name: '30 days' }).click();
    // The dashboard's own figures for the range landed (reports load beside them).
    await page.waitForFunction((n) => document.querySelector('[data-testid="kpi-chats"]')?.textContent?.trim() === String(n), dashboard.totals.chats, { timeout: UI_TIMEOUT });

    // The per-agent table is the API's, row by row.
    const table = page.getByTestId('agent-table');
    await table.waitFor({ timeout: UI_TIMEOUT });
    await page.waitForFunction(
      (names) => [...document.querySelectorAll('[data-testid="agent-table"] tbody tr')].map((r) => r.getAttribute('data-agent')).join('|') === names,
      expected.agents.map((a) => a.agent.name).join('|'),
      { timeout: UI_TIMEOUT },
    );
    for (const a of expected.agents) {
      const cells = await table.locator(`tr[data-agent="${a.agent.name}"] td`).allTextContents();
      expect(cells[1]).toBe(String(a.chats));
      expect(cells[4]).toBe(String(a.missed));
    }
    // No ratings exist yet: no ratings column.
    expect(expected.hasRatings).toBe(false);
    expect(await table.locator('th').allTextContents()).toEqual(['Agent', 'Chats', 'First response · median', 'Resolution · median', 'Missed']);

    // The heatmap's 168 cells carry the API's counts.
    const heat = page.getByTestId('heatmap');
    expect(await heat.locator('[data-cell]').count()).toBe(7 * 24);
    const shown = await heat.locator('[data-cell]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
    expect(shown).toEqual(expected.heatmap.counts.flat());
    expect(await page.getByTestId('missed-count').textContent()).toContain(String(expected.unanswered.missed));
    expect(await page.getByTestId('abandoned-count').textContent()).toContain(String(expected.unanswered.abandoned));

    // Charts drawn (chart.js animates 250 ms: wait for ink, not for time).
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
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => document.querySelector('.stale') === null, undefined, { timeout: UI_TIMEOUT });
    await page.waitForTimeout(300); // let chart.js finish its 250 ms animation before the picture
    await page.screenshot({ path: `${ARTIFACTS}/reports-supervisor.png`, fullPage: true });

    // The CSV on a slow line: progress shows rows and bytes while it arrives.
    const total = Number((await fetch(`${server.url}/api/dashboard/export${q}`, { headers: { cookie: maya.sessionCookie } })).headers.get('x-total-count'));
    expect(total).toBeGreaterThan(20);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 4 * 1024, uploadThroughput: 64 * 1024 });
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('export-csv').click();
    const progress = page.getByTestId('export-progress');
    await progress.waitFor({ timeout: UI_TIMEOUT });
    await page.waitForFunction(() => /[1-9]\d* of \d+ rows · \d+/.test(document.querySelector('[data-testid="export-progress"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await progress.textContent()).toContain(`of ${total} rows`);
    // The top of the page, where the progress shows (a picture of it, readable).
    await page.screenshot({ path: `${ARTIFACTS}/reports-export-progress.png`, clip: { x: 0, y: 0, width: 1360, height: 360 } });
    await page.locator('.zone-row').screenshot({ path: `${ARTIFACTS}/reports-export-progress-detail.png` });
    const file = await download;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(file.suggestedFilename()).toBe(`chats-${range.from}-to-${range.to}.csv`);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('chat_id,started_at,ended_at,team');
    expect(csv.split('\r\n').filter((l) => /^[0-9a-f]{24},/.test(l)).length).toBe(total);
    await page.getByTestId('export-done').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('export-done').textContent()).toBe(`${total} chats exported`);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);

test('a brand-new organization sees the first-run checklist, ticked from its data', async () => {
  const email = uniqueEmail('founder');
  const owner = await new AgentApi(server.url).signup({ orgName: 'Brand New Co', name: 'Nia Founder', email, password: 'correct horse battery' });
  const context = await newContext(browser, { width: 1360, height: 1000 });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${server.url}/login`);
    await signIn(page, email, 'correct horse battery');
    const list = page.getByTestId('setup-checklist');
    await list.waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByText('Pick a longer range').count()).toBe(0);
    const state = async () => Object.fromEntries(await list.locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-step'), li.getAttribute('data-done')])));
    expect(await state()).toEqual({ install_widget: 'false', invite_teammate: 'false', set_team_hours: 'false' });
    expect(await list.getByRole('link', { name: 'Get the snippet' }).getAttribute('href')).toBe('/manage/integrations');
    expect(await list.getByRole('link', { name: 'Invite members' }).getAttribute('href')).toBe('/manage/members');
    expect(await list.getByRole('link', { name: 'Open teams' }).getAttribute('href')).toBe('/manage/teams');

    // Inviting a teammate ticks that step.
    await owner.call('POST', '/api/invitations', { email: uniqueEmail('mate'), role: 'agent', teamIds: [] });
    await page.reload();
    await list.waitFor({ timeout: UI_TIMEOUT });
    expect(await state()).toEqual({ install_widget: 'false', invite_teammate: 'true', set_team_hours: 'false' });
    await screenshot(page, 'reports-first-run');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 60_000);
