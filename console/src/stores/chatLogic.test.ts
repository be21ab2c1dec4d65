import { describe, expect, test } from 'bun:test';
import type { ChatDto, MessageDto } from '../../../shared/types/dto';
import {
  afterGapFetch,
  afterReplay,
  compareChats,
  contiguousSeq,
  gapTarget,
  joinsLatestPage,
  dropDelivered,
  isUnread,
  matchesView,
  mergeMessages,
  parseViewKey,
  placeInList,
  titleWithUnread,
  viewKey,
  type PendingMessage,
  type ViewSpec,
} from './chatLogic';
import { fakeChat as chat, fakeMessage } from '../../test/fixtures';

function msg(seq: number, text = `m${seq}`, clientId: string | null = null): MessageDto {
  return fakeMessage(seq, { text, clientId });
}

describe('mergeMessages', () => {
  const cases: [string, number[], number[], number[]][] = [
    ['empty + page', [], [1, 2, 3], [1, 2, 3]],
    ['append live', [1, 2], [3], [1, 2, 3]],
    ['replay overlaps', [1, 2, 3], [2, 3, 4, 5], [1, 2, 3, 4, 5]],
    ['older page before', [5, 6], [3, 4], [3, 4, 5, 6]],
    ['out of order frames', [1], [4, 2, 3], [1, 2, 3, 4]],
    ['gap kept sorted', [1, 5], [3], [1, 3, 5]],
    ['duplicate only', [1, 2], [2], [1, 2]],
    ['nothing new', [1, 2], [], [1, 2]],
  ];
  test.each(cases)('%s', (_n, have, incoming, want) => {
    expect(mergeMessages(have.map((s) => msg(s)), incoming.map((s) => msg(s))).map((m) => m.seq)).toEqual(want);
  });
  test('later copy of a seq wins', () => {
    const out = mergeMessages([msg(1, 'old')], [msg(1, 'new')]);
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toBe('new');
  });
});

describe('matchesView', () => {
  const me = 'u1';
  const open: ViewSpec = { view: 'all', status: 'open' };
  const cases: [string, Partial<ChatDto>, ViewSpec, boolean][] = [
    ['unassigned in unassigned', { status: 'unassigned' }, { view: 'unassigned', status: 'open' }, true],
    ['assigned not in unassigned', { status: 'assigned', assigneeId: 'u2' }, { view: 'unassigned', status: 'open' }, false],
    ['mine', { status: 'assigned', assigneeId: me }, { view: 'mine', status: 'open' }, true],
    ['someone else not mine', { status: 'assigned', assigneeId: 'u2' }, { view: 'mine', status: 'open' }, false],
    ['ended not in open all', { status: 'ended', assigneeId: me }, open, false],
    ['ended in ended all', { status: 'ended' }, { view: 'all', status: 'ended' }, true],
    ['ended mine in ended mine', { status: 'ended', assigneeId: me }, { view: 'mine', status: 'ended' }, true],
    ['open not in ended', { status: 'assigned', assigneeId: me }, { view: 'mine', status: 'ended' }, false],
    ['team match', { teamId: 't1' }, { view: 'team', teamId: 't1', status: 'open' }, true],
    ['team mismatch', { teamId: 't2' }, { view: 'team', teamId: 't1', status: 'open' }, false],
    ['all open', { status: 'assigned', assigneeId: 'u2' }, open, true],
    ['label match', { labels: ['vip', 'refund'] }, { ...open, label: 'refund' }, true],
    ['label missing', { labels: ['vip'] }, { ...open, label: 'refund' }, false],
    ['label filter, no labels', {}, { ...open, label: 'refund' }, false],
  ];
  test.each(cases)('%s', (_n, p, spec, want) => {
    expect(matchesView(chat({ id: 'a', ...p }), spec, me)).toBe(want);
  });
});

describe('view keys', () => {
  const specs: ViewSpec[] = [
    { view: 'all', status: 'open' },
    { view: 'mine', status: 'ended' },
    { view: 'team', teamId: 'abc', status: 'open' },
    { view: 'all', status: 'open', label: 'vip customer' },
    { view: 'team', teamId: 'abc', status: 'ended', label: 'a:b%c' },
  ];
  test.each(specs)('round-trips %p', (spec) => expect(parseViewKey(viewKey(spec))).toEqual(spec));
});

describe('placeInList', () => {
  // Chats as the server pages them: open lists oldest first (a queue), ended lists newest first.
  const at = (id: string, sec: number, lastSec = sec) =>
    chat({
      id,
      createdAt: `2025-01-01T10:00:${String(sec).padStart(2, '0')}.000Z`,
      lastMessage: { seq: 1, text: '', author: { kind: 'contact', id: null, name: null }, createdAt: `2025-01-01T10:01:${String(lastSec).padStart(2, '0')}.000Z` },
    });
  const db: Record<string, ChatDto> = { a: at('a', 10), b: at('b', 20), c: at('c', 30) };
  const lookup = (id: string) => db[id];
  const cases: [string, 'open' | 'ended', string[], ChatDto, boolean, string[]][] = [
    ['open: a new chat joins the end of the queue', 'open', ['a', 'b', 'c'], at('d', 40), true, ['a', 'b', 'c', 'd']],
    ['open: back in its place in the middle', 'open', ['a', 'c'], at('b', 20), true, ['a', 'b', 'c']],
    ['open: an older one goes first', 'open', ['b', 'c'], at('a', 10), true, ['a', 'b', 'c']],
    ['open: a new message keeps its place', 'open', ['a', 'b', 'c'], at('a', 10, 59), true, ['a', 'b', 'c']],
    ['ended: newest first', 'ended', ['c', 'b', 'a'], at('d', 40), true, ['d', 'c', 'b', 'a']],
    ['ended: back in the middle', 'ended', ['c', 'a'], at('b', 20), true, ['c', 'b', 'a']],
    ['removed when it no longer belongs', 'open', ['a', 'b', 'c'], at('b', 20), false, ['a', 'c']],
    ['absent and not belonging', 'open', ['a'], at('z', 1), false, ['a']],
  ];
  test.each(cases)('%s', (_n, status, ids, c, belongs, want) => {
    expect(placeInList(ids, c, belongs, lookup, status)).toEqual(want);
  });
  test('compareChats follows the server: open oldest first, ended newest first, ties by id', () => {
    expect(compareChats(db.a!, db.b!, 'open')).toBeLessThan(0);
    expect(compareChats(db.a!, db.b!, 'ended')).toBeGreaterThan(0);
    expect(compareChats(chat({ id: 'x' }), chat({ id: 'y' }), 'open')).toBeLessThan(0);
    expect(compareChats(chat({ id: 'x' }), chat({ id: 'y' }), 'ended')).toBeGreaterThan(0);
  });
});

