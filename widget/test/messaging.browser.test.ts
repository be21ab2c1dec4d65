// The built widget in Chromium, the messaging journey: embedding on another origin (loader/chunk
// split, shadow DOM isolation), focus and keyboard, sending and receiving, typing, the unread
// badge, rendering safety, after hours, the end of a chat, identity and the PhoenixChat API.
import { expect, test } from 'bun:test';
import { ORG } from './fake-server';
import { browserSuite, launcher, open, send, T, textarea, transcript, untilConfirmed, untilFocused, untilSettled, untilTranscript } from './harness';

browserSuite('widget in Chromium: messaging', (s) => {
  test('embeds on another origin with only widget.js + config before open, themed, no stray globals', async () => {
    const { page } = await s.setup();
    // The theme proves the config came back; settling proves nothing else was asked for meanwhile.
    await page.waitForFunction(() => {
      const b = document.querySelector('phoenix-chat')?.shadowRoot?.querySelector('.launcher');
      return !!b && getComputedStyle(b).backgroundColor === 'rgb(15, 118, 110)';
    });
    await untilSettled(page, s.server.apiBase);
    expect(s.server.log.requests).toEqual(['GET /widget.js', 'GET /api/widget/config']);
    const globals = await page.evaluate(() => Object.keys(window).filter((k) => /^(phoenix|lit|reactive)/i.test(k)));
    expect(globals).toEqual(['PhoenixChat']);
    expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat');

    await open(page);
    // The chunk came from our server, and only now; the session too (never on a mere page view).
    expect(s.server.log.requests.some((r) => /^GET \/widget\/assets\/panel-[\w-]+\.js$/.test(r))).toBe(true);
    expect(s.server.log.requests).toContain('POST /api/widget/session');
    expect(s.server.chats.size).toBe(0);
    // Lit must not leave its version globals either.
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /^(phoenix|lit|reactive)/i.test(k)))).toEqual(['PhoenixChat']);
    // Theme and greeting from the org's settings.
    expect(await page.locator('phoenix-chat-panel h2').textContent()).toBe('Acme support');
    expect(await transcript(page)).toEqual(['Hi! How can we help?']);
  }, T);

  test('host page CSS does not leak in; widget styles do not leak out', async () => {
    const { page } = await s.setup();
    await open(page);
    const style = await textarea(page).evaluate((t) => ({ font: getComputedStyle(t).fontSize, color: getComputedStyle(t).color }));
    expect(style.font).toBe('14px');
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(await launcher(page).isVisible()).toBe(true); // `button { display: none !important }` is the page's only
    expect(await page.locator('#hostbtn').evaluate((b) => getComputedStyle(b).display)).toBe('none');
    expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontSize)).toBe('40px');
  }, T);

  test('keyboard: open focuses the composer, Escape closes and returns focus to the launcher', async () => {
    const { page } = await s.setup();
    await launcher(page).focus();
    await page.keyboard.press('Enter');
    await textarea(page).waitFor();
    await untilFocused(textarea(page));
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await untilFocused(launcher(page));
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('phoenix-chat .wrap').isHidden()).toBe(true);
    // Shift+Enter is a new line, Enter sends.
    await page.keyboard.press('Enter');
    await untilFocused(textarea(page));
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    expect(await textarea(page).inputValue()).toBe('line one\nline two');
    await page.keyboard.press('Enter');
    await s.server.waitFor(() => s.server.chats.size === 1 && s.server.messages.get(s.server.onlyChat().id)!.length === 1, 'message stored');
    expect(s.server.messages.get(s.server.onlyChat().id)![0]!.text).toBe('line one\nline two');
  }, T);

  test('send and receive: optimistic, acked once, agent reply live, typing both ways, unread badge', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'Hello, I need help');
    await untilConfirmed(page, 'Hello, I need help');
    const chat = server.onlyChat();
    expect(server.messages.get(chat.id)!.map((m) => m.text)).toEqual(['Hello, I need help']);
    expect(server.log.subscribes[0]).toEqual({ chatId: chat.id, afterSeq: 0 });

    // Visitor typing reaches the server.
    await textarea(page).pressSequentially('ab');
    await server.waitFor(() => server.log.typing.includes(true), 'typing true');

    server.agentTyping(chat.id, true);
    await page.locator('phoenix-chat-panel .typing').getByText('Ann is typing').waitFor();
    server.assign(chat.id);
    await page.locator('phoenix-chat-panel li.notice').waitFor();
    server.agentSays(chat.id, 'Hi, I am Ann. What is wrong?');
    await untilTranscript(page, { last: 'Hi, I am Ann. What is wrong?' });
    await page.locator('phoenix-chat-panel .typing .dots').waitFor({ state: 'detached' });
    expect(await page.locator('phoenix-chat-message .name').allTextContents()).toContain('Ann');
    expect(await page.locator('phoenix-chat-panel .status').textContent()).toBe('You are chatting with Ann');
    // The transcript is not read out whole; its own live region says who wrote (issue 18 item 8).
    expect(await page.locator('phoenix-chat-panel ol.log').getAttribute('aria-live')).toBe('off');
    expect(await page.locator('phoenix-chat-panel [data-testid="announce"]').textContent()).toBe('New message from Ann: Hi, I am Ann. What is wrong?');

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

  test('safety: markup stays text, only http/https/mailto become links', async () => {
    const { page } = await s.setup();
    await open(page);
    await send(page, '<b>bold?</b>');
    await untilConfirmed(page, '<b>bold?</b>');
    const chat = s.server.onlyChat();
    s.server.agentSays(chat.id, '<img src=x onerror="window.__pwned=1"> javascript:window.__pwned=2 data:text/html,<script>1</script> see https://docs.example.com/a. or mail help@example.com');
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

  test('after hours: the message shows before writing, and once in the chat', async () => {
    const { page } = await s.setup('', '/', (server) => {
      server.config.team.open = false;
    });
    await open(page);
    expect(await transcript(page)).toEqual(['Hi! How can we help?', 'We are closed. We reply at 9:00.']);
    expect(await page.locator('phoenix-chat-panel .status').textContent()).toBe('We are away right now');
    await send(page, 'anyone?');
    await untilConfirmed(page, 'anyone?');
    // The server posted the after-hours message into the chat: shown once, as a system message.
    expect(await transcript(page)).toEqual(['Hi! How can we help?', 'We are closed. We reply at 9:00.', 'anyone?']);
    expect(await page.locator('phoenix-chat-message[kind=system]').count()).toBe(1);
  }, T);

  test('chat ended: composer gives way to "start a new chat", which opens a fresh chat', async () => {
    const { page } = await s.setup();
    await open(page);
    await send(page, 'first chat');
    await untilConfirmed(page, 'first chat');
    const first = s.server.onlyChat();
    s.server.end(first.id);
    const again = page.getByRole('button', { name: 'Start a new chat' });
    await again.waitFor();
    expect(await textarea(page).count()).toBe(0);
    await again.click();
    await textarea(page).waitFor();
    await untilFocused(textarea(page));
    expect(await transcript(page)).toEqual(['Hi! How can we help?']);
    await send(page, 'second chat');
    await untilConfirmed(page, 'second chat');
    expect(s.server.chats.size).toBe(2);
  }, T);

  test('identity verification: userId/userHash go to the session call; a wrong hash stays anonymous', async () => {
    const { page } = await s.setup('?user-id=u42&user-hash=hash-of-u42');
    await open(page);
    expect(s.server.log.sessions[0]).toMatchObject({ org: ORG, userId: 'u42', userHash: 'hash-of-u42' });
    expect(s.server.log.sessions[0]!.visitor).toMatchObject({ pageUrl: expect.stringContaining('user-id=u42') });

    const bad = await s.setup('?user-id=u42&user-hash=forged');
    await open(bad.page);
    expect(s.server.log.sessions[0]).toMatchObject({ userId: 'u42', userHash: 'forged' });
    await send(bad.page, 'hi');
    await s.server.waitFor(() => s.server.chats.size === 1, 'chat');
    expect(s.server.onlyChat().contactId).toMatch(/^contact_/);
  }, T);

  test('hand-placed element with a server attribute, and the PhoenixChat API (queued calls, open/close, events)', async () => {
    const { page } = await s.setup('', '/manual');
    await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
    await page.evaluate(() => {
      const w = window as unknown as { PhoenixChat: { on(e: string, f: (d: unknown) => void): void }; __events: string[] };
      w.__events = [];
      for (const e of ['open', 'close', 'message', 'unread', 'chat:started']) w.PhoenixChat.on(e, () => w.__events.push(e));
    });
    await page.evaluate(() => (window as unknown as { PhoenixChat: { open(): void } }).PhoenixChat.open());
    await textarea(page).waitFor();
    await send(page, 'via api');
    await s.server.waitFor(() => s.server.chats.size === 1, 'chat');
    s.server.agentSays(s.server.onlyChat().id, 'reply');
    await untilTranscript(page, { has: ['reply'] });
    await page.evaluate(() => (window as unknown as { PhoenixChat: { close(): void } }).PhoenixChat.close());
    const events = await page.evaluate(() => (window as unknown as { __events: string[] }).__events);
    expect(events).toContain('open');
    expect(events).toContain('chat:started');
    expect(events).toContain('message');
    expect(events.at(-1)).toBe('close');
    expect(await page.evaluate(() => (window as unknown as { PhoenixChat: { isOpen(): boolean } }).PhoenixChat.isOpen())).toBe(false);
  }, T);

  test('an unknown widget key hides the launcher instead of offering a chat that cannot work', async () => {
    const { page } = await s.setup('?org=pk_wrong');
    await page.locator('phoenix-chat').waitFor({ state: 'hidden' });
    expect(await page.locator('phoenix-chat').evaluate((el) => (el as HTMLElement).hidden)).toBe(true);
    expect(s.server.log.requests).toEqual(['GET /widget.js', 'GET /api/widget/config']);
  }, T);
});
