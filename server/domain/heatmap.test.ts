// Local weekday × hour cells, checked by hand across DST changes (tables of cases).
import { describe, expect, test } from 'bun:test';
import { HEATMAP_BUCKET_MS, heatmapFromBuckets, localSlot } from './heatmap';

const MON = 0, SAT = 5, SUN = 6;
const bucketOf = (iso: string) => Math.floor(new Date(iso).getTime() / HEATMAP_BUCKET_MS);

describe('localSlot', () => {
  // [zone, instant, weekday, hour, why]
  const cases: [string, string, number, number, string][] = [
    ['Europe/Berlin', '2025-03-29T22:59:59Z', SAT, 23, 'Saturday 23:59 CET'],
    ['Europe/Berlin', '2025-03-29T23:30:00Z', SUN, 0, '00:30 CET'],
    ['Europe/Berlin', '2025-03-30T00:59:59Z', SUN, 1, 'last second of CET: 01:59:59'],
    ['Europe/Berlin', '2025-03-30T01:00:00Z', SUN, 3, 'spring forward: 02:00 does not exist, 03:00 CEST'],
    ['Europe/Berlin', '2025-03-30T21:59:00Z', SUN, 23, 'CEST evening (UTC+2), not 22 as at CET'],
    ['Europe/Berlin', '2025-10-25T21:59:00Z', SAT, 23, 'Saturday 23:59 CEST'],
    ['Europe/Berlin', '2025-10-25T22:00:00Z', SUN, 0, 'Sunday 00:00 CEST'],
    ['Europe/Berlin', '2025-10-26T00:30:00Z', SUN, 2, 'first 02:30 (CEST)'],
    ['Europe/Berlin', '2025-10-26T01:30:00Z', SUN, 2, 'second 02:30 (CET): the hour happens twice'],
    ['Europe/Berlin', '2025-10-26T02:00:00Z', SUN, 3, '03:00 CET'],
    ['America/New_York', '2025-03-09T06:59:00Z', SUN, 1, '01:59 EST'],
    ['America/New_York', '2025-03-09T07:00:00Z', SUN, 3, '03:00 EDT'],
    ['America/New_York', '2025-03-10T03:30:00Z', SUN, 23, '23:30 EDT is still Sunday (Monday in UTC)'],
    ['America/New_York', '2025-11-02T05:30:00Z', SUN, 1, 'first 01:30 (EDT)'],
    ['America/New_York', '2025-11-02T06:30:00Z', SUN, 1, 'second 01:30 (EST)'],
    ['Asia/Kolkata', '2025-03-10T18:15:00Z', MON, 23, '+5:30: Monday 23:45'],
    ['Asia/Kolkata', '2025-03-10T18:30:00Z', 1, 0, '+5:30: Tuesday 00:00'],
    ['UTC', '2025-03-10T00:00:00Z', MON, 0, 'UTC'],
  ];
  for (const [zone, iso, weekday, hour, why] of cases) {
    test(`${zone} ${iso} → ${weekday}/${hour} (${why})`, () => {
      expect(localSlot(new Date(iso).getTime(), zone)).toEqual({ weekday, hour });
    });
  }
});

describe('heatmapFromBuckets', () => {
  test('the Berlin autumn Sunday: two UTC hours land in 02:00, spring has no 02:00', () => {
    const counts = heatmapFromBuckets(
      [
        { bucket: bucketOf('2025-10-26T00:30:00Z'), count: 2 },
        { bucket: bucketOf('2025-10-26T01:45:00Z'), count: 3 },
        { bucket: bucketOf('2025-03-30T00:45:00Z'), count: 1 },
        { bucket: bucketOf('2025-03-30T01:00:00Z'), count: 4 },
      ],
      'Europe/Berlin',
    );
    expect(counts[SUN]![1]).toBe(1);
    expect(counts[SUN]![2]).toBe(5);
    expect(counts[SUN]![3]).toBe(4);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(10);
  });

  test('Kolkata: a quarter hour never straddles two local hours', () => {
    const counts = heatmapFromBuckets(
      [
        { bucket: bucketOf('2025-03-10T18:15:00Z'), count: 1 },
        { bucket: bucketOf('2025-03-10T18:30:00Z'), count: 1 },
      ],
      'Asia/Kolkata',
    );
    expect(counts[MON]![23]).toBe(1);
    expect(counts[1]![0]).toBe(1);
  });

  test('no buckets: 7 × 24 zeros', () => {
    const counts = heatmapFromBuckets([], 'UTC');
    expect(counts.length).toBe(7);
    expect(counts.every((row) => row.length === 24 && row.every((n) => n === 0))).toBe(true);
  });
});
