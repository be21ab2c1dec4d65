import { describe, expect, test } from 'bun:test';
import type { MessageDto } from '../../shared/types/dto';
import { confirmedClientIds, countUnread, lastSeq, mergeMessages } from './merge';

function msg(seq: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m${seq}`,
    chatId: 'c1',
    seq,
    clientId: null,
    author: { kind: 'agent', id: 'a1', name: 'Ann' },
    text: `text ${seq}`,
    attachments: [],
    actions: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}
const seqs = (ms: MessageDto[]) => ms.map((m) => m.seq);

describe('mergeMessages', () => {
  test.each([
    ['append in order', [1, 2], [3, 4], [1, 2, 3, 4]],
    ['out of order arrival', [1, 4], [3, 2], [1, 2, 3, 4]],
    ['replay overlaps live frames', [1, 2, 3], [2, 3, 4, 5], [1, 2, 3, 4, 5]],
    ['duplicate in one batch', [], [7, 7, 7], [7]],
    ['empty incoming', [1], [], [1]],
    ['holes are fine (seq strictly increasing, not dense)', [1, 5], [9, 3], [1, 3, 5, 9]],
  ])('%s', (_name, current, incoming, expected) => {
    expect(seqs(mergeMessages(current.map((s) => msg(s)), incoming.map((s) => msg(s))))).toEqual(expected);
  });

  test('is idempotent and order-independent', () => {
    const a = [msg(1), msg(2), msg(3)];
    const b = [msg(3), msg(4), msg(2)];
    const ab = mergeMessages(mergeMessages([], a), b);
    const ba = mergeMessages(mergeMessages([], b), a);
    expect(ab).toEqual(ba);
    expect(mergeMessages(ab, b)).toBe(ab);
  });

  test('returns the same array when nothing changed (no re-render)', () => {
    const current = [msg(1), msg(2)];
    expect(mergeMessages(current, [msg(2)])).toBe(current);
  });

  test('a newer copy of the same seq replaces the old one (actions cleared)', () => {
    const offer = msg(3, { author: { kind: 'system', id: null, name: null }, actions: [{ id: 'keep_waiting', label: 'Wait' }] });
    const out = mergeMessages([msg(1), offer], [{ ...offer, actions: [] }]);
    expect(out[1]!.actions).toEqual([]);
  });
});

describe('helpers', () => {
  test('lastSeq', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([msg(2), msg(9)])).toBe(9);
  });
  test('confirmedClientIds', () => {
    expect([...confirmedClientIds([msg(1, { clientId: 'x' }), msg(2), msg(3, { clientId: 'y' })])]).toEqual(['x', 'y']);
  });
  test.each([
    ['nothing read', 0, 2],
    ['agent message read', 1, 1],
    ['all read', 3, 0],
  ])('countUnread: %s', (_n, lastRead, expected) => {
    // The visitor's own messages never count as unread.
    const ms = [msg(1), msg(2, { author: { kind: 'contact', id: 'v', name: null } }), msg(3, { author: { kind: 'system', id: null, name: null } })];
    expect(countUnread(ms, lastRead)).toBe(expected);
  });
});
