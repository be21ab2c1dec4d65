import { describe, expect, test } from 'bun:test';
import type { ChatDto, MessageDto } from '../../../shared/types/dto';
import {
  compareChats,
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
import { fakeChat as chat, fakeMessage } from './test-fixtures';

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
  ];
  test.each(specs)('round-trips %p', (spec) => expect(parseViewKey(viewKey(spec))).toEqual(spec));
});

describe('placeInList', () => {
  const at = (id: string, sec: number) =>
    chat({ id, lastMessage: { seq: 1, text: '', author: { kind: 'contact', id: null, name: null }, createdAt: `2025-01-01T10:00:${String(sec).padStart(2, '0')}.000Z` } });
  const db: Record<string, ChatDto> = { a: at('a', 30), b: at('b', 20), c: at('c', 10) };
  const lookup = (id: string) => db[id];
  const cases: [string, string[], ChatDto, boolean, string[]][] = [
    ['newest goes first', ['a', 'b', 'c'], at('d', 40), true, ['d', 'a', 'b', 'c']],
    ['middle', ['a', 'c'], at('b', 20), true, ['a', 'b', 'c']],
    ['oldest last', ['a', 'b'], at('c', 10), true, ['a', 'b', 'c']],
    ['moves on activity', ['a', 'b', 'c'], at('c', 50), true, ['c', 'a', 'b']],
    ['removed when it no longer belongs', ['a', 'b', 'c'], at('b', 20), false, ['a', 'c']],
    ['absent and not belonging', ['a'], at('z', 1), false, ['a']],
  ];
  test.each(cases)('%s', (_n, ids, c, belongs, want) => {
    expect(placeInList(ids, c, belongs, lookup)).toEqual(want);
  });
  test('compareChats is newest first and stable', () => {
    expect(compareChats(db.a!, db.b!)).toBeLessThan(0);
    expect(compareChats(chat({ id: 'x' }), chat({ id: 'y' }))).toBeLessThan(0);
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
