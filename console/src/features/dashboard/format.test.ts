import { describe, expect, test } from 'bun:test';
import { addDays, durationStep, exportProgressText, formatDay, formatDayLong, formatDuration, formatInstant, isDate, presetRange, todayIn } from './format';

describe('formatDuration', () => {
  test.each([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [0, '0s'],
    [400, '0s'],
    [500, '1s'],
    [45_000, '45s'],
    [59_499, '59s'],
    [60_000, '1m'],
    [80_000, '1m 20s'],
    [300_000, '5m'],
    [2_400_000, '40m'],
    [3_600_000, '1h'],
    [3_900_000, '1h 5m'],
    [90_061_000, '1d 1h'],
    [86_400_000, '1d'],
    [-5, '0s'],
  ] as [number | null | undefined, string][])('%p → %p', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('dates of the organization', () => {
  test('a local date is labelled as that date, whatever the browser zone', () => {
    expect(formatDay('2025-03-09', 'en-US')).toBe('Mar 9');
    expect(formatDayLong('2025-03-09', 'en-US')).toBe('Sun, Mar 9, 2025');
    expect(formatDay('garbage', 'en-US')).toBe('garbage');
  });
  test('instants are shown in the organization zone', () => {
    expect(formatInstant('2025-03-10T03:30:00Z', 'America/New_York', 'en-US')).toBe('Mar 9, 11:30 PM');
    expect(formatInstant('2025-03-10T03:30:00Z', 'UTC', 'en-US')).toBe('Mar 10, 3:30 AM');
    expect(formatInstant('nope', 'UTC', 'en-US')).toBe('—');
  });
  test('today in a zone', () => {
    const at = new Date('2025-03-12T03:00:00Z');
    expect(todayIn('America/New_York', at)).toBe('2025-03-11');
    expect(todayIn('UTC', at)).toBe('2025-03-12');
    expect(todayIn('Not/AZone', at)).toBe('2025-03-12');
  });
  test('calendar arithmetic and presets', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(presetRange('today', '2025-03-11')).toEqual({ from: '2025-03-11', to: '2025-03-11' });
    expect(presetRange('7d', '2025-03-11')).toEqual({ from: '2025-03-05', to: '2025-03-11' });
    expect(presetRange('30d', '2025-03-11')).toEqual({ from: '2025-02-10', to: '2025-03-11' });
  });
});

describe('durationStep: round axis steps', () => {
  test.each([
    [0, 1_000],
    [4_000, 1_000],
    [45_000, 10_000],
    [300_000, 60_000],
    [310_000, 120_000],
    [2_400_000, 600_000],
    [7_200_000, 1_800_000],
  ])('max %p ms → step %p ms', (max, step) => expect(durationStep(max)).toBe(step));
});

describe('exportProgressText', () => {
  const cases: [{ bytes: number; rows: number; totalRows: number | null }, string][] = [
    [{ bytes: 0, rows: 0, totalRows: null }, '0 rows · 0 B'],
    [{ bytes: 2048, rows: 12, totalRows: 650 }, '12 of 650 rows · 2 KB'],
    [{ bytes: 3 * 1024 * 1024 + 200_000, rows: 1234, totalRows: 5000 }, '1,234 of 5,000 rows · 3.2 MB'],
  ];
  for (const [p, text] of cases) test(text, () => expect(exportProgressText(p, 'en-US')).toBe(text));
});
