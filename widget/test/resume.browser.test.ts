// The built widget in Chromium, the resume journey: reloads and second tabs, offline and back,
// server restarts (replay from the resume point), refused and lost sends, a server that is down
// when the visitor opens the chat. The rules under test live in controllers/resume.ts and
// controllers/outbox-sender.ts.
import { expect, test } from 'bun:test';
import { ORG } from './fake-server';
import { browserSuite, launcher, open, send, T, transcript, untilConfirmed, untilTranscript } from './harness';

browserSuite('widget in Chromium: resume and offline', (s) => {
  test('reload and a second tab show the same chat', async () => {
    const { page, context } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'before reload');
    await untilConfirmed(page, 'before reload');
    const chat = server.onlyChat();
    server.agentSays(chat.id, 'agent answer');
    await untilTranscript(page, { has: ['agent answer'] });

    const socketsBefore = server.log.frames.filter((f) => f.type === 'auth').length;
    await page.reload();
    await launcher(page).waitFor();
    // A visitor with a live chat gets the panel loaded in the background (for the badge).
    await server.waitFor(() => server.log.frames.filter((f) => f.type === 'auth').length > socketsBefore, 'background reconnect after reload');
    await open(page);
    expect(await transcript(page)).toEqual(['Hi! How can we help?', 'before reload', 'agent answer']);

    const second = await context.newPage();
    await second.goto(`${server.hostBase}/`);
    await open(second);
    await untilTranscript(second, { has: ['agent answer'] });
    await send(second, 'from tab two');
    await untilTranscript(page, { has: ['from tab two'] });
    expect(server.chats.size).toBe(1);
    expect(new Set(server.log.sessions.map((x) => x.token)).size).toBe(2); // none, then the one token
  }, T);

  test('offline and back: messages typed meanwhile are queued, then arrive exactly once', async () => {
    const { page, context } = await s.setup();
    await open(page);
    await send(page, 'first');
    await untilConfirmed(page, 'first');
    await context.setOffline(true);
    await page.locator('phoenix-chat-panel .banner').getByText('You are offline').waitFor();
    await send(page, 'offline one');
    await send(page, 'offline two');
    await untilTranscript(page, { ending: { suffix: '[queued]', n: 2 } });
    expect(await page.locator('phoenix-chat-message[state=queued] .meta').first().textContent()).toContain('Waiting for connection');
    // Both were tried and put back to wait for the network (not failed, not dropped).
    await page.waitForFunction((key) => {
      const outbox = JSON.parse(sessionStorage.getItem(key) ?? '[]') as { state: string; dueAt: number }[];
      return outbox.length === 2 && outbox.every((e) => e.state === 'pending' && e.dueAt > 0);
    }, `phoenix-chat:${ORG}:outbox`);
    await context.setOffline(false);
    await untilTranscript(page, { has: ['offline one', 'offline two'] });
    const stored = s.server.messages.get(s.server.onlyChat().id)!.map((m) => m.text);
    expect(stored).toEqual(['first', 'offline one', 'offline two']);
    const t = await transcript(page);
    expect(t.filter((x) => x.startsWith('offline'))).toEqual(['offline one', 'offline two']);
  }, T);

  test('back online but the socket is refused: "Reconnecting…" shows until it connects', async () => {
    // Found by the real-server e2e: a failed first attempt leaves the state at 'connecting'
    // (no state change), and the banner was never rendered.
    const { page, context } = await s.setup();
    await open(page);
    await send(page, 'first');
    await untilConfirmed(page, 'first');
    const banner = page.locator('phoenix-chat-panel .banner');
    s.server.control.socketsDown = true;
    await context.setOffline(true);
    await banner.getByText('You are offline').waitFor();
    await context.setOffline(false);
    await banner.getByText('Reconnecting').waitFor();
    s.server.control.socketsDown = false;
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
  }, T);

  test('server restart: reconnect with backoff, resume from the last seq, no gaps, no duplicates', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'one');
    await untilConfirmed(page, 'one');
    const chat = server.onlyChat();
    server.agentSays(chat.id, 'two');
    await untilTranscript(page, { has: ['two'] });

    server.control.socketsDown = true;
    server.dropSockets();
    await page.locator('phoenix-chat-panel .banner').getByText('Reconnecting').waitFor();
    server.agentSaysSilently(chat.id, 'three (while down)');
    server.agentSaysSilently(chat.id, 'four (while down)');
    await send(page, 'five (typed while down)');
    // Without a socket it goes over REST, and its ack (seq 5) must not move the resume point.
    await untilConfirmed(page, 'five (typed while down)');
    expect(server.log.requests).toContain(`POST /api/widget/chats/${chat.id}/messages`);
    server.control.socketsDown = false;
    await untilTranscript(page, { has: ['four (while down)'] }, 15_000);
    const resumed = server.log.subscribes.at(-1)!;
    expect(resumed.afterSeq).toBe(2);
    expect((await transcript(page)).slice(1)).toEqual(['one', 'two', 'three (while down)', 'four (while down)', 'five (typed while down)']);
    expect(server.messages.get(chat.id)!.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  }, T);

  test('a refused message shows "Not sent" with a retry button that works', async () => {
    const { page } = await s.setup();
    await open(page);
    await send(page, 'warm up');
    await untilConfirmed(page, 'warm up');
    s.server.control.refuseOnce.add('please deliver');
    await send(page, 'please deliver');
    const failed = page.locator('phoenix-chat-message[state=failed]');
    await failed.waitFor();
    expect(await failed.locator('.meta').textContent()).toContain('Not sent.');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await untilConfirmed(page, 'please deliver');
    expect(s.server.messages.get(s.server.onlyChat().id)!.map((m) => m.text)).toEqual(['warm up', 'please deliver']);
  }, T);

  test('server unavailable at open: the visitor can still write; it goes out once the server answers', async () => {
    const { page } = await s.setup('', '/', (server) => {
      server.control.restDown = true;
    });
    await launcher(page).click();
    await page.locator('phoenix-chat-panel .banner').getByText('Could not reach the chat service').waitFor();
    expect(await launcher(page).isVisible()).toBe(true);
    await send(page, 'written while the server was down');
    await untilTranscript(page, { has: ['written while the server was down [queued]'] });
    s.server.control.restDown = false;
    await untilConfirmed(page, 'written while the server was down', 15_000);
    expect(s.server.messages.get(s.server.onlyChat().id)!.map((m) => m.text)).toEqual(['written while the server was down']);
  }, T);

  test('lost ack: the message is confirmed by the replay after a reconnect, stored once', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'hello');
    await untilConfirmed(page, 'hello');
    server.control.holdAcks = true;
    await send(page, 'ack gets lost');
    await server.waitFor(() => server.messages.get(server.onlyChat().id)!.length === 2, 'stored');
    // The server has it, but the widget never heard back. A later frame on the same socket shows
    // the moment an ack would have come has passed.
    server.agentTyping(server.onlyChat().id, true);
    await page.locator('phoenix-chat-panel .typing').getByText('Ann is typing').waitFor();
    expect((await transcript(page)).filter((t) => t.startsWith('ack gets lost'))).toEqual(['ack gets lost [pending]']);
    server.control.holdAcks = false;
    server.dropSockets();
    await untilConfirmed(page, 'ack gets lost', 15_000);
    expect(server.messages.get(server.onlyChat().id)!.map((m) => m.text)).toEqual(['hello', 'ack gets lost']);
    expect((await transcript(page)).filter((t) => t.startsWith('ack gets lost'))).toEqual(['ack gets lost']);
  }, T);
});
