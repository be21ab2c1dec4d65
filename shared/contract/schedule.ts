import { t, strict, type Static } from './common';

const interval = t.Object({ start: t.String({ maxLength: 5, description: 'HH:MM, 24-hour; 24:00 closes at midnight' }), end: t.String({ maxLength: 5 }) }, strict);
const intervals = t.Array(interval, { maxItems: 48 });

/**
 * Weekly opening hours in an IANA time zone (team hours, personal availability). The shape only:
 * times, overlaps and zones are the domain validator's (server/domain/schedule.ts).
 */
export const scheduleSchema = t.Object(
  {
    timezone: t.String({ maxLength: 64 }),
    weekly: t.Object(
      {
        mon: t.Optional(intervals),
        tue: t.Optional(intervals),
        wed: t.Optional(intervals),
        thu: t.Optional(intervals),
        fri: t.Optional(intervals),
        sat: t.Optional(intervals),
        sun: t.Optional(intervals),
      },
      strict,
    ),
    exceptions: t.Array(
      t.Object({ date: t.String({ maxLength: 10, description: 'YYYY-MM-DD, local' }), intervals, label: t.Optional(t.String({ maxLength: 100 })) }, strict),
      { maxItems: 1000 },
    ),
  },
  { ...strict, title: 'Schedule' },
);

export type TimeIntervalShape = Static<typeof interval>;
export type ScheduleShape = Static<typeof scheduleSchema>;
