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
import { isPlainObject, joinPath, unknownKeys, type FieldError } from './validation';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

/** Caps that keep a stored schedule small and every search short. */
export const SCHEDULE_LIMITS = {
  intervalsPerDay: 48,
  exceptions: 1000,
  labelLength: 100,
} as const;

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

// ---------------------------------------------------------------------------------------------
// Parsing

const START_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseTime(value: unknown, re: RegExp): number | null {
  if (typeof value !== 'string') return null;
  const m = re.exec(value);
  if (!m) return null;
  const h = m[1] ?? m[3];
  const min = m[2] ?? m[4];
  return Number(h) * 60 + Number(min);
}

/** "YYYY-MM-DD" → days since 1970-01-01, or null when it is not a real calendar date. */
function parseDate(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null; // 2023-02-30 and the like roll over
  }
  return Math.floor(date.getTime() / DAY);
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

export function isValidTimeZone(name: unknown): name is string {
  return typeof name === 'string' && name.trim() === name && name !== '' && IANAZone.isValidZone(name);
}

// ---------------------------------------------------------------------------------------------
// Validation

function validateIntervals(input: unknown, path: string): FieldError[] {
  if (!Array.isArray(input)) return [{ field: path, message: 'must be a list of intervals' }];
  if (input.length > SCHEDULE_LIMITS.intervalsPerDay) {
    return [{ field: path, message: `must have at most ${SCHEDULE_LIMITS.intervalsPerDay} intervals` }];
  }
  const errors: FieldError[] = [];
  const valid: { index: number; start: number; end: number }[] = [];
  input.forEach((interval: unknown, index) => {
    const at = joinPath(path, index);
    if (!isPlainObject(interval)) {
      errors.push({ field: at, message: 'must be an object with start and end' });
      return;
    }
    errors.push(...unknownKeys(interval, ['start', 'end'], at));
    const start = parseTime(interval.start, START_RE);
    const end = parseTime(interval.end, END_RE);
    if (start === null) {
      errors.push({ field: joinPath(at, 'start'), message: 'must be a time "HH:MM" from 00:00 to 23:59' });
    }
    if (end === null) {
      errors.push({ field: joinPath(at, 'end'), message: 'must be a time "HH:MM" from 00:01 to 24:00' });
    }
    if (start === null || end === null) return;
    if (start >= end) {
      errors.push({ field: joinPath(at, 'end'), message: 'must be after start' });
      return;
    }
    valid.push({ index, start, end });
  });
  // Touching intervals (12:00 end, 12:00 start) are allowed: they read as one opening.
  valid.sort((a, b) => a.start - b.start || a.index - b.index);
  let previous: (typeof valid)[number] | undefined;
  for (const current of valid) {
    if (previous && current.start < previous.end) {
      const [later, earlier] = current.index > previous.index ? [current, previous] : [previous, current];
      errors.push({
        field: joinPath(joinPath(path, later.index), 'start'),
        message: `overlaps ${joinPath(path, earlier.index)}`,
      });
    }
    if (!previous || current.end > previous.end) previous = current;
  }
  return errors;
}

/**
 * Checks untrusted input against the Schedule shape and its rules. `prefix` is prepended to
 * every field path (e.g. "schedule" → `schedule.weekly.mon[0].start`). An empty result means the
 * input is a valid Schedule.
 */
export function validateSchedule(input: unknown, prefix = ''): FieldError[] {
  if (!isPlainObject(input)) {
    return [{ field: prefix === '' ? 'schedule' : prefix, message: 'must be an object' }];
  }
  const errors = unknownKeys(input, ['timezone', 'weekly', 'exceptions'], prefix);

  if (!isValidTimeZone(input.timezone)) {
    errors.push({ field: joinPath(prefix, 'timezone'), message: 'must be an IANA time zone such as "Europe/London"' });
  }

  const weeklyPath = joinPath(prefix, 'weekly');
  if (!isPlainObject(input.weekly)) {
    errors.push({ field: weeklyPath, message: 'must be an object keyed by weekday (mon…sun)' });
  } else {
    for (const [key, intervals] of Object.entries(input.weekly)) {
      const dayPath = joinPath(weeklyPath, key);
      if (!(WEEKDAYS as readonly string[]).includes(key)) {
        errors.push({ field: dayPath, message: 'is not a weekday (mon, tue, wed, thu, fri, sat, sun)' });
        continue;
      }
      errors.push(...validateIntervals(intervals, dayPath));
    }
  }

  const exceptionsPath = joinPath(prefix, 'exceptions');
  if (!Array.isArray(input.exceptions)) {
    errors.push({ field: exceptionsPath, message: 'must be a list (empty when there are none)' });
  } else if (input.exceptions.length > SCHEDULE_LIMITS.exceptions) {
    errors.push({ field: exceptionsPath, message: `must have at most ${SCHEDULE_LIMITS.exceptions} dates` });
  } else {
    const seen = new Map<number, number>();
    input.exceptions.forEach((exception: unknown, index) => {
      const at = joinPath(exceptionsPath, index);
      if (!isPlainObject(exception)) {
        errors.push({ field: at, message: 'must be an object with date and intervals' });
        return;
      }
      errors.push(...unknownKeys(exception, ['date', 'intervals', 'label'], at));
      const day = parseDate(exception.date);
      if (day === null) {
        errors.push({ field: joinPath(at, 'date'), message: 'must be a calendar date "YYYY-MM-DD"' });
      } else {
        const first = seen.get(day);
        if (first !== undefined) {
          errors.push({ field: joinPath(at, 'date'), message: `repeats ${joinPath(exceptionsPath, first)}.date` });
        } else {
          seen.set(day, index);
        }
      }
      errors.push(...validateIntervals(exception.intervals, joinPath(at, 'intervals')));
      const label = exception.label;
      if (label !== undefined && (typeof label !== 'string' || label.length > SCHEDULE_LIMITS.labelLength)) {
        errors.push({ field: joinPath(at, 'label'), message: `must be text of at most ${SCHEDULE_LIMITS.labelLength} characters` });
      }
    });
  }
  return errors;
}

