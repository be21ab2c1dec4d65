import { expect, test } from 'bun:test';
import { formatWaiting } from './waiting';

test.each([
  [-5, '0s'],
  [0, '0s'],
  [45_900, '45s'],
  [60_000, '1m 00s'],
  [185_000, '3m 05s'],
  [3_599_000, '59m 59s'],
  [3_720_000, '1h 02m'],
  [90_000_000, '25h 00m'],
])('%d ms → %s', (ms, want) => {
  expect(formatWaiting(ms)).toBe(want);
});
