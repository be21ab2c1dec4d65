// Issue 18 item 8, "a widget people enjoy": at a phone's width and a desktop's, the agent's
// initials and name beside their run of messages and in the header, one time under each run and
// a day separator above the first message; an agent's reply with light formatting; the live
// region's announcement; Tab kept inside the open panel and Escape back to the launcher. Screenshots: e2e/artifacts/widget-390.png, widget-1440.png.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { TeamDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, addMember, uniqueEmail } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { DemoVisitor, chatStartedWith } from '../helpers/widget';

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let jonas: AgentApi;
let inbox: TeamDto;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  const login = await demoLogin(server.url);
  const admin = await new AgentApi(server.url).login(login.email, login.password);
  inbox = (await admin.teams()).find((t) => t.isDefault)!;
  await admin.updateTeam(inbox.id, { schedule: null, assignmentStrategy: 'none', unresponsiveStrategy: 'none', onlineOnlyRouting: true });
  jonas = await addMember(admin, mailbox, { email: uniqueEmail('jonas'), name: 'Jonas Berg', teamIds: [inbox.id] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

for (const width of [390, 1440]) {
  test(`at ${width} px: the agent's initials and name, grouped times, a day separator`, async () => {
    const visitor = await DemoVisitor.arrive(browser, server.url);
    const { page, log, widget } = visitor;
    await page.setViewportSize({ width, height: width < 500 ? 780 : 900 });
    await visitor.open();
    const first = `Hello, do you ship to Norway? (${width})`;
    await visitor.send(first);
    await visitor.delivered(first);
    const chat = await chatStartedWith(jonas, first);
    await jonas.claim(chat.id);
    await visitor.status().getByText('You are chatting with Jonas Berg').waitFor({ timeout: UI_TIMEOUT });
    await jonas.send(chat.id, 'Hi! Yes, we ship to Norway.');
    await jonas.send(chat.id, 'Delivery takes 3–5 working days.');
    await log.getByText('Delivery takes 3–5 working days.').waitFor({ timeout: UI_TIMEOUT });
    // Light formatting, rendered as elements; markup in the text stays text.
    await jonas.send(chat.id, 'To track it:\n1. Open *My orders*\n2. Pick _Track_ on https://example.com/my_orders\nNot 2*3*4 or snake_case <b>x</b>');
    const formatted = log.locator('phoenix-chat-message').filter({ hasText: 'To track it:' });
    await formatted.waitFor({ timeout: UI_TIMEOUT });
    expect(await formatted.locator('ol > li').allTextContents()).toEqual(['Open My orders', 'Pick Track on https://example.com/my_orders']);
    expect(await formatted.locator('strong').allTextContents()).toEqual(['My orders']);
    expect(await formatted.locator('em').allTextContents()).toEqual(['Track']);
    expect(await formatted.locator('a').getAttribute('href')).toBe('https://example.com/my_orders');
    expect(await formatted.locator('b').count()).toBe(0);
    await formatted.getByText('Not 2*3*4 or snake_case <b>x</b>').waitFor({ timeout: UI_TIMEOUT });

    // The header: Jonas's initials beside the title.
    expect((await widget.locator('header .avatar').textContent())?.trim()).toBe('JB');
    // His run: the name and the initials once, on the first message; the time once, under the last.
    const run = [visitor.bubble('Hi! Yes, we ship to Norway.'), visitor.bubble('Delivery takes 3–5 working days.'), formatted];
    expect(await run[0]!.locator('.name').textContent()).toBe('Jonas Berg');
    expect(await run[0]!.locator('.avatar').textContent()).toBe('JB');
    expect(await run[1]!.locator('.name').count()).toBe(0);
    expect(await run[1]!.locator('.avatar').count()).toBe(0);
    expect(await run[2]!.locator('.name').count()).toBe(0);
    expect(await run[0]!.locator('time').count()).toBe(0);
    expect(await run[1]!.locator('time').count()).toBe(0);
    const time = run[2]!.locator('time');
    expect(await time.textContent()).toBe('just now');
    expect(Number.isNaN(Date.parse((await time.getAttribute('datetime'))!))).toBe(false);
    expect(await time.getAttribute('title')).toMatch(/\d{4}/); // the full date in the tooltip
    expect(await log.locator('[data-testid="day"]').allTextContents()).toEqual(['Today']);

    await screenshot(page, `widget-${width}`);

    // The live region names who wrote the newest message.
    expect(await widget.locator('[data-testid="announce"]').textContent()).toStartWith('New message from Jonas Berg: To track it:');
    // Keyboard: Tab (and Shift+Tab) cycle inside the open panel; Escape closes it onto the launcher.
    const focused = () =>
      page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return { inPanel: !!a && a.getRootNode() !== document && !a.classList.contains('launcher'), label: a?.getAttribute('aria-label') ?? a?.tagName ?? '' };
      });
    const seen = new Set<string>();
    for (let n = 0; n < 12; n++) {
      await page.keyboard.press(n % 4 === 3 ? 'Shift+Tab' : 'Tab');
      const f = await focused();
      expect(f.inPanel).toBe(true);
      seen.add(f.label);
    }
    expect(seen.size).toBeGreaterThan(2); // it moved, it did not stick on one element
    await page.keyboard.press('Escape');
    expect(await widget.locator('.launcher').evaluate((l) => l.getRootNode() instanceof ShadowRoot && (l.getRootNode() as ShadowRoot).activeElement === l)).toBe(true);
    expect(visitor.errors).toEqual([]);
    await visitor.close();
  }, 60_000);
}
