// Conversions between the wire `Schedule` (shared/types/schedule.ts) and the editor's model,
// which always has all seven weekdays and an on/off switch. Pure, so it is tested on its own.
import { WEEKDAYS, type Weekday } from '../../../../shared/types/enums';
import type { Schedule, ScheduleException, TimeInterval } from '../../../../shared/types/schedule';

export interface EditableException {
  date: string;
  label: string;
  /** Closed all day (a holiday); otherwise open on `intervals` only. */
  closed: boolean;
  intervals: TimeInterval[];
}

export interface ScheduleModel {
  enabled: boolean;
  timezone: string;
  weekly: Record<Weekday, TimeInterval[]>;
  exceptions: EditableException[];
}

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function minutes(t: string): number | null {
  if (!TIME.test(t)) return null;
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function defaultTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function businessHours(): Record<Weekday, TimeInterval[]> {
  const weekly = {} as Record<Weekday, TimeInterval[]>;
  for (const d of WEEKDAYS) weekly[d] = d === 'sat' || d === 'sun' ? [] : [{ start: '09:00', end: '17:00' }];
  return weekly;
}

export function toModel(schedule: Schedule | null, fallbackTimezone = defaultTimezone()): ScheduleModel {
  if (!schedule) return { enabled: false, timezone: fallbackTimezone, weekly: businessHours(), exceptions: [] };
  const weekly = {} as Record<Weekday, TimeInterval[]>;
  for (const d of WEEKDAYS) weekly[d] = (schedule.weekly[d] ?? []).map((i) => ({ start: i.start, end: i.end }));
  return {
    enabled: true,
    timezone: schedule.timezone,
    weekly,
    exceptions: schedule.exceptions.map((e) => ({
      date: e.date,
      label: e.label ?? '',
      closed: e.intervals.length === 0,
      intervals: e.intervals.length ? e.intervals.map((i) => ({ ...i })) : [{ start: '09:00', end: '17:00' }],
    })),
  };
}

const byStart = (a: TimeInterval, b: TimeInterval) => (minutes(a.start) ?? 0) - (minutes(b.start) ?? 0);

/** The wire form: null when switched off, days without hours left out, everything sorted. */
export function fromModel(model: ScheduleModel): Schedule | null {
  if (!model.enabled) return null;
  const weekly: Schedule['weekly'] = {};
  for (const d of WEEKDAYS) {
    const list = model.weekly[d];
    if (list.length) weekly[d] = [...list].sort(byStart).map((i) => ({ start: i.start, end: i.end }));
  }
  const exceptions: ScheduleException[] = [...model.exceptions]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((e) => {
      const out: ScheduleException = {
        date: e.date,
        intervals: e.closed ? [] : [...e.intervals].sort(byStart).map((i) => ({ start: i.start, end: i.end })),
      };
      if (e.label.trim()) out.label = e.label.trim();
      return out;
    });
  return { timezone: model.timezone, weekly, exceptions };
}

function checkIntervals(list: readonly TimeInterval[], path: string, errors: Record<string, string>) {
  const spans: [number, number, number][] = [];
  list.forEach((i, idx) => {
    const s = minutes(i.start);
    const e = minutes(i.end);
    if (s === null || s === 24 * 60) errors[`${path}[${idx}].start`] = 'Use HH:MM (00:00–23:59)';
    else if (e === null) errors[`${path}[${idx}].end`] = 'Use HH:MM (00:00–24:00)';
    else if (e <= s) errors[`${path}[${idx}].end`] = 'Must be after the start';
    else spans.push([s, e, idx]);
  });
  spans.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k]![0] < spans[k - 1]![1]) errors[`${path}[${spans[k]![2]}].start`] = 'Overlaps another interval';
  }
}

/** Errors keyed by the same dot paths the server uses under `schedule.` */
export function validateModel(model: ScheduleModel): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!model.enabled) return errors;
  if (!model.timezone) errors.timezone = 'Choose a time zone';
  for (const d of WEEKDAYS) checkIntervals(model.weekly[d], `weekly.${d}`, errors);
  const seen = new Set<string>();
  model.exceptions.forEach((e, idx) => {
    if (!DATE.test(e.date)) errors[`exceptions[${idx}].date`] = 'Choose a date';
    else if (seen.has(e.date)) errors[`exceptions[${idx}].date`] = 'This date is already listed';
    seen.add(e.date);
    if (!e.closed) {
      if (e.intervals.length === 0) errors[`exceptions[${idx}].intervals`] = 'Add hours or mark as closed';
      checkIntervals(e.intervals, `exceptions[${idx}].intervals`, errors);
    }
  });
  return errors;
}

export function copyDay(model: ScheduleModel, from: Weekday, to: readonly Weekday[]): ScheduleModel {
  const weekly = { ...model.weekly };
  for (const d of to) if (d !== from) weekly[d] = model.weekly[from].map((i) => ({ ...i }));
  return { ...model, weekly };
}

export function timezones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}
