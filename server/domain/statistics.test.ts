import { describe, expect, test } from 'bun:test';
import {
  addDays,
  datesBetween,
  daysBetween,
  durationStats,
  isLocalDate,
  isValidTimeZone,
  localDateOf,
  percentile,
  ratingStats,
  percentileOfSorted,
  resolveLocalRange,
  sortedFinite,
  startOfLocalDate,
} from './statistics';

describe('percentile (nearest rank: value at rank ⌈p/100·n⌉)', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const cases: [string, number[], number, number | null][] = [
    ['empty → null', [], 50, null],
    ['one value is every percentile', [42], 50, 42],
    ['one value, p90', [42], 90, 42],
    ['one value, p1', [42], 1, 42],
    ['two values: median is the lower', [10, 20], 50, 10],
    ['two values: p90 is the upper', [10, 20], 90, 20],
    ['three values: median is the middle', [1, 2, 3], 50, 2],
    ['four values: median rank 2', [1, 2, 3, 4], 50, 2],
    ['four values: p90 rank ⌈3.6⌉ = 4', [1, 2, 3, 4], 90, 4],
    ['ten values: median rank 5', ten, 50, 5],
    ['ten values: p90 rank 9 exactly', ten, 90, 9],
    ['ten values: p91 rank ⌈9.1⌉ = 10', ten, 91, 10],
    ['ten values: p100 is the max', ten, 100, 10],
    ['ten values: p10 rank 1', ten, 10, 1],
    ['ten values: p11 rank 2', ten, 11, 2],
    ['eleven values: median rank 6', [...ten, 11], 50, 6],
    ['eleven values: p90 rank ⌈9.9⌉ = 10', [...ten, 11], 90, 10],
    ['twenty values: p90 rank 18', Array.from({ length: 20 }, (_, i) => i + 1), 90, 18],
    ['thirty values: p90 rank 27 (no float overshoot)', Array.from({ length: 30 }, (_, i) => i + 1), 90, 27],
    ['duplicates', [5, 5, 5, 9], 50, 5],
  ];
  for (const [name, values, p, expected] of cases) {
    test(name, () => expect(percentileOfSorted(values, p)).toBe(expected));
  }

  test('p outside (0, 100] is a programming error', () => {
    expect(() => percentileOfSorted([1], 0)).toThrow(RangeError);
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
    expect(() => percentileOfSorted([1], Number.NaN)).toThrow(RangeError);
  });

  test('unsorted input is sorted numerically (not as strings), nulls and non-finite dropped', () => {
    expect(sortedFinite([100, 9, null, 20, undefined, Number.NaN, Infinity, 3])).toEqual([3, 9, 20, 100]);
    expect(percentile([100, 9, 20, 3], 50)).toBe(9);
    expect(percentile([null, null], 50)).toBeNull();
  });

  test('durationStats: count, median, p90', () => {
    expect(durationStats([])).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(durationStats([60_000, null, 30_000, 90_000, 600_000])).toEqual({ count: 4, medianMs: 60_000, p90Ms: 600_000 });
    expect(durationStats([10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000])).toEqual({
      count: 10,
      medianMs: 50_000,
      p90Ms: 90_000,
    });
  });
});

describe('calendar dates', () => {
  const valid: [string, boolean][] = [
    ['2025-03-09', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-3-9', false],
    ['20250309', false],
    ['2025-03-09T00:00', false],
    ['', false],
    ['1969-12-31', false],
  ];
  for (const [value, ok] of valid) test(`isLocalDate(${JSON.stringify(value)}) = ${ok}`, () => expect(isLocalDate(value)).toBe(ok));

  test('addDays, daysBetween and datesBetween cross months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-12-30', '2025-01-02')).toBe(3);
    expect(daysBetween('2025-03-09', '2025-03-09')).toBe(0);
    expect(daysBetween('2025-03-10', '2025-03-09')).toBe(-1);
    expect(datesBetween('2025-03-08', '2025-03-11')).toEqual(['2025-03-08', '2025-03-09', '2025-03-10', '2025-03-11']);
    expect(datesBetween('2025-03-09', '2025-03-08')).toEqual([]);
  });

  test('time zones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  test('local days across DST in New York: 23-hour spring day, 25-hour autumn day', () => {
    const ny = 'America/New_York';
    expect(startOfLocalDate('2025-03-09', ny).toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfLocalDate('2025-03-10', ny).toISOString()).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfLocalDate('2025-11-02', ny).toISOString()).toBe('2025-11-02T04:00:00.000Z');
    expect(startOfLocalDate('2025-11-03', ny).toISOString()).toBe('2025-11-03T05:00:00.000Z');
    expect(localDateOf(new Date('2025-03-09T04:59:59.999Z'), ny)).toBe('2025-03-08');
    expect(localDateOf(new Date('2025-03-09T05:00:00.000Z'), ny)).toBe('2025-03-09');
    expect(localDateOf(new Date('2025-03-10T03:59:59.999Z'), ny)).toBe('2025-03-09');
    expect(localDateOf(new Date('2025-03-10T04:00:00.000Z'), ny)).toBe('2025-03-10');
  });

  test('a zone whose midnight is skipped starts the day after the gap', () => {
    // Santiago moved clocks from 00:00 to 01:00 on 2024-09-08.
    expect(startOfLocalDate('2024-09-08', 'America/Santiago').toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });
});

