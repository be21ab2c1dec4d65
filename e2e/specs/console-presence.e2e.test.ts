// Presence and the supervisor's live view (issue 17 items 4 and 11), two people in two browsers:
// - agent B opens the console → admin A's members list shows B online, live;
// - a round-robin team routes only to online agents (onlineOnlyRouting, on by default): the chat
//   that came while B was offline waits, and goes to B once B connects;
// - A's live view shows the agents (presence, availability, open chats) and the queue, whose
//   waiting times tick;
// - B closes the tab → offline after the grace (shortened to 2 s here by PRESENCE_OFFLINE_GRACE_MS),
//   in the live view and the members list, without a reload.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ChatDto, TeamDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, VisitorApi, addMember, signedInPage, uniqueEmail } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

const GRACE_MS = 2_000;

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let admin: AgentApi;
let agentB: AgentApi;
let bEmail: string;
let desk: TeamDto;
let queueTeam: TeamDto;
let a: { context: BrowserContext; page: Page; errors: string[] };
let b: { context: BrowserContext; page: Page; errors: string[] } | null = null;
let routedChat: ChatDto;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url, PRESENCE_OFFLINE_GRACE_MS: String(GRACE_MS) }), launchBrowser()]);
  const login = await demoLogin(server.url);
  admin = await new AgentApi(server.url).login(login.email, login.password);
  desk = await admin.call<TeamDto>('POST', '/api/teams', { name: 'Desk', assignmentStrategy: 'round_robin', assignedMessage: '' });
  queueTeam = await admin.call<TeamDto>('POST', '/api/teams', { name: 'Front queue' });
  bEmail = uniqueEmail('bo');
  agentB = await addMember(admin, mailbox, { email: bEmail, name: 'Bo Agent', teamIds: [desk.id] });
  a = await signedInPage(browser, server.url, login.email, login.password);
}, 60_000);
afterAll(async () => {
  await b?.context.close();
  await a?.context.close();
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

const presenceIn = (page: Page, rowSelector: string) => page.locator(`${rowSelector} [data-presence]`);

test("B opens the console → A's members list shows B online; the chat waiting for an online agent goes to B", async () => {
  // Bo has never opened the console: round robin leaves the chat in the queue.
  const visitor = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  routedChat = await visitor.openChat(desk.id);
  await visitor.say(routedChat.id, 'Is the Desk team there?');
  expect((await admin.chat(routedChat.id)).chat.status).toBe('unassigned');

  await a.page.goto(`${server.url}/manage/members`);
  const bRow = `[data-member-id="${agentB.user!.id}"]`;
  await a.page.locator(bRow).waitFor({ timeout: UI_TIMEOUT });
  expect(await presenceIn(a.page, bRow).getAttribute('data-presence')).toBe('offline');

  b = await signedInPage(browser, server.url, bEmail, PASSWORD);
  await a.page.locator(`${bRow} [data-presence="online"]`).waitFor({ timeout: UI_TIMEOUT });
  expect((await presenceIn(a.page, bRow).textContent())?.trim()).toBe('Online');
  await screenshot(a.page, 'presence-members-online');

  // Connecting made Bo reachable: the waiting chat drains to them.
  await until('the waiting chat assigned to Bo', () => admin.chat(routedChat.id), (c) => c.chat.assigneeId === agentB.user!.id);

  // Bo reloads: A's list never shows them offline (the grace timer is cancelled by the reconnect).
  await a.page.evaluate((selector) => {
    const seen: string[] = [];
    (window as unknown as { __presenceSeen: string[] }).__presenceSeen = seen;
    const row = document.querySelector(selector)!;
    new MutationObserver(() => seen.push(row.querySelector('[data-presence]')?.getAttribute('data-presence') ?? 'none')).observe(row, { subtree: true, childList: true, attributes: true });
  }, bRow);
  await b.page.reload();
  await b.page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
  // Waiting out the grace (and a second more) is the point: "offline" must not show meanwhile.
  await a.page.waitForTimeout(GRACE_MS + 1_000);
  expect(await a.page.evaluate(() => (window as unknown as { __presenceSeen: string[] }).__presenceSeen)).not.toContain('offline');
  expect(await presenceIn(a.page, bRow).getAttribute('data-presence')).toBe('online');

  // Bo chooses "appear away" (presence), which is not their availability: A sees it live.
  const appear = b.page.locator('[data-test="appear-away"]');
  await appear.click();
  await a.page.locator(`${bRow} [data-presence="away"]`).waitFor({ timeout: UI_TIMEOUT });
  expect((await presenceIn(a.page, bRow).textContent())?.trim()).toBe('Away');
  expect(await b.page.getByRole('switch', { name: 'Available for new chats' }).getAttribute('aria-checked')).toBe('true');
  await screenshot(b.page, 'presence-appear-away');
  await appear.click();
  await a.page.locator(`${bRow} [data-presence="online"]`).waitFor({ timeout: UI_TIMEOUT });
}, 40_000);

test("A's live view shows the agents and the queue; waiting times tick", async () => {
  const visitor = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  const waiting = await visitor.openChat(queueTeam.id);
  await visitor.say(waiting.id, 'Hello, anyone around?');

  await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live view' }).click();
  const queue = a.page.getByRole('region', { name: 'Queue' });
  const row = queue.locator(`[data-chat-id="${waiting.id}"]`);
  await row.waitFor({ timeout: UI_TIMEOUT });
  const first = (await row.locator('[data-test="waiting"]').textContent())?.trim();
  await until('the waiting time ticks', async () => (await row.locator('[data-test="waiting"]').textContent())?.trim(), (t) => t !== first, { timeoutMs: 5_000 });

  const agents = a.page.getByRole('region', { name: 'Agents' });
  const bo = agents.locator(`[data-agent-id="${agentB.user!.id}"]`);
  await bo.locator('[data-presence="online"]').waitFor({ timeout: UI_TIMEOUT });
  expect((await bo.textContent()) ?? '').toContain('Available');
  expect((await bo.locator('[data-test="open-chats"]').textContent())?.trim()).toBe('1');

  // A chat arriving now shows up without a reload (a chat.created frame).
  const later = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  const second = await later.openChat(queueTeam.id);
  await queue.locator(`[data-chat-id="${second.id}"]`).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(a.page, 'presence-live-view');
}, 40_000);

test('B closes the tab → offline after the grace, live in the live view and the members list', async () => {
  const bo = a.page.getByRole('region', { name: 'Agents' }).locator(`[data-agent-id="${agentB.user!.id}"]`);
  const closedAt = Date.now();
  await b!.context.close();
  b = null;
  await bo.locator('[data-presence="offline"]').waitFor({ timeout: GRACE_MS + UI_TIMEOUT });
  // Not before the grace: a reload would reconnect within it.
  expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 200);
  await screenshot(a.page, 'presence-live-view-offline');

  await a.page.goto(`${server.url}/manage/members`);
  const bRow = `[data-member-id="${agentB.user!.id}"]`;
  await a.page.locator(`${bRow} [data-presence="offline"]`).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(a.page, 'presence-members-offline');
  expect(a.errors).toEqual([]);
}, 40_000);
