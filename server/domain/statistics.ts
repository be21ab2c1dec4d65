// Statistics and calendar-day arithmetic for the dashboard. Pure: no I/O, no clock.
//
// Percentiles — one definition everywhere, the nearest-rank method:
//   for n values sorted ascending, the p-th percentile (0 < p ≤ 100) is the value at 1-based
//   rank ⌈p/100 · n⌉.
// So it is always one of the observed values (a real chat's duration, never an average of two),
// the median (p = 50) of an even count is the lower of the two middle values, p = 100 is the
// maximum, and an empty list has none (null). Non-finite values are ignored.
//
// Local days: a date `YYYY-MM-DD` in an IANA zone covers [its first instant, the next date's
// first instant). Across a DST change a day is 23 or 25 hours long; a date whose midnight does
// not exist (zones that change at 00:00) starts at the first instant after the gap.
import { DateTime, IANAZone } from 'luxon';
import type { DurationStats } from '../../shared/types/dashboard';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Nearest-rank percentile of values already sorted ascending; null for an empty list. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  // p·n/100 is exact for whole p and n when it is a whole number, so ceil never overshoots.
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[Math.min(rank, n) - 1]!;
}

/** Sorts a copy (numerically) and drops null, NaN and ±Infinity. */
export function sortedFinite(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

export function percentile(values: readonly (number | null | undefined)[], p: number): number | null {
  return percentileOfSorted(sortedFinite(values), p);
}

/** Count, median and 90th percentile (nearest rank) of durations. */
export function durationStats(values: readonly (number | null | undefined)[]): DurationStats {
  const sorted = sortedFinite(values);
  return { count: sorted.length, medianMs: percentileOfSorted(sorted, 50), p90Ms: percentileOfSorted(sorted, 90) };
}

// ---------------------------------------------------------------------------------------------
// Calendar days

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** A real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || y > 9999) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Calendar arithmetic on `YYYY-MM-DD` (no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 for the same date; negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const ms = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** The local date of `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The first instant of a local date in `zone`. */
export function startOfLocalDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** Every date from `from` to `to`, both inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface LocalRange {
  from: string;
  to: string;
  zone: string;
  /** First instant of `from`. */
  start: Date;
  /** First instant of the day after `to` (exclusive end). */
  end: Date;
  dates: string[];
  /** First instant of each date, in order (boundaries[0] is `start`). */
  boundaries: Date[];
}

export type RangeResult = { ok: true; range: LocalRange } | { ok: false; field: 'query.from' | 'query.to'; message: string };

/**
 * Turns the dashboard's `from`/`to` into instants. Without both, the range is the 7 days ending
 * `today`; with one, the other defaults to today (`to`) or 6 days earlier (`from`).
 */
export function resolveLocalRange(input: { from?: string; to?: string }, zone: string, today: string, maxDays: number): RangeResult {
  if (input.from !== undefined && !isLocalDate(input.from)) return { ok: false, field: 'query.from', message: 'Must be a date YYYY-MM-DD' };
  if (input.to !== undefined && !isLocalDate(input.to)) return { ok: false, field: 'query.to', message: 'Must be a date YYYY-MM-DD' };
  const to = input.to ?? (input.from !== undefined && input.from > today ? input.from : today);
  const from = input.from ?? addDays(to, -6);
  const span = daysBetween(from, to) + 1;
  if (span < 1) return { ok: false, field: 'query.to', message: 'Must not be before the first day (from)' };
  if (span > maxDays) return { ok: false, field: 'query.from', message: `The range is at most ${maxDays} days` };
  const dates = datesBetween(from, to);
  const boundaries = dates.map((d) => startOfLocalDate(d, zone));
  return { ok: true, range: { from, to, zone, start: boundaries[0]!, end: startOfLocalDate(addDays(to, 1), zone), dates, boundaries } };
}

/** Count and mean of rating scores (non-numbers ignored); null when nothing is rated. */
export function ratingStats(values: readonly unknown[]): { count: number; average: number } | null {
  const scores = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (scores.length === 0) return null;
  // Two decimals: a mean of whole scores shown as 4.33, not 4.333333333333333.
  return { count: scores.length, average: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 };
}

/** An instant written in `zone` with its offset, e.g. 2025-03-09T03:30:00-04:00 (exports). */
export function localTimestamp(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}
