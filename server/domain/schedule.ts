// Opening hours: weekly intervals in an IANA time zone, with per-date exceptions.
//
// How a wall-clock time becomes an instant (the one rule every function here follows):
//   a local time L on date D means "the first instant at which the zone's wall clock reads L or
//   later on D".
// - Ordinary times map to their only instant.
// - Spring forward (the time does not exist, e.g. 02:30 in New York on the second Sunday of
//   March): the first instant after the gap, i.e. the transition instant (03:00 EDT). An interval
//   lying entirely inside the gap (02:00–02:45) is empty that day, and 02:30–04:00 opens at 03:00.
// - Fall back (the time happens twice, e.g. 01:30 in New York on the first Sunday of November):
//   the first occurrence (01:30 EDT), for starts and ends alike, so 00:00–01:30 closes the first
//   time the clock shows 01:30 and the repeated hour after it is closed.
// - "24:00" is 00:00 of the next date under the same rule, so Mon 22:00–24:00 and
//   Tue 00:00–02:00 meet at exactly the same instant and read as one continuous opening.
// Mapping is monotonic (a later wall time never maps to an earlier instant), so intervals of one
// date stay ordered and never spill into another date's.
//
// Every function takes the instant as a parameter; none reads the clock. A `null` schedule means
// "always open" (teams and agents without hours), so callers need no special case.
import { IANAZone } from 'luxon';
import { WEEKDAYS } from '../../shared/types/enums';
import type { Schedule, TimeInterval } from '../../shared/types/schedule';
import { DAY, parseDate, parseTime, END_RE, START_RE } from './schedule-parse';

const MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

type MinuteRange = readonly [start: number, end: number];
type InstantRange = readonly [start: number, end: number];

interface Compiled {
  zone: IANAZone;
  /** Index 0 = Monday, as in WEEKDAYS. */
  weekly: MinuteRange[][];
  exceptions: Map<number, MinuteRange[]>;
  /** Epoch days of the exception dates, ascending. */
  exceptionDays: number[];
  weeklyEmpty: boolean;
  /** Every weekday covered 00:00–24:00 without a gap: only exceptions can close it. */
  weeklyFull: boolean;
}

