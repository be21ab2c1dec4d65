// Weekly opening hours in an IANA time zone, for team hours and an agent's personal availability.
// A weekday missing from `weekly` (or with no intervals) is closed. Intervals are half-open
// [start, end) within one local day; an exception replaces the weekly intervals on one local
// date (holiday: empty intervals). The types are the schema's (shared/contract/schedule.ts).
import type { ScheduleShape, TimeIntervalShape } from '../contract/schedule';

/** A time of day as "HH:MM" in 24-hour form; "24:00" closes an interval at midnight. */
export type TimeOfDay = string;

export type TimeInterval = TimeIntervalShape;
export type ScheduleException = ScheduleShape['exceptions'][number];
export type Schedule = ScheduleShape;
