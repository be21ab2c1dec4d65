// The built widget in Chromium, issue 13's gap journey: a `message.created` frame lost on the way
// (the fake server withholds it) is fetched from the history at once, without a reconnect; a seq
// that will never exist (a crash took it) is skipped after one fetch; a frame lost right before a
// disconnect — with the server's resume close codes — is replayed, because the resume point is
// the highest contiguous seq. The rules live in internal/gaps.ts and controllers/resume.ts.
import { expect, test } from 'bun:test';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { browserSuite, open, send, T, transcript, untilConfirmed, untilSettled, untilTranscript } from './harness';

const authCount = (frames: Record<string, unknown>[]) => frames.filter((f) => f.type === 'auth').length;

browserSuite('widget in Chromium: gaps in the seqs', (s) => {
  test('a withheld frame is fetched as soon as a later seq shows the hole, and shown in order', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'one');
    await untilConfirmed(page, 'one');
    const chat = server.onlyChat();
    const pagesBefore = server.log.history.length;
    const subscribesBefore = server.log.subscribes.length;
    const authsBefore = authCount(server.log.frames);

    server.control.withhold = (f) => f.type === 'message.created' && f.message.text === 'two (lost on the way)';
    server.agentSays(chat.id, 'two (lost on the way)');
    server.control.withhold = null;
    expect(server.log.withheld).toHaveLength(1);
    server.agentSays(chat.id, 'three');

    await untilTranscript(page, { has: ['two (lost on the way)', 'three'] });
    expect((await transcript(page)).slice(1)).toEqual(['one', 'two (lost on the way)', 'three']);
    // Fetched from the resume point (seq 1) over REST, on the same socket: no reconnect.
    expect(server.log.history.slice(pagesBefore)).toEqual([1]);
    expect(server.log.subscribes.length).toBe(subscribesBefore);
    expect(authCount(server.log.frames)).toBe(authsBefore);

    // The resume point moved past the recovered seq: a reconnect resumes from 3.
    server.dropSockets(CLOSE_CODES.RESUME);
    await server.waitFor(() => server.log.subscribes.length > subscribesBefore, 'resubscribe', 15_000);
    expect(server.log.subscribes.at(-1)!.afterSeq).toBe(3);
  }, T);

  test('a seq that will never exist is skipped after one fetch: no waiting, no refetch', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'one');
    await untilConfirmed(page, 'one');
    const chat = server.onlyChat();
    const pagesBefore = server.log.history.length;

    server.burnSeq(chat.id); // seq 2: taken by a crash, never stored
    server.agentSays(chat.id, 'three');
    await untilTranscript(page, { has: ['three'] });
    await server.waitFor(() => server.log.history.length > pagesBefore, 'the gap fetch');
    await untilSettled(page, server.apiBase);
    server.agentSays(chat.id, 'four');
    await untilTranscript(page, { last: 'four' });
    await untilSettled(page, server.apiBase);
    expect(server.log.history.slice(pagesBefore)).toEqual([1]);
    expect((await transcript(page)).slice(1)).toEqual(['one', 'three', 'four']);

    const subscribesBefore = server.log.subscribes.length;
    server.dropSockets(CLOSE_CODES.BACKPRESSURE);
    await server.waitFor(() => server.log.subscribes.length > subscribesBefore, 'resubscribe', 15_000);
    expect(server.log.subscribes.at(-1)!.afterSeq).toBe(4);
  }, T);

  test('a frame lost right before a 4029 close is replayed, and the chat is read again', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'one');
    await untilConfirmed(page, 'one');
    const chat = server.onlyChat();
    const subscribesBefore = server.log.subscribes.length;

    // The last message and the assignment both lost; then the server closes the slow socket.
    server.control.withhold = (f) => f.type === 'chat.assigned' || (f.type === 'message.created' && f.message.text === 'lost, then the socket closed');
    server.assign(chat.id);
    server.agentSays(chat.id, 'lost, then the socket closed');
    server.control.withhold = null;
    expect(server.log.withheld.map((f) => f.type)).toEqual(['chat.assigned', 'message.created']);
    server.dropSockets(CLOSE_CODES.BACKPRESSURE);

    await untilTranscript(page, { last: 'lost, then the socket closed' }, 15_000);
    expect(server.log.subscribes.slice(subscribesBefore).map((x) => x.afterSeq)).toEqual([1]);
    expect((await transcript(page)).slice(1)).toEqual(['one', 'lost, then the socket closed']);
    await page.locator('phoenix-chat-panel li.notice').getByText('Ann joined the chat').waitFor();
  }, T);
});
