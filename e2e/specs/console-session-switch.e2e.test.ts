// Issue 12: when a session ends — a 401 after it was deleted elsewhere, or the server revoking it
// over the socket — nothing of that agent stays in the console. Agent A works with chats,
// messages and contacts; the session ends; agent B of another organization signs in in the same
// tab. Neither the Pinia stores (read from the running app) nor B's browser storage hold any of A's
// chats, messages or contacts.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import type { ChatDto, MemberDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, VisitorApi, addMember, newContext, signIn, uniqueEmail, watchErrors } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { agentSocket, proxySocket } from '../helpers/socket';
import { until } from '../helpers/wait';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let a: AgentApi;
let aEmail: string;
let aChat: ChatDto;
let aContactId: string;
let b: AgentApi;
let bEmail: string;
let bChat: ChatDto;

/** What may not survive A's session, wherever it would be: ids and the words of A's conversation. */
let tracesOfA: string[];

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  aEmail = uniqueEmail('ada');
  a = await addMember(admin, mailbox, { email: aEmail, name: 'Ada Agent', teamIds: [inbox.id] });

  // A's conversation: a named contact, the visitor's words and A's answer.
  const visitor = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  aChat = await visitor.openChat();
  aContactId = visitor.contactId;
  await visitor.say(aChat.id, 'Where is my order ALMA-4411?');
  await admin.call('PATCH', `/api/contacts/${aContactId}`, { name: 'Alma Private', email: 'alma.private@example.test' });
  await a.claim(aChat.id);
  await a.send(aChat.id, 'Ada here — ALMA-4411 ships tomorrow.');
  tracesOfA = [aChat.id, aContactId, a.user!.id, a.org!.id, 'ALMA-4411', 'Alma Private', 'alma.private@example.test'];

  // B owns another organization, with a visitor of its own.
  bEmail = uniqueEmail('bea');
  b = await new AgentApi(server.url).signup({ orgName: 'Bolt Outfitters', name: 'Bea Owner', email: bEmail, password: PASSWORD });
  const bLive = await agentSocket(server.url, b.sessionCookie);
  const bVisitor = await new VisitorApi(server.url, b.org!.widgetKey).start();
  bChat = await bVisitor.openChat();
  await bVisitor.say(bChat.id, 'Do you sell climbing bolts?');
  // B's console would list it live: the server announced it on B's socket.
  await bLive.frames.next('chat.created', (f) => f.chat.id === bChat.id);
  bLive.close();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
});

/** Every Pinia store's state, read from the running console (Vue keeps the app on its mount point). */
function storeState(page: Page): Promise<Record<string, Record<string, unknown>>> {
  return page.evaluate(() => {
    const mount = document.querySelector('#app') as (Element & { __vue_app__?: { config: { globalProperties: Record<string, unknown> } } }) | null;
    const pinia = mount?.__vue_app__?.config.globalProperties.$pinia as { state: { value: unknown } } | undefined;
    if (!pinia) throw new Error('no Pinia on #app');
    return JSON.parse(JSON.stringify(pinia.state.value)) as Record<string, Record<string, unknown>>;
  });
}

const storage = (page: Page) =>
  page.evaluate(() => ({
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)!])),
    session: Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)!])),
  }));

/** Ends a browser's session from outside it, as signing out in another tab with the same cookie would. */
async function logoutElsewhere(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'phx_session');
  expect(cookie).toBeDefined();
  const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: `phx_session=${cookie!.value}`, origin: server.url } });
  expect(res.status).toBeLessThan(300);
}

/** Signs in as A and works a little: A's chat opened (messages, read mark) and the contacts listed. */
async function workAsA(page: Page) {
  await page.goto(`${server.url}/login`);
  await signIn(page, aEmail, PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: /^Mine/ }).click();
  await page.getByRole('region', { name: 'Chats', exact: true }).getByRole('link', { name: /ships tomorrow/ }).click();
  const pane = page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByRole('log').getByText('Where is my order ALMA-4411?').waitFor({ timeout: UI_TIMEOUT });
  await nav.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('table').getByText('Alma Private').waitFor({ timeout: UI_TIMEOUT });

  // The stores really hold A's data now, and A's read mark is under A's own key.
  const state = await storeState(page);
  expect(Object.keys(state.chats!.byId as object)).toContain(aChat.id);
  expect(JSON.stringify(state.chats!.messages)).toContain('ALMA-4411');
  expect(Object.keys(state.contacts!.byId as object)).toContain(aContactId);
  const marks = JSON.parse((await storage(page)).local[`phoenix.readMarks.${a.user!.id}`] ?? '{}') as Record<string, number>;
  expect(marks[aChat.id]).toBeGreaterThan(0);
}