describe('resolveLocalRange', () => {
  const ny = 'America/New_York';
  const today = '2025-03-12';

  test('explicit range: inclusive dates, exclusive end at the next local midnight', () => {
    const r = resolveLocalRange({ from: '2025-03-08', to: '2025-03-10' }, ny, today, 366);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.range.start.toISOString()).toBe('2025-03-08T05:00:00.000Z');
    expect(r.range.end.toISOString()).toBe('2025-03-11T04:00:00.000Z');
    expect(r.range.dates).toEqual(['2025-03-08', '2025-03-09', '2025-03-10']);
    // The 23-hour 03-09: its boundaries are 23 hours apart.
    expect(r.range.boundaries.map((b) => b.toISOString())).toEqual(['2025-03-08T05:00:00.000Z', '2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z']);
  });

  test('defaults: the 7 days ending today; one bound given, the other follows', () => {
    const ok = (input: { from?: string; to?: string }) => {
      const r = resolveLocalRange(input, 'UTC', today, 366);
      if (!r.ok) throw new Error(r.message);
      return [r.range.from, r.range.to];
    };
    expect(ok({})).toEqual(['2025-03-06', '2025-03-12']);
    expect(ok({ to: '2025-03-01' })).toEqual(['2025-02-23', '2025-03-01']);
    expect(ok({ from: '2025-03-01' })).toEqual(['2025-03-01', '2025-03-12']);
    expect(ok({ from: '2025-03-20' })).toEqual(['2025-03-20', '2025-03-20']);
    expect(ok({ from: '2025-03-12', to: '2025-03-12' })).toEqual(['2025-03-12', '2025-03-12']);
  });

  const bad: [string, { from?: string; to?: string }, string, RegExp][] = [
    ['malformed from', { from: '03/08/2025' }, 'query.from', /YYYY-MM-DD/],
    ['impossible to', { to: '2025-02-30' }, 'query.to', /YYYY-MM-DD/],
    ['to before from', { from: '2025-03-10', to: '2025-03-09' }, 'query.to', /before/],
    ['367 days', { from: '2024-01-01', to: '2025-01-01' }, 'query.from', /at most 366 days/],
  ];
  for (const [name, input, field, message] of bad) {
    test(`refuses ${name}`, () => {
      const r = resolveLocalRange(input, 'UTC', today, 366);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.field as string).toBe(field);
      expect(r.message).toMatch(message);
    });
  }

  test('366 days is allowed', () => {
    expect(resolveLocalRange({ from: '2024-01-01', to: '2024-12-31' }, 'UTC', today, 366).ok).toBe(true);
  });
});

describe('ratingStats', () => {
  const cases: [unknown[], { count: number; average: number } | null, string][] = [
    [[], null, 'nothing rated'],
    [[null, undefined, 'x', Number.NaN], null, 'no numbers'],
    [[5], { count: 1, average: 5 }, 'one'],
    [[5, 4, 4], { count: 3, average: 4.33 }, 'mean rounded to two decimals'],
    [[1, null, 2], { count: 2, average: 1.5 }, 'unrated chats left out'],
  ];
  for (const [values, expected, why] of cases) test(why, () => expect(ratingStats(values)).toEqual(expected));
});
