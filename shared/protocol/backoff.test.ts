import { describe, expect, test } from 'bun:test';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  test.each([
    // attempt, random, expected (base 500, factor 2, jitter 0.5, max 30 s)
    [0, 0, 250],
    [0, 1, 500],
    [1, 0, 500],
    [1, 1, 1000],
    [3, 0.5, 3000],
    [6, 1, 30_000],
    [10, 0, 15_000],
    [1_000, 1, 30_000],
    [-5, 1, 500],
  ])('attempt %d with random %d → %d ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, {}, () => r)).toBe(expected);
  });

  test('never exceeds the cap, never negative, grows until the cap', () => {
    let prevCeiling = 0;
    for (let a = 0; a < 40; a++) {
      const hi = backoffDelay(a, {}, () => 1);
      const lo = backoffDelay(a, {}, () => 0);
      expect(hi).toBeLessThanOrEqual(30_000);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeGreaterThanOrEqual(prevCeiling);
      prevCeiling = hi;
    }
  });

  test('jitter spreads reconnects of many clients', () => {
    const delays = new Set(Array.from({ length: 200 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(50);
  });

  test.each([
    [{ jitter: 0 }, 0.9, 4000],
    [{ jitter: 1 }, 0.25, 1000],
    [{ baseMs: 100, maxMs: 250 }, 1, 250],
  ])('options %o', (opts, r, expected) => {
    expect(backoffDelay(3, opts, () => r)).toBe(expected);
  });
});
