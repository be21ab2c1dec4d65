import { describe, expect, test } from 'bun:test';
import {
  ACK_TIMEOUT_MS,
  createEntry,
  deferEntry,
  dropConfirmed,
  dueEntries,
  makeAllDue,
  markTransmitted,
  MAX_ATTEMPTS,
  nextSendAt,
  nextWake,
  onAckTimeout,
  onRefused,
  retryEntry,
  type OutboxEntry,
} from './outbox';

const entry = (id: string, createdAt = 0): OutboxEntry =>
  createEntry({ clientId: id, chatId: 'c', text: id, attachments: [] }, createdAt);

describe('outbox', () => {
  test('new entries are pending and due now, oldest first', () => {
    const q = [entry('b', 2), entry('a', 1)];
    expect(dueEntries(q, 0).map((e) => e.clientId)).toEqual(['a', 'b']);
  });

  test('a transmitted entry waits for its ack, then is due again', () => {
    const sent = markTransmitted(entry('a'), 1_000);
    expect(sent.attempts).toBe(1);
    expect(dueEntries([sent], 1_000 + ACK_TIMEOUT_MS - 1)).toEqual([]);
    expect(dueEntries([sent], 1_000 + ACK_TIMEOUT_MS)).toHaveLength(1);
    expect(nextWake([sent])).toBe(1_000 + ACK_TIMEOUT_MS);
  });

  test(`fails after ${MAX_ATTEMPTS} unacknowledged transmissions`, () => {
    let e = entry('a');
    const states: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      e = onAckTimeout(e);
      states.push(e.state);
      if (e.state === 'failed') break;
      e = markTransmitted(e, i * ACK_TIMEOUT_MS);
    }
    expect(states).toEqual([...Array(MAX_ATTEMPTS).fill('pending'), 'failed']);
    expect(e.error).toBe('timeout');
  });

  test('being offline does not burn attempts', () => {
    let e = entry('a');
    for (let i = 0; i < 50; i++) e = onAckTimeout(deferEntry(e, i * 5_000));
    expect(e.state).toBe('pending');
    expect(e.attempts).toBe(0);
  });

  test('a reconnect makes everything pending due at once and restarts attempts', () => {
    const q = [markTransmitted(markTransmitted(entry('a'), 0), 0), { ...entry('b'), state: 'failed' as const }];
    const after = makeAllDue(q);
    expect(after[0]).toMatchObject({ dueAt: 0, attempts: 0, state: 'pending' });
    expect(after[1]!.state).toBe('failed');
    expect(nextWake([after[1]!])).toBeNull();
  });

  test.each([
    ['RATE_LIMITED', 'pending'],
    ['UNAVAILABLE', 'pending'],
    ['INTERNAL', 'pending'],
    ['VALIDATION', 'failed'],
    ['FORBIDDEN', 'failed'],
    ['NOT_FOUND', 'failed'],
    ['PAYLOAD_TOO_LARGE', 'failed'],
  ] as const)('refusal %s → %s', (code, state) => {
    const e = onRefused(markTransmitted(entry('a'), 0), code, 'nope', 100);
    expect(e.state).toBe(state);
    if (state === 'pending') expect(e.dueAt).toBeGreaterThan(100);
    else expect(e.error).toBe('nope');
  });

  test('transient refusals still fail once attempts are used up', () => {
    let e = entry('a');
    for (let i = 0; i < MAX_ATTEMPTS; i++) e = markTransmitted(e, 0);
    expect(onRefused(e, 'UNAVAILABLE', 'down', 0).state).toBe('failed');
  });

  test('"too fast" never fails: the entry waits the server\'s retryAfter, says why, and goes again', () => {
    let e = entry('a');
    for (let round = 0; round < MAX_ATTEMPTS * 3; round++) {
      e = onRefused(markTransmitted(e, 1_000), 'RATE_LIMITED', 'slow down', 1_000, 7_000);
      expect(e).toMatchObject({ state: 'pending', dueAt: 8_000, limited: true, attempts: 0 });
    }
    expect(markTransmitted(e, 8_000).limited).toBeUndefined();
  });

  test.each([
    // sent times, limit, window, now → next send at
    [[], 3, 10_000, 5_000, 5_000],
    [[1_000, 2_000], 3, 10_000, 5_000, 5_000],
    [[1_000, 2_000, 3_000], 3, 10_000, 5_000, 11_000],
    [[1_000, 2_000, 3_000], 3, 10_000, 11_000, 11_000],
  ])('pacing: after %p with %p per %p ms, at %p the next goes at %p', (sent, limit, windowMs, now, at) => {
    expect(nextSendAt([...sent], limit, windowMs, now)).toBe(at);
  });

  test('retry gives a failed entry a fresh start', () => {
    const failed = onRefused(entry('a'), 'FORBIDDEN', 'no', 0);
    const again = retryEntry(failed);
    expect(again).toMatchObject({ state: 'pending', attempts: 0, dueAt: 0 });
    expect(again.error).toBeUndefined();
  });

  test('confirmed entries leave; unchanged queue keeps its identity', () => {
    const q = [entry('a'), entry('b')];
    expect(dropConfirmed(q, new Set(['a'])).map((e) => e.clientId)).toEqual(['b']);
    expect(dropConfirmed(q, new Set(['zzz']))).toBe(q);
  });
});