/** Nothing of A anywhere in the stores: each store back to empty, the session signed out. */
async function expectStoresEmpty(page: Page) {
  const state = await storeState(page);
  expect(state.session).toMatchObject({ user: null, org: null, status: 'anonymous' });
  expect(state.chats).toMatchObject({ byId: {}, lists: {}, messages: {}, pending: {}, capabilities: {}, typing: {}, readSeq: {}, ringing: [], activeChatId: null });
  expect(state.contacts).toMatchObject({ byId: {}, results: [], chatsByContact: {}, query: '', searched: false });
  expect(state.members).toMatchObject({ items: [], loaded: false, invitations: [] });
  expect(state.teams).toMatchObject({ items: [], loaded: false });
  const dump = JSON.stringify(state);
  for (const trace of tracesOfA) expect(dump).not.toContain(trace);
}

/** B signs in in the same tab and sees B's organization only — in the stores and in storage. */
async function signInAsBAndCheck(page: Page) {
  await signIn(page, bEmail, PASSWORD);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: /^Unassigned/ }).click();
  await page.getByRole('region', { name: 'Chats', exact: true }).getByRole('link', { name: /climbing bolts/ }).click();
  await page.getByRole('region', { name: 'Conversation', exact: true }).getByRole('log').getByText('Do you sell climbing bolts?').waitFor({ timeout: UI_TIMEOUT });

  const state = await until('B’s session in the stores', () => storeState(page), (s) => (s.session?.user as MemberDto | null)?.id === b.user!.id);
  expect(Object.keys(state.chats!.byId as object)).toContain(bChat.id);
  const dump = JSON.stringify(state);
  for (const trace of tracesOfA) expect(dump).not.toContain(trace);

  const { local, session } = await storage(page);
  const bKeys = [...Object.entries(local), ...Object.entries(session)].filter(([k]) => k.endsWith(`.${b.user!.id}`));
  expect(bKeys.map(([k]) => k)).toContain(`phoenix.readMarks.${b.user!.id}`);
  for (const [, value] of bKeys) for (const trace of tracesOfA) expect(value).not.toContain(trace);
  // The old key every user of the browser shared is gone.
  expect(local['phx.readSeq']).toBeUndefined();
}

test('a 401 after the session was deleted elsewhere leaves nothing of A for B, who signs in in the same tab', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The console's socket goes through a proxy that will keep the revocation from it: the next
  // REST call's 401 is then what ends the session.
  const socket = await proxySocket(page, '**/ws');
  await workAsA(page);
  await socket.frames.next('ready', (f) => f.as === 'agent' && f.userId === a.user!.id);

  socket.withhold((f) => f.type === 'session.revoked');
  socket.passCloses(false);
  await logoutElsewhere(page);
  const revoked = await socket.frames.next('session.revoked');
  expect(revoked.reason).toBe('logout');
  // The console did not hear of it: A's data is still on screen.
  expect(JSON.stringify(await storeState(page))).toContain('ALMA-4411');

  // Any REST call now answers 401, and the console ends the session.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Mine/ }).click();
  await page.getByText('Your session ended. Sign in again.').waitFor({ timeout: UI_TIMEOUT });
  await page.waitForURL(/\/login\?next=/, { timeout: UI_TIMEOUT });
  await expectStoresEmpty(page);

  // A server validation error reads as a sentence next to its field, not as the schema's path.
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const emailField = page.locator('.field').filter({ has: page.getByLabel('E-mail') });
  await emailField.getByRole('alert').filter({ hasText: 'Enter a valid e-mail address' }).waitFor({ timeout: UI_TIMEOUT });
  expect(await page.getByText(/body\.|should be|Property '/).count()).toBe(0);
  await screenshot(page, 'console-login-field-error');

  socket.withhold(null);
  socket.passCloses(true);
  await signInAsBAndCheck(page);
  await screenshot(page, 'console-session-switch');
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

test('the server revoking the session over the socket empties the stores too', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const socket = await proxySocket(page, '**/ws');
  await workAsA(page);
  await socket.frames.next('ready', (f) => f.as === 'agent' && f.userId === a.user!.id);

  await logoutElsewhere(page);
  await socket.frames.next('session.revoked', (f) => f.reason === 'logout');
  await page.getByText('You were signed out.').waitFor({ timeout: UI_TIMEOUT });
  await expectStoresEmpty(page);

  await signInAsBAndCheck(page);
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