describe('pending and unread', () => {
  test('dropDelivered removes acked clientIds only', () => {
    const p = (clientId: string): PendingMessage => ({ clientId, chatId: 'x', text: '', attachmentIds: [], attachmentNames: [], status: 'sending', error: null, createdAt: '' });
    expect(dropDelivered([p('a'), p('b')], [msg(3, 'x', 'a')]).map((x) => x.clientId)).toEqual(['b']);
  });
  const last = (kind: 'contact' | 'agent', seq: number) => ({ seq, text: '', author: { kind, id: null, name: null }, createdAt: '' });
  const cases: [string, Partial<ChatDto>, number | undefined, boolean][] = [
    ['contact wrote, never read', { status: 'assigned', assigneeId: 'u1', lastMessage: last('contact', 3) }, undefined, true],
    ['contact wrote, read up to it', { status: 'assigned', assigneeId: 'u1', lastMessage: last('contact', 3) }, 3, false],
    ['agent wrote last', { status: 'assigned', assigneeId: 'u1', lastMessage: last('agent', 4) }, 1, false],
    ['not mine', { status: 'assigned', assigneeId: 'u2', lastMessage: last('contact', 3) }, 0, false],
    ['ended', { status: 'ended', assigneeId: 'u1', lastMessage: last('contact', 3) }, 0, false],
  ];
  test.each(cases)('isUnread: %s', (_n, p, read, want) => expect(isUnread(chat({ id: 'a', ...p }), 'u1', read)).toBe(want));
  test.each([
    [0, 'Inbox'],
    [3, '(3) Inbox'],
    [120, '(99+) Inbox'],
  ] as [number, string][])('title with %d unread', (n, want) => expect(titleWithUnread('Inbox', n)).toBe(want));
});

describe('resume point and gaps', () => {
  const ms = (seqs: number[]) => seqs.map((s) => msg(s));
  test.each([
    ['nothing held', 0, [], 0],
    ['from the start', 0, [1, 2, 3], 3],
    ['stops at a hole', 0, [1, 2, 4, 5], 2],
    ['the late lower seq arrived', 2, [1, 2, 3, 4, 5], 5],
    ['newest page only (older not loaded)', 40, [41, 42, 44], 42],
    ['held only past a hole', 3, [6, 7], 3],
    ['never moves back', 8, [1, 2], 8],
  ] as [string, number, number[], number][])('contiguousSeq: %s', (_n, synced, held, want) => {
    expect(contiguousSeq(synced, ms(held))).toBe(want);
  });
  test.each([
    ['no hole', 0, [1, 2, 3], 0],
    ['N+2 while holding N', 1, [1, 3], 3],
    ['several holes: up to the highest', 1, [1, 3, 6], 6],
    ['filled', 1, [1, 2, 3], 0],
    ['nothing held', 0, [], 0],
  ] as [string, number, number[], number][])('gapTarget: %s', (_n, synced, held, want) => {
    expect(gapTarget(synced, ms(held))).toBe(want);
  });
  test.each([
    ['the fetch brought the missing seq', 1, 3, [1, 2, 3], 3],
    ['seq 2 never existed: past it after one fetch', 1, 3, [1, 3], 3],
    ['frames that came meanwhile follow on', 1, 3, [1, 3, 4], 4],
    ['a new hole past the target stays a gap', 1, 3, [1, 3, 5], 3],
  ] as [string, number, number, number[], number][])('afterGapFetch: %s', (_n, synced, target, held, want) => {
    expect(afterGapFetch(synced, target, ms(held))).toBe(want);
  });
  test.each([
    ['replay brought everything', 2, 5, [1, 2, 3, 4, 5], 5],
    ['a hole the server skipped', 2, 5, [1, 2, 4, 5], 5],
    ['lastSeq past what arrived (still on its way)', 2, 7, [1, 2, 3], 3],
    ['empty chat', 0, 0, [], 0],
  ] as [string, number, number, number[], number][])('afterReplay: %s', (_n, synced, lastSeq, held, want) => {
    expect(afterReplay(synced, lastSeq, ms(held))).toBe(want);
  });
  test.each([
    ['not full: the whole history', 5, [60, 61], false, true],
    ['full, joins the resume point', 59, [60, 61], true, true],
    ['full, overlaps', 70, [60, 61], true, true],
    ['full, starts past a hole', 5, [60, 61], true, false],
    ['empty', 5, [], true, true],
  ] as [string, number, number[], boolean, boolean][])('joinsLatestPage: %s', (_n, synced, page, full, want) => {
    expect(joinsLatestPage(synced, ms(page), full)).toBe(want);
  });
});