function compileIntervals(intervals: readonly TimeInterval[], where: string): MinuteRange[] {
  return intervals
    .map((interval, i): MinuteRange => {
      const start = parseTime(interval.start, START_RE);
      const end = parseTime(interval.end, END_RE);
      if (start === null || end === null || start >= end) {
        throw new RangeError(`invalid schedule interval at ${where}[${i}]`);
      }
      return [start, end];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Assumes `validateSchedule` accepted it when stored; anything else is a bug, so it throws. */
function compile(schedule: Schedule): Compiled {
  const zone = IANAZone.create(schedule.timezone);
  if (!zone.isValid) throw new RangeError(`invalid time zone: ${schedule.timezone}`);
  const weekly = WEEKDAYS.map((day) => compileIntervals(schedule.weekly[day] ?? [], `weekly.${day}`));
  const exceptions = new Map<number, MinuteRange[]>();
  schedule.exceptions.forEach((exception, i) => {
    const day = parseDate(exception.date);
    if (day === null) throw new RangeError(`invalid exception date at exceptions[${i}]`);
    exceptions.set(day, compileIntervals(exception.intervals, `exceptions[${i}].intervals`));
  });
  return {
    zone,
    weekly,
    exceptions,
    exceptionDays: [...exceptions.keys()].sort((a, b) => a - b),
    weeklyEmpty: weekly.every((ranges) => ranges.length === 0),
    weeklyFull: weekly.every(coversWholeDay),
  };
}

function coversWholeDay(ranges: readonly MinuteRange[]): boolean {
  let reached = 0;
  for (const [start, end] of ranges) {
    if (start > reached) return false;
    reached = Math.max(reached, end);
  }
  return reached >= MINUTES_PER_DAY;
}

// ---------------------------------------------------------------------------------------------
// Wall clock ↔ instant

function offsetMs(zone: IANAZone, instant: number): number {
  return zone.offset(instant) * MINUTE;
}

/** Local wall-clock time of `instant`, as milliseconds on a UTC-based scale. */
function wallClock(zone: IANAZone, instant: number): number {
  return instant + offsetMs(zone, instant);
}

function localDayOf(zone: IANAZone, instant: number): number {
  return Math.floor(wallClock(zone, instant) / DAY);
}

/**
 * The first instant at which the wall clock reads `local` or later (see the header): the
 * valid instant for ordinary times, the first occurrence for repeated ones, and the end of the
 * gap for skipped ones.
 */
function firstInstantAtOrAfter(zone: IANAZone, local: number): number {
  // Offsets in force around the answer: it lies within ±14 h of `local`, and probing a day
  // either side catches the regimes on both sides of any nearby transition.
  const offsets = new Set<number>();
  for (const probe of [-DAY, -14 * 3_600_000, 0, 14 * 3_600_000, DAY]) {
    offsets.add(offsetMs(zone, local + probe));
  }
  let best: number | null = null;
  for (const offset of offsets) {
    const candidate = local - offset;
    if (offsetMs(zone, candidate) === offset && (best === null || candidate < best)) {
      best = candidate;
    }
  }
  if (best !== null) return best;

  // Skipped time: the wall clock jumps over `local`. Between these bounds it is monotonic, and
  // the first instant reading ≥ `local` is the transition itself.
  const sorted = [...offsets].sort((a, b) => a - b);
  let lo = local - (sorted[sorted.length - 1] ?? 0); // reads < local
  let hi = local - (sorted[0] ?? 0); // reads > local
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(zone, mid) >= local) hi = mid;
    else lo = mid;
  }
  return hi;
}

function startOfLocalDay(c: Compiled, day: number): number {
  return firstInstantAtOrAfter(c.zone, day * DAY);
}

function weekdayIndex(day: number): number {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return (((day + 3) % 7) + 7) % 7;
}

function rangesOn(c: Compiled, day: number): readonly MinuteRange[] {
  return c.exceptions.get(day) ?? c.weekly[weekdayIndex(day)] ?? [];
}

/** The openings of one local date as instants, ascending; ranges swallowed by a gap vanish. */
function instantsOn(c: Compiled, day: number): InstantRange[] {
  const result: InstantRange[] = [];
  for (const [start, end] of rangesOn(c, day)) {
    const from = firstInstantAtOrAfter(c.zone, day * DAY + start * MINUTE);
    const to = firstInstantAtOrAfter(c.zone, day * DAY + end * MINUTE);
    if (from < to) result.push([from, to]);
  }
  return result;
}

function nextExceptionDay(c: Compiled, after: number): number | null {
  for (const day of c.exceptionDays) if (day > after) return day;
  return null;
}

/**
 * How many dates a search may visit. When weekly hours exist, each date without an answer is a
 * weekly closed/full day (at most 6 in a row) or an exception, so this bound is never the reason
 * a search stops; the jumps below handle schedules where only exceptions can change anything.
 */
function searchBudget(c: Compiled): number {
  return 7 * (c.exceptionDays.length + 2) + 14;
}

function isOpenCompiled(c: Compiled, instant: number): boolean {
  const day = localDayOf(c.zone, instant);
  // Neighbouring dates too: in a zone that falls back across midnight, an instant whose wall
  // date is D-1 can lie after D's 00:00.
  for (const d of [day - 1, day, day + 1]) {
    for (const [start, end] of instantsOn(c, d)) {
      if (start <= instant && instant < end) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Whether `instant` lies inside an opening; intervals are half-open [start, end). */
export function isOpen(schedule: Schedule | null, instant: Date): boolean {
  if (schedule === null) return true;
  return isOpenCompiled(compile(schedule), instant.getTime());
}

/**
 * The first instant ≥ `instant` at which the schedule is open: `instant` itself when it is
 * already open. null when it never opens again (no weekly hours and no future special hours).
 * Exact, not a heuristic: exceptions arbitrarily far ahead are found by jumping to them.
 */
export function nextOpening(schedule: Schedule | null, instant: Date): Date | null {
  const at = instant.getTime();
  if (schedule === null) return new Date(at);
  const c = compile(schedule);
  if (isOpenCompiled(c, at)) return new Date(at);

  let day: number | null = localDayOf(c.zone, at) - 1;
  for (let visited = 0; day !== null && visited < searchBudget(c); visited++) {
    for (const [start] of instantsOn(c, day)) if (start > at) return new Date(start);
    // Without weekly hours only exception dates can open.
    day = c.weeklyEmpty ? nextExceptionDay(c, day) : day + 1;
  }
  return null;
}

/**
 * The first instant ≥ `instant` at which the schedule is closed: `instant` itself when it is
 * already closed. Adjacent openings (12:00 end + 12:00 start, or 24:00 + next day's 00:00) are
 * one continuous opening. null when it never closes (24/7 weekly hours, no closing exception).
 */
export function nextClosing(schedule: Schedule | null, instant: Date): Date | null {
  const at = instant.getTime();
  if (schedule === null) return null;
  const c = compile(schedule);
  if (!isOpenCompiled(c, at)) return new Date(at);

  let end: number | null = null;
  let day = localDayOf(c.zone, at) - 1;
  for (let visited = 0; visited < searchBudget(c); visited++) {
    for (const [start, stop] of instantsOn(c, day)) {
      if (end === null) {
        if (start <= at && at < stop) end = stop;
      } else if (start <= end) {
        end = Math.max(end, stop);
      } else {
        return new Date(end);
      }
    }
    const next = day + 1;
    if (end !== null) {
      if (end < startOfLocalDay(c, next)) return new Date(end);
      if (c.weeklyFull && !c.exceptions.has(next)) {
        // Ordinary days are all 00:00–24:00: it stays open up to the next exception date.
        const exceptionDay = nextExceptionDay(c, next);
        if (exceptionDay === null) return null;
        end = startOfLocalDay(c, exceptionDay);
        day = exceptionDay;
        continue;
      }
    }
    day = next;
  }
  return null;
}

/**
 * One local date's openings as instants (after exceptions and DST), for display and for
 * scheduling jobs. `date` is "YYYY-MM-DD" in the schedule's zone.
 */
export function openingsOn(schedule: Schedule, date: string): { start: Date; end: Date }[] {
  const day = parseDate(date);
  if (day === null) throw new RangeError(`invalid date: ${date}`);
  return instantsOn(compile(schedule), day).map(([start, end]) => ({
    start: new Date(start),
    end: new Date(end),
  }));
}

// Validation lives beside, in schedule-validation.ts; callers import it from here.
export { isValidTimeZone, SCHEDULE_LIMITS, validateSchedule } from './schedule-validation';
