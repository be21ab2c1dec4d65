// Issue 13, the console's half of "recover a deliberately withheld seq": the page's socket goes
// through a proxy (helpers/socket.ts) that drops frames on the way.
// 1. One `message.created` is withheld; the next message shows the hole (N+2 while holding N) and
//    the console fetches `GET /api/chats/:id/messages?afterSeq=N` at once — same socket, no reload.
// 2. Frames are withheld for a while (a message of the open chat, a new chat, its badge) while a
//    later message gets through and its gap fetch fails; then the page's socket is closed with
//    4029 (the server's backpressure close): the console reconnects, resumes from its highest
//    *contiguous* seq — not the highest it holds — so the server replays the missing message, and
//    it refreshes its list counts. It ends with every stored message, in seq order.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import type { ChatDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, VisitorApi, addMember, newContext, signIn, uniqueEmail, watchErrors } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { proxySocket, type SocketProxy } from '../helpers/socket';
import { until } from '../helpers/wait';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let admin: AgentApi;
let agentEmail: string;
let visitor: VisitorApi;
let chat: ChatDto;
let context: BrowserContext;
let page: Page;
let errors: string[];
let socket: SocketProxy;
/** Every history request the console made for the chat, as `afterSeq=…&…` query strings. */
const historyQueries: string[] = [];

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
  admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  agentEmail = uniqueEmail('gia');
  const agent = await addMember(admin, mailbox, { email: agentEmail, name: 'Gia Agent', teamIds: [inbox.id] });
  visitor = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  chat = await visitor.openChat();
  await visitor.say(chat.id, 'first: my parcel GAP-101 is late');
  await agent.claim(chat.id);
}, 60_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

const pane = () => page.getByRole('region', { name: 'Conversation', exact: true });

/** The conversation as the console shows it: seq and text of every stored message, in DOM order. */
const shown = () =>
  page.locator('[role="log"] .msg[data-seq]').evaluateAll((els) =>
    els.map((el) => ({ seq: Number(el.getAttribute('data-seq')), text: (el.querySelector('.bubble')?.textContent ?? '').trim() })),
  );

/** What the server stored, seq and text, to compare with what the console shows. */
async function stored() {
  return (await visitor.messages(chat.id)).map((m) => ({ seq: m.seq, text: m.text }));
}

async function expectEverythingInOrder() {
  const want = await stored();
  const got = await until('the console shows every stored message', shown, (s) => s.length >= want.length);
  expect(got.map((m) => m.seq)).toEqual(want.map((m) => m.seq));
  for (const [i, m] of want.entries()) expect(got[i]!.text).toContain(m.text);
}

test('a message frame withheld from the console is fetched when the next one shows the hole — no reconnect, no reload', async () => {
  context = await newContext(browser);
  page = await context.newPage();
  errors = watchErrors(page);
  socket = await proxySocket(page, '**/ws');
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === `/api/chats/${chat.id}/messages` && url.searchParams.has('afterSeq')) historyQueries.push(url.search);
  });
  await page.goto(`${server.url}/login`);
  await signIn(page, agentEmail, PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Mine/ }).click();
  await page.getByRole('region', { name: 'Chats', exact: true }).getByRole('link', { name: /GAP-101/ }).click();
  await pane().getByRole('log').getByText('GAP-101').waitFor({ timeout: UI_TIMEOUT });
  await socket.frames.next('chat.replayed', (f) => f.chatId === chat.id);
  // A mark in the page: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  socket.withhold((f) => f.type === 'message.created' && f.message.text.startsWith('second'));
  const second = await visitor.say(chat.id, 'second: it was due on Monday');
  await socket.frames.next('message.created', (f) => f.message.id === second.id);
  socket.withhold(null);
  expect(await pane().getByText('it was due on Monday').count()).toBe(0);
  expect(historyQueries).toEqual([]);

  await visitor.say(chat.id, 'third: any news?');
  await pane().getByRole('log').getByText('any news?').waitFor({ timeout: UI_TIMEOUT });
  await pane().getByRole('log').getByText('it was due on Monday').waitFor({ timeout: UI_TIMEOUT });
  await expectEverythingInOrder();
  // One history fetch, from the seq before the hole; the same socket throughout.
  expect(historyQueries).toHaveLength(1);
  expect(new URLSearchParams(historyQueries[0]).get('afterSeq')).toBe(String(second.seq - 1));
  expect(socket.frames.all('ready')).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}, 60_000);

test('a seq still missing at a 4029 close is replayed: the console resumes from its contiguous seq, and refreshes its counts', async () => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const unassigned = nav.getByRole('link', { name: /^Unassigned/ });
  expect(await unassigned.getByLabel(/chats?$/).count()).toBe(0);
  const framesOf = (text: string) => socket.frames.all('message.created').filter((f) => f.message.text.startsWith(text)).length;
  const thirdFrames = framesOf('third');

  // The socket goes deaf but for one frame: the open chat's "fourth" and a new visitor's chat are
  // lost; "fifth" arrives and shows the hole, but the fetch for it fails (the network, say).
  const isHistory = (url: URL) => url.pathname === `/api/chats/${chat.id}/messages` && url.searchParams.has('afterSeq');
  let failedFetches = 0;
  await page.route(isHistory, (route) => ((failedFetches += 1), route.abort()));
  socket.withhold((f) => !(f.type === 'message.created' && f.message.text.startsWith('fifth')));
  const fourth = await visitor.say(chat.id, 'fourth: hello?');
  await socket.frames.next('message.created', (f) => f.message.id === fourth.id);
  const other = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  const otherChat = await other.openChat();
  await other.say(otherChat.id, 'Do you ship to Norway?');
  await socket.frames.next('chat.created', (f) => f.chat.id === otherChat.id);
  await visitor.say(chat.id, 'fifth: is anyone there?');
  await pane().getByRole('log').getByText('is anyone there?').waitFor({ timeout: UI_TIMEOUT });
  await until('the gap fetch tried', async () => failedFetches, (n) => n >= 1);
  expect(await pane().getByText('hello?').count()).toBe(0);

  // The server gives up on the slow socket; the page hears the backpressure close.
  await page.unroute(isHistory);
  socket.withhold(null);
  const readyBefore = socket.frames.all('ready').length;
  await socket.page()!.close({ code: CLOSE_CODES.BACKPRESSURE, reason: 'backpressure' });
  await socket.frames.next('ready', () => socket.frames.all('ready').length > readyBefore, UI_TIMEOUT);

  await pane().getByRole('log').getByText('hello?').waitFor({ timeout: UI_TIMEOUT });
  await expectEverythingInOrder();
  // Resumed after "third" — the highest contiguous seq, not the highest held ("fifth"): the
  // server replayed "fourth" and "fifth", not "third".
  expect(framesOf('fourth')).toBe(2);
  expect(framesOf('fifth')).toBe(2);
  expect(framesOf('third')).toBe(thirdFrames);
  expect(failedFetches).toBe(1);
  // The lists and counts were brought up to date: the new chat waits in Unassigned.
  await unassigned.getByLabel('1 chat').waitFor({ timeout: UI_TIMEOUT });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await screenshot(page, 'console-gap');
  expect(errors).toEqual([]);
}, 60_000);
