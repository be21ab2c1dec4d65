// Issue 18 items 2-4 in Chromium, through the real widget on /demo: the team's pre-chat form
// before the first message (the server's sentence next to the refused field); after hours the
// offline form → mail in the test mailbox → an agent answers in the console → the answer by
// e-mail and on the visitor's next visit; and the queue place counting down as chats ahead are
// claimed. Agents act through the console UI where the journey is about them, else the API.
import { afterAll, beforeAll, beforeEach, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { TeamDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, PASSWORD, UI_TIMEOUT, addMember, newContext, signIn, uniqueEmail, watchErrors } from '../helpers/console';
import { decodeMail, startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { chatStartedWith } from '../helpers/widget';

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let admin: AgentApi;
let inbox: TeamDto;
let cara: AgentApi;
let caraEmail: string;

const INBOX_DEFAULTS: Partial<TeamDto> = {
  schedule: null,
  assignmentStrategy: 'none',
  unresponsiveStrategy: 'none',
  prechatForm: { enabled: false, fields: [] },
  offlineWhenNoAgentOnline: false,
};

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  const login = await demoLogin(server.url);
  admin = await new AgentApi(server.url).login(login.email, login.password);
  inbox = (await admin.teams()).find((t) => t.isDefault)!;
  caraEmail = uniqueEmail('cara');
  cara = await addMember(admin, mailbox, { email: caraEmail, name: 'Cara Agent', teamIds: [inbox.id] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);
beforeEach(async () => {
  await admin.updateTeam(inbox.id, INBOX_DEFAULTS);
});

async function visitorPage(width = 1280, height = 800) {
  const context = await newContext(browser, { width, height });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/demo`);
  const widget = page.locator('phoenix-chat');
  return {
    context,
    page,
    errors,
    widget,
    log: widget.getByRole('log', { name: 'Messages' }),
    status: widget.locator('.status'),
    async open() {
      await widget.getByRole('button', { name: 'Open chat' }).click();
      await widget.getByText('Loading chat…').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await widget.locator('.wrap').evaluate((wrap) => Promise.all(wrap.getAnimations().map((a) => a.finished)));
    },
    async say(text: string) {
      const box = widget.getByRole('textbox', { name: 'Write a message…' });
      await box.fill(text);
      await box.press('Enter');
      const log = widget.getByRole('log', { name: 'Messages' });
      await log.getByText(text, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      // Delivered: the bubble no longer says "Sending…".
      const bubble = log.locator('phoenix-chat-message').filter({ has: page.getByText(text, { exact: true }) });
      await bubble.and(log.locator('phoenix-chat-message[state="sent"]')).waitFor({ timeout: UI_TIMEOUT });
    },
  };
}

test('the pre-chat form comes before the first message, says what is wrong next to the field, and fills the contact', async () => {
  await admin.updateTeam(inbox.id, {
    prechatForm: {
      enabled: true,
      fields: [
        { field: 'name', label: 'Your name', required: true },
        { field: 'email', label: 'E-mail', required: true },
        { field: 'custom:order', label: 'Order number', required: false },
      ],
    },
  });
  const v = await visitorPage(390, 760);
  await v.open();
  const form = v.widget.locator('phoenix-visitor-form');
  await form.getByRole('heading', { name: 'Before we start' }).waitFor({ timeout: UI_TIMEOUT });
  expect(await v.widget.getByRole('textbox', { name: 'Write a message…' }).count()).toBe(0);

  await form.getByLabel('Your name').fill('Nora Field');
  await form.getByLabel('E-mail').fill('nora-at-example');
  await form.getByRole('button', { name: 'Start the chat' }).click();
  await form.getByText('E-mail: enter an e-mail address like name@example.com').waitFor({ timeout: UI_TIMEOUT });
  expect(await form.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
  await screenshot(v.page, 'widget-prechat-error-390');

  await form.getByLabel('E-mail').fill('nora@example.test');
  await form.getByLabel(/Order number/).fill('A-2041');
  await form.getByRole('button', { name: 'Start the chat' }).click();
  await v.say('Where is my order?');
  await v.status.getByText(/next in line|Waiting for an agent/).waitFor({ timeout: UI_TIMEOUT });
  await screenshot(v.page, 'widget-prechat-done-390');

  const chat = await chatStartedWith(admin, 'Where is my order?');
  const contact = await admin.call<{ name: string; email: string; customFields: { key: string; value: unknown }[] }>('GET', `/api/contacts/${chat.contactId}`);
  expect(contact).toMatchObject({ name: 'Nora Field', email: 'nora@example.test' });
  expect(contact.customFields.map((f) => [f.key, f.value])).toEqual([['order', 'A-2041']]);
  expect(v.errors).toEqual([]);
  await v.context.close();
}, 40_000);

test('after hours: the offline form → mail to the team and the visitor → an agent answers in the console → e-mail and the next visit show it', async () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const nine2five = [{ start: '09:00', end: '17:00' }];
  await admin.updateTeam(inbox.id, {
    schedule: { timezone: 'UTC', weekly: { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five }, exceptions: [{ date: day(0), intervals: [], label: 'Holiday' }, { date: day(1), intervals: [], label: 'Holiday' }] },
    afterHoursMessage: 'We are closed today. Leave your e-mail and we will answer.',
  });
  const v = await visitorPage();
  await v.open();
  await v.status.getByText('We are away right now').waitFor({ timeout: UI_TIMEOUT });
  await v.widget.getByRole('button', { name: 'Leave a message' }).click();
  const form = v.widget.locator('phoenix-visitor-form');
  await form.getByRole('button', { name: 'Send message' }).click();
  await form.getByText('Your e-mail address is required, so we can answer you').waitFor({ timeout: UI_TIMEOUT });
  const email = uniqueEmail('olga');
  await form.getByLabel('Your e-mail').fill(email);
  await form.getByLabel(/Your name/).fill('Olga');
  await form.getByLabel('Your message').fill('Can I change the colour of my order?');
  await screenshot(v.page, 'widget-offline-form');
  await form.getByRole('button', { name: 'Send message' }).click();
  await v.log.getByText('Can I change the colour of my order?').waitFor({ timeout: UI_TIMEOUT });
  await v.log.getByText(`Thanks! We will answer at ${email}`).waitFor({ timeout: UI_TIMEOUT });
  // Still closed: the header does not turn into "Waiting for an agent".
  await v.status.getByText('We are away right now').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(v.page, 'widget-offline-sent');

  const teamMail = await mailbox.waitFor(caraEmail, /offline message from Olga/);
  expect(decodeMail(teamMail.raw)).toContain('Can I change the colour of my order?');
  await mailbox.waitFor(email, /Thanks for your message to/);

  // Cara answers in the console, like any chat.
  const chat = await chatStartedWith(cara, 'Can I change the colour of my order?');
  const agentContext = await newContext(browser);
  const agentPage = await agentContext.newPage();
  await agentPage.goto(`${server.url}/login`);
  await signIn(agentPage, caraEmail, PASSWORD);
  await agentPage.goto(`${server.url}/chats/${chat.id}`);
  const pane = agentPage.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByRole('button', { name: 'Claim Chat' }).first().click();
  const composer = pane.getByRole('textbox', { name: 'Message' });
  await composer.fill('Yes — blue or green, just tell us which.');
  await composer.press('Enter');
  await pane.getByRole('log').getByText('blue or green').waitFor({ timeout: UI_TIMEOUT });
  await pane.getByText('Sending…').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await screenshot(agentPage, 'console-offline-answer');

  const reply = await mailbox.waitFor(email, /blue or green, just tell us which/);
  expect(decodeMail(reply.raw)).toMatch(/Cara Agent \(.+\) wrote:/);

  // The visitor comes back later (a new page, same browser): the conversation with the answer.
  await v.page.close();
  const back = await v.context.newPage();
  await back.goto(`${server.url}/demo`);
  const widget = back.locator('phoenix-chat');
  await widget.getByRole('button', { name: 'Open chat' }).click();
  const log = widget.getByRole('log', { name: 'Messages' });
  await log.getByText('Yes — blue or green, just tell us which.').waitFor({ timeout: UI_TIMEOUT });
  await log.getByText('Can I change the colour of my order?').waitFor({ timeout: UI_TIMEOUT });
  await widget.locator('.wrap').evaluate((wrap) => Promise.all(wrap.getAnimations().map((a) => a.finished)));
  await screenshot(back, 'widget-offline-next-visit');
  await agentContext.close();
  await v.context.close();
}, 60_000);

test('the queue place counts down as the chats ahead are claimed', async () => {
  // The demo organization has waiting chats of its own: the Inbox's queue starts empty here.
  const waiting = await admin.call<{ items: { id: string; teamId: string }[] }>('GET', '/api/chats?view=unassigned&limit=200');
  for (const chat of waiting.items.filter((c) => c.teamId === inbox.id)) await admin.call('POST', `/api/chats/${chat.id}/end`);
  const visitors = [];
  for (const [i, text] of ['First in line here', 'Second in line here', 'Third in line here'].entries()) {
    const v = await visitorPage(i === 2 ? 390 : 1280, i === 2 ? 760 : 800);
    await v.open();
    await v.say(text);
    visitors.push({ ...v, text });
  }
  const [a, b, c] = visitors as [(typeof visitors)[0], (typeof visitors)[0], (typeof visitors)[0]];
  await a.status.getByText('You are next in line').waitFor({ timeout: UI_TIMEOUT });
  await b.status.getByText('You are number 2 in line').waitFor({ timeout: UI_TIMEOUT });
  await c.status.getByText('You are number 3 in line').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(c.page, 'widget-queue-3-390');

  await cara.claim((await chatStartedWith(cara, a.text)).id);
  await b.status.getByText('You are next in line').waitFor({ timeout: UI_TIMEOUT });
  await c.status.getByText('You are number 2 in line').waitFor({ timeout: UI_TIMEOUT });
  await a.status.getByText('You are chatting with Cara Agent').waitFor({ timeout: UI_TIMEOUT });

  await cara.claim((await chatStartedWith(cara, b.text)).id);
  await c.status.getByText('You are next in line').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(c.page, 'widget-queue-next-390');
  for (const v of visitors) {
    expect(v.errors).toEqual([]);
    await v.context.close();
  }
}, 60_000);
