// The console's gap rules wired as the chats store wires them (./resume.ts), against a fake
// history route: a frame lost on the way is fetched at once, a seq that never exists is skipped
// after one fetch, a failed fetch does not loop, and the resume point is the highest contiguous seq.
import '../../test/browser-globals';
import { describe, expect, test } from 'bun:test';
import type { MessageDto } from '../../../shared/types/dto';
import { mergeMessages } from './chatLogic';
import { chatResume } from './resume';
import { fakeMessage } from '../../test/fixtures';

const C = 'chat1';

function harness(stored: number[], opts: { fail?: boolean } = {}) {
  const synced: Record<string, number> = {};
  const messages: Record<string, MessageDto[]> = {};
  const pages: number[] = [];
  let release: (() => void) | null = null;
  const state = { fail: opts.fail ?? false, hold: false, stored };
  const r = chatResume({
    synced,
    messages,
    page: async (_chatId, afterSeq, limit) => {
      pages.push(afterSeq);
      const stored = state.stored; // what the database holds when the request reaches it
      if (state.hold) await new Promise<void>((done) => (release = done));
      if (state.fail) throw new Error('network');
      return { items: stored.filter((s) => s > afterSeq).slice(0, limit).map((s) => fakeMessage(s, { chatId: C })) };
    },
    receive: (chatId, items) => add(items, false, chatId),
  });
  function add(items: MessageDto[], live: boolean, chatId = C) {
    messages[chatId] = mergeMessages(messages[chatId] ?? [], items);
    r.merged(chatId, live);
  }
  const live = (...seqs: number[]) => seqs.forEach((s) => add([fakeMessage(s, { chatId: C })], true));
  const held = () => (messages[C] ?? []).map((m) => m.seq);
  const settle = () => new Promise((done) => setTimeout(done, 0));
  return { r, synced, pages, state, live, held, settle, release: () => release?.() };
}

describe('console gap filling', () => {
  test('a withheld frame: N+2 while holding N fetches afterSeq=N at once, and the resume point moves past it', async () => {
    const h = harness([1, 2, 3]);
    expect(h.r.resumeSeq(C)).toBe(0);
    h.live(1, 3);
    await h.settle();
    expect(h.pages).toEqual([1]);
    expect(h.held()).toEqual([1, 2, 3]);
    expect(h.r.resumeSeq(C)).toBe(3);
  });

  test('a seq that never exists is skipped after one fetch; later frames need none', async () => {
    const h = harness([1, 3, 4, 5]);
    h.r.resumeSeq(C);
    h.live(1, 3);
    await h.settle();
    expect(h.held()).toEqual([1, 3, 4, 5]);
    expect(h.r.resumeSeq(C)).toBe(5);
    h.live(6);
    await h.settle();
    expect(h.pages).toEqual([1]);
    expect(h.r.resumeSeq(C)).toBe(6);
  });

  test('a failed fetch is not retried in a loop: the next live frame tries again', async () => {
    const h = harness([1, 2, 3, 4], { fail: true });
    h.r.resumeSeq(C);
    h.live(1, 3);
    await h.settle();
    expect(h.pages).toEqual([1]);
    expect(h.r.resumeSeq(C)).toBe(1);
    h.state.fail = false;
    h.live(4);
    await h.settle();
    expect(h.pages).toEqual([1, 1]);
    expect(h.held()).toEqual([1, 2, 3, 4]);
    expect(h.r.resumeSeq(C)).toBe(4);
  });

  test('one fetch at a time; a new hole seen meanwhile gets one more after it', async () => {
    const h = harness([1, 2, 3]);
    h.r.resumeSeq(C);
    h.state.hold = true;
    h.live(1, 3);
    h.state.stored = [1, 2, 3, 4, 5, 6];
    h.live(4, 6); // 5 lost too, while the first fetch is out
    expect(h.pages).toEqual([1]);
    h.state.hold = false;
    h.release();
    await h.settle();
    await h.settle();
    expect(h.pages).toEqual([1, 4]);
    expect(h.held()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(h.r.resumeSeq(C)).toBe(6);
  });

  test('untracked chats (never loaded nor subscribed) fetch nothing', async () => {
    const h = harness([1, 2, 3]);
    h.live(1, 3);
    await h.settle();
    expect(h.pages).toEqual([]);
  });

  test('replayed: holes below what is held are settled, not beyond it', () => {
    const h = harness([]);
    h.r.resumeSeq(C);
    h.state.hold = true; // keep the gap fetch out
    h.live(1, 2, 4);
    h.r.replayed(C, 9);
    expect(h.r.resumeSeq(C)).toBe(4);
  });

  test('a full newest page that starts past the resume point replaces the old messages', () => {
    const h = harness([]);
    h.r.resumeSeq(C);
    h.live(1, 2);
    const page = [60, 61].map((s) => fakeMessage(s, { chatId: C }));
    expect(h.r.latestPage(C, page, true)).toBe(false);
    expect(h.r.latestPage(C, page, false)).toBe(true);
  });
});
