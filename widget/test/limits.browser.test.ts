// The built widget in Chromium against the server's visitor protections (issue 15 items 4, 6, 14):
// a "too fast" refusal is said in words and the message goes by itself after the server's wait;
// a page whose origin the organization does not allow says why in the console and shows nothing;
// an expired visitor token becomes a fresh session without losing what the visitor wrote.
import { expect, test } from 'bun:test';
import { browserSuite, open, send, T, transcript, untilConfirmed, untilTranscript, type HelperWindow } from './harness';

browserSuite('widget in Chromium: visitor limits, origins and token expiry', (s) => {
  test('RATE_LIMITED: the bubble says so in a sentence, then the message is sent after retryAfterSeconds', async () => {
    const { page } = await s.setup('', '/', (server) => server.control.tooFastOnce.add('hello fast'));
    await open(page);
    await send(page, 'hello fast');
    await untilTranscript(page, { has: ['hello fast [limited]'] });
    const sentence = await page.waitForFunction(() => {
      const msg = (window as HelperWindow).__phx.root('panel')?.querySelector('phoenix-chat-message[state=limited]');
      return msg?.shadowRoot?.querySelector('.meta')?.textContent?.trim() ?? null;
    });
    expect(await sentence.jsonValue()).toBe('You’re sending messages too fast — we’ll send this in a few seconds.');
    await untilConfirmed(page, 'hello fast', 10_000);
    // Sent twice over the socket (refused, then taken), stored once, and never "Not sent".
    expect(s.server.log.frames.filter((f) => f.type === 'message.send' && f.text === 'hello fast').length).toBe(2);
    expect(s.server.messages.get(s.server.onlyChat().id)!.filter((m) => m.text === 'hello fast').length).toBe(1);
  }, T);

  test('a refused origin: a clear console.error for the site developer, no launcher, no session', async () => {
    const errors: string[] = [];
    const { page } = await s.setup('', '/', (server) => {
      server.control.refuseOrigin = true;
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.reload();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('phoenix-chat')?.hidden === true);
    await s.server.waitFor(() => s.server.log.requests.includes('GET /api/widget/config'), 'the config request');
    const deadline = Date.now() + 5_000;
    while (!errors.some((e) => e.includes('may not use this chat widget')) && Date.now() < deadline) await page.waitForTimeout(50);
    const message = errors.find((e) => e.includes('may not use this chat widget'));
    expect(message).toContain(new URL(s.server.hostBase).origin);
    expect(message).toContain('Integrations');
    expect(s.server.log.sessions).toEqual([]);
  }, T);

  test('an expired token: the socket is refused, the widget starts a fresh session by itself and the visitor goes on writing', async () => {
    const { page } = await s.setup();
    await open(page);
    await send(page, 'before');
    await untilConfirmed(page, 'before');
    const sessions = s.server.log.sessions.length;
    // 90 days later (the server's clock): the visitor's token is expired; the socket reconnects with it.
    for (const f of s.server.log.frames) if (f.type === 'auth') s.server.control.expired.add(String(f.token));
    s.server.dropSockets();
    await s.server.waitFor(() => s.server.log.sessions.length > sessions, 'a fresh session');
    expect(s.server.log.sessions.at(-1)!.token).toBeUndefined();
    await send(page, 'after expiry');
    await untilConfirmed(page, 'after expiry');
    expect(s.server.chats.size).toBe(2);
    expect((await transcript(page)).some((t) => t.includes('[failed]'))).toBe(false);
  }, T);
});
