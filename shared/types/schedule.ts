import type { Weekday } from './enums';

/** A time of day as "HH:MM" in 24-hour form; "24:00" closes an interval at midnight. */
export type TimeOfDay = string;

/** Half-open interval [start, end) within one local day. */
export interface TimeInterval {
  start: TimeOfDay;
  end: TimeOfDay;
}

/**
 * Replaces the weekly intervals on one local date (holiday: empty intervals;
 * special hours: the intervals given).
 */
export interface ScheduleException {
  /** Local calendar date "YYYY-MM-DD" in the schedule's time zone. */
  date: string;
  intervals: TimeInterval[];
  label?: string;
}

/**
 * Weekly opening hours in an IANA time zone. Used for team hours and for an agent's
 * personal availability. A weekday missing from `weekly` (or with no intervals) is closed.
 */
export interface Schedule {
  timezone: string;
  weekly: Partial<Record<Weekday, TimeInterval[]>>;
  exceptions: ScheduleException[];
}
