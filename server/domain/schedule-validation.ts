// Checks untrusted input against the Schedule shape and its rules (times, order, overlaps,
// repeated dates), naming each offending field. The shape alone is also in the route schemas;
// the rules that span fields are only here.
import { IANAZone } from 'luxon';
import { WEEKDAYS } from '../../shared/types/enums';
import { END_RE, START_RE, parseDate, parseTime } from './schedule-parse';
import { isPlainObject, joinPath, unknownKeys, type FieldError } from './validation';

/** Caps that keep a stored schedule small and every search short. */
export const SCHEDULE_LIMITS = {
  intervalsPerDay: 48,
  exceptions: 1000,
  labelLength: 100,
} as const;

export function isValidTimeZone(name: unknown): name is string {
  return typeof name === 'string' && name.trim() === name && name !== '' && IANAZone.isValidZone(name);
}

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
