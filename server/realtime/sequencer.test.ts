import { expect, test } from 'bun:test';
import type { MessageDto } from '../../shared/types/dto';
import { ChatSequencer, type MessageEvent } from './sequencer';
import { waitFor } from '../testing/wait';

const event = (seq: number, chatId = 'c1') => ({ kind: 'message.created', orgId: 'o1', chat: { id: chatId }, team: { id: 't' }, message: { seq, chatId } }) as unknown as MessageEvent;

function sequencer(stored: number[] = [], opts: { gapGiveUpMs?: number } = {}) {
  const delivered: number[] = [];
  const s = new ChatSequencer({
    deliver: (e) => delivered.push(e.message.seq),
    fetchRange: (_org, _chat, after, before) => Promise.resolve(stored.filter((n) => n > after && n < before).map((seq) => ({ seq }) as MessageDto)),
    onError: () => undefined,
    gapWaitMs: 20,
    gapGiveUpMs: opts.gapGiveUpMs ?? 100,
  });
  return { s, delivered };
}

test('events out of seq order are delivered in seq order; duplicates are dropped', () => {
  const { s, delivered } = sequencer();
  for (const seq of [5, 7, 6, 6, 8, 5, 9]) s.push(event(seq));
  expect(delivered).toEqual([5, 6, 7, 8, 9]);
  s.close();
});

test('a gap that does not fill from the bus is read from the database, in order', async () => {
  const { s, delivered } = sequencer([2, 3]);
  s.push(event(1));
  s.push(event(4));
  await waitFor(() => delivered.length === 4, { timeout: 1_000 });
  expect(delivered).toEqual([1, 2, 3, 4]);
  s.close();
});

test('a seq that never exists is skipped after the give-up time, and delivered if it turns up later', async () => {
  const { s, delivered } = sequencer([], { gapGiveUpMs: 60 });
  s.push(event(1));
  s.push(event(3));
  await waitFor(() => delivered.length === 2, { timeout: 1_000 });
  expect(delivered).toEqual([1, 3]);
  s.push(event(2));
  s.push(event(2));
  expect(delivered).toEqual([1, 3, 2]);
  s.close();
});

test('chats are independent', () => {
  const { s, delivered } = sequencer();
  s.push(event(1, 'a'));
  s.push(event(10, 'b'));
  s.push(event(2, 'a'));
  expect(delivered).toEqual([1, 10, 2]);
  s.close();
});
