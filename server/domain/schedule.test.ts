import { describe, expect, test } from 'bun:test';
import type { Schedule, TimeInterval } from '../../shared/types/schedule';
import { WEEKDAYS } from '../../shared/types/enums';
import { isOpen, nextClosing, nextOpening, openingsOn, validateSchedule, isValidTimeZone } from './schedule';

// Reference transitions (2024), all checked against the tz database:
// America/New_York  spring Mar 10 02:00 EST→03:00 EDT (07:00Z)  fall Nov 3 02:00 EDT→01:00 EST (06:00Z)
// Europe/London     spring Mar 31 01:00 GMT→02:00 BST (01:00Z)  fall Oct 27 02:00 BST→01:00 GMT (01:00Z)
// Pacific/Auckland  spring Sep 29 02:00 NZST→03:00 NZDT (Sep 28 14:00Z)  fall Apr 7 03:00 NZDT→02:00 NZST (Apr 6 14:00Z)
// America/Santiago  spring Sep 8 00:00→01:00 (-04→-03, 04:00Z): midnight does not exist
// Asia/Kolkata      +05:30, no DST

const iv = (start: string, end: string): TimeInterval => ({ start, end });
const weekdays = (intervals: TimeInterval[]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, intervals]));
const everyDay = (intervals: TimeInterval[]) => Object.fromEntries(WEEKDAYS.map((d) => [d, intervals]));

const S = {
  nyBusiness: { timezone: 'America/New_York', weekly: weekdays([iv('09:00', '17:00')]), exceptions: [] },
  nyHolidays: {
    timezone: 'America/New_York',
    weekly: weekdays([iv('09:00', '17:00')]),
    exceptions: [
      { date: '2024-12-24', intervals: [iv('09:00', '12:00')], label: 'Christmas Eve' },
      { date: '2024-12-25', intervals: [], label: 'Christmas' },
      { date: '2024-12-28', intervals: [iv('10:00', '14:00')], label: 'Saturday sale' },
    ],
  },
  nyGapStart: { timezone: 'America/New_York', weekly: { sun: [iv('02:30', '04:00')] }, exceptions: [] },
  nyInsideGap: { timezone: 'America/New_York', weekly: { sun: [iv('02:00', '02:45')] }, exceptions: [] },
  nyFallEnd: { timezone: 'America/New_York', weekly: { sun: [iv('00:00', '01:30')] }, exceptions: [] },
  nyFallStart: { timezone: 'America/New_York', weekly: { sun: [iv('01:30', '03:00')] }, exceptions: [] },
  ny247: { timezone: 'America/New_York', weekly: everyDay([iv('00:00', '24:00')]), exceptions: [] },
  ny247July4: {
    timezone: 'America/New_York',
    weekly: everyDay([iv('00:00', '24:00')]),
    exceptions: [{ date: '2024-07-04', intervals: [] }],
  },
  ny247FarHoliday: {
    timezone: 'America/New_York',
    weekly: everyDay([iv('00:00', '24:00')]),
    exceptions: [{ date: '2031-12-25', intervals: [iv('00:00', '10:00'), iv('14:00', '24:00')] }],
  },
  londonSpring: { timezone: 'Europe/London', weekly: { sun: [iv('01:00', '03:00')] }, exceptions: [] },
  londonFall: { timezone: 'Europe/London', weekly: { sun: [iv('01:00', '02:00')] }, exceptions: [] },
  londonLate: {
    timezone: 'Europe/London',
    weekly: { mon: [iv('22:00', '24:00')], tue: [iv('00:00', '02:00')] },
    exceptions: [],
  },
  londonAcrossSpring: {
    timezone: 'Europe/London',
    weekly: { sat: [iv('22:00', '24:00')], sun: [iv('00:00', '03:00')] },
    exceptions: [],
  },
  londonWeekWrap: {
    timezone: 'Europe/London',
    weekly: { sun: [iv('20:00', '24:00')], mon: [iv('00:00', '08:00')] },
    exceptions: [],
  },
  londonSplit: {
    timezone: 'Europe/London',
    weekly: { mon: [iv('12:00', '17:00'), iv('09:00', '12:00'), iv('18:00', '20:00')] },
    exceptions: [],
  },
  aucklandBusiness: { timezone: 'Pacific/Auckland', weekly: weekdays([iv('09:00', '17:00')]), exceptions: [] },
  aucklandSpring: { timezone: 'Pacific/Auckland', weekly: { sun: [iv('02:30', '04:00')] }, exceptions: [] },
  aucklandFall: { timezone: 'Pacific/Auckland', weekly: { sun: [iv('02:30', '03:30')] }, exceptions: [] },
  kolkata: { timezone: 'Asia/Kolkata', weekly: weekdays([iv('09:30', '18:00')]), exceptions: [] },
  santiagoMidnight: { timezone: 'America/Santiago', weekly: { sun: [iv('00:00', '02:00')] }, exceptions: [] },
  empty: { timezone: 'UTC', weekly: {}, exceptions: [] },
  emptyDays: { timezone: 'UTC', weekly: { mon: [], sat: [] }, exceptions: [] },
  onlyFutureException: {
    timezone: 'UTC',
    weekly: {},
    exceptions: [
      { date: '2020-01-01', intervals: [iv('10:00', '11:00')] },
      { date: '2030-06-01', intervals: [iv('10:00', '11:00')] },
      { date: '2029-01-01', intervals: [] },
    ],
  },
  onlyPastException: {
    timezone: 'UTC',
    weekly: {},
    exceptions: [{ date: '2020-01-01', intervals: [iv('10:00', '11:00')] }],
  },
  holidayWeek: {
    timezone: 'UTC',
    weekly: { mon: [iv('09:00', '10:00')] },
    exceptions: Array.from({ length: 20 }, (_, i) => ({
      date: new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10),
      intervals: [],
    })),
  },
} satisfies Record<string, Schedule>;

type Name = keyof typeof S;
const d = (iso: string) => new Date(iso);

describe('isOpen', () => {
  const cases: [string, Name | null, string, boolean][] = [
    ['null schedule is always open', null, '2024-01-08T03:00:00Z', true],
    ['start is inclusive (Mon 09:00 EST)', 'nyBusiness', '2024-01-08T14:00:00Z', true],
    ['last second before end', 'nyBusiness', '2024-01-08T21:59:59.999Z', true],
    ['end is exclusive (17:00 EST)', 'nyBusiness', '2024-01-08T22:00:00Z', false],
    ['just before start', 'nyBusiness', '2024-01-08T13:59:59.999Z', false],
    ['weekend day without intervals', 'nyBusiness', '2024-01-13T17:00:00Z', false],
    ['summer 09:00 EDT is 13:00Z', 'nyBusiness', '2024-07-08T13:00:00Z', true],
    ['summer 17:00 EDT is 21:00Z', 'nyBusiness', '2024-07-08T21:00:00Z', false],
    ['winter 13:00Z is 08:00 EST', 'nyBusiness', '2024-01-08T13:00:00Z', false],
    ['NY spring: closed before the gap', 'nyGapStart', '2024-03-10T06:59:59Z', false],
    ['NY spring: 02:30 opens at 03:00 EDT', 'nyGapStart', '2024-03-10T07:00:00Z', true],
    ['NY spring: closes at 04:00 EDT', 'nyGapStart', '2024-03-10T08:00:00Z', false],
    ['NY ordinary Sunday 02:30 EST', 'nyGapStart', '2024-03-03T07:30:00Z', true],
    ['NY ordinary Sunday 02:29 EST', 'nyGapStart', '2024-03-03T07:29:00Z', false],
    ['NY spring: interval inside the gap never opens', 'nyInsideGap', '2024-03-10T07:00:00Z', false],
    ['NY fall: open at first 01:29 EDT', 'nyFallEnd', '2024-11-03T05:29:00Z', true],
    ['NY fall: 01:30 end is the first occurrence', 'nyFallEnd', '2024-11-03T05:30:00Z', false],
    ['NY fall: repeated 01:15 EST is closed', 'nyFallEnd', '2024-11-03T06:15:00Z', false],
    ['NY fall: opens at first 01:30 EDT', 'nyFallStart', '2024-11-03T05:30:00Z', true],
    ['NY fall: repeated 01:15 EST lies inside', 'nyFallStart', '2024-11-03T06:15:00Z', true],
    ['NY fall: 03:00 EST end', 'nyFallStart', '2024-11-03T08:00:00Z', false],
    ['London spring: 01:00 opens at 02:00 BST', 'londonSpring', '2024-03-31T01:00:00Z', true],
    ['London spring: closed before', 'londonSpring', '2024-03-31T00:59:59Z', false],
    ['London spring: 03:00 BST end', 'londonSpring', '2024-03-31T02:00:00Z', false],
    ['London fall: first 01:00 BST', 'londonFall', '2024-10-27T00:00:00Z', true],
    ['London fall: repeated 01:30 GMT is inside', 'londonFall', '2024-10-27T01:30:00Z', true],
    ['London fall: 02:00 GMT end', 'londonFall', '2024-10-27T02:00:00Z', false],
    ['London midnight: Mon 23:59:59', 'londonLate', '2024-01-08T23:59:59Z', true],
    ['London midnight: Tue 00:00', 'londonLate', '2024-01-09T00:00:00Z', true],
    ['London midnight: Tue 02:00 end', 'londonLate', '2024-01-09T02:00:00Z', false],
    ['London midnight: Mon 21:59', 'londonLate', '2024-01-08T21:59:00Z', false],
    ['London midnight in summer: Mon 22:00 BST', 'londonLate', '2024-07-08T21:00:00Z', true],
    ['holiday is closed', 'nyHolidays', '2024-12-25T17:00:00Z', false],
    ['special hours: Dec 24 11:59 EST', 'nyHolidays', '2024-12-24T16:59:00Z', true],
    ['special hours: Dec 24 12:00 EST end', 'nyHolidays', '2024-12-24T17:00:00Z', false],
    ['special opening on a Saturday', 'nyHolidays', '2024-12-28T15:00:00Z', true],
    ['ordinary weekday after the holiday', 'nyHolidays', '2024-12-26T14:00:00Z', true],
    ['Auckland: Mon 09:00 NZST is Sun 21:00Z', 'aucklandBusiness', '2024-06-09T21:00:00Z', true],
    ['Auckland: Mon 09:00 NZDT is Sun 20:00Z', 'aucklandBusiness', '2024-01-07T20:00:00Z', true],
    ['Auckland: Sun 20:00Z in June is Mon 08:00', 'aucklandBusiness', '2024-06-09T20:00:00Z', false],
    ['Auckland spring: 02:30 opens at 03:00 NZDT', 'aucklandSpring', '2024-09-28T14:00:00Z', true],
    ['Auckland spring: before the gap', 'aucklandSpring', '2024-09-28T13:59:00Z', false],
    ['Auckland spring: 04:00 NZDT end', 'aucklandSpring', '2024-09-28T15:00:00Z', false],
    ['Auckland fall: first 02:30 NZDT', 'aucklandFall', '2024-04-06T13:30:00Z', true],
    ['Auckland fall: repeated 02:30 NZST inside', 'aucklandFall', '2024-04-06T14:30:00Z', true],
    ['Auckland fall: 03:30 NZST end', 'aucklandFall', '2024-04-06T15:30:00Z', false],
    ['Kolkata: 09:30 IST is 04:00Z', 'kolkata', '2024-01-08T04:00:00Z', true],
    ['Kolkata: 03:59Z is 09:29 IST', 'kolkata', '2024-01-08T03:59:00Z', false],
    ['Kolkata: 18:00 IST end', 'kolkata', '2024-01-08T12:30:00Z', false],
    ['Santiago: nonexistent midnight opens at 01:00', 'santiagoMidnight', '2024-09-08T04:00:00Z', true],
    ['Santiago: before the gap', 'santiagoMidnight', '2024-09-08T03:59:00Z', false],
    ['no intervals at all', 'empty', '2024-01-08T12:00:00Z', false],
    ['weekdays present but empty', 'emptyDays', '2024-01-08T12:00:00Z', false],
    ['24/7', 'ny247', '2024-03-10T07:00:00Z', true],
    ['24/7 holiday', 'ny247July4', '2024-07-04T16:00:00Z', false],
  ];
  test.each(cases)('%s', (_label, name, instant, expected) => {
    expect(isOpen(name === null ? null : S[name], d(instant))).toBe(expected);
  });
});

describe('nextOpening', () => {
  const cases: [string, Name | null, string, string | null][] = [
    ['null schedule: the instant itself', null, '2024-01-08T03:00:00Z', '2024-01-08T03:00:00.000Z'],
    ['already open: the instant itself', 'nyBusiness', '2024-01-08T15:30:00.123Z', '2024-01-08T15:30:00.123Z'],
    ['exactly at opening', 'nyBusiness', '2024-01-08T14:00:00Z', '2024-01-08T14:00:00.000Z'],
    ['early morning → same day', 'nyBusiness', '2024-01-08T05:00:00Z', '2024-01-08T14:00:00.000Z'],
    ['at closing → next day', 'nyBusiness', '2024-01-08T22:00:00Z', '2024-01-09T14:00:00.000Z'],
    ['Friday evening → Monday', 'nyBusiness', '2024-01-12T23:00:00Z', '2024-01-15T14:00:00.000Z'],
    ['weekend spanning spring forward → Monday in EDT', 'nyBusiness', '2024-03-08T22:00:00Z', '2024-03-11T13:00:00.000Z'],
    ['weekend spanning fall back → Monday in EST', 'nyBusiness', '2024-11-01T21:00:00Z', '2024-11-04T14:00:00.000Z'],
    ['NY spring: 02:30 → 03:00 EDT', 'nyGapStart', '2024-03-10T05:00:00Z', '2024-03-10T07:00:00.000Z'],
    ['NY spring: interval in the gap skips to next Sunday', 'nyInsideGap', '2024-03-10T05:00:00Z', '2024-03-17T06:00:00.000Z'],
    ['NY fall: first occurrence of 01:30', 'nyFallStart', '2024-11-03T04:00:00Z', '2024-11-03T05:30:00.000Z'],
    ['NY fall: after the first 01:30 passed it is open', 'nyFallStart', '2024-11-03T06:15:00Z', '2024-11-03T06:15:00.000Z'],
    ['NY fall: in the repeated hour after closing → next Sunday', 'nyFallEnd', '2024-11-03T06:15:00Z', '2024-11-10T05:00:00.000Z'],
    ['London spring: 01:00 → 02:00 BST', 'londonSpring', '2024-03-30T12:00:00Z', '2024-03-31T01:00:00.000Z'],
    ['London fall: first 01:00 BST', 'londonFall', '2024-10-26T12:00:00Z', '2024-10-27T00:00:00.000Z'],
    ['London: Monday noon → 22:00', 'londonLate', '2024-01-08T12:00:00Z', '2024-01-08T22:00:00.000Z'],
    ['London: Tue after 02:00 → next Monday 22:00', 'londonLate', '2024-01-09T02:00:00Z', '2024-01-15T22:00:00.000Z'],
    ['holiday → next working day', 'nyHolidays', '2024-12-24T18:00:00Z', '2024-12-26T14:00:00.000Z'],
    ['Friday after hours → special Saturday opening', 'nyHolidays', '2024-12-27T23:00:00Z', '2024-12-28T15:00:00.000Z'],
    ['24/7 holiday → next midnight EDT', 'ny247July4', '2024-07-04T16:00:00Z', '2024-07-05T04:00:00.000Z'],
    ['Auckland: Friday 17:00 → Monday 09:00 NZST', 'aucklandBusiness', '2024-06-14T05:00:00Z', '2024-06-16T21:00:00.000Z'],
    ['Auckland spring: 02:30 → 03:00 NZDT', 'aucklandSpring', '2024-09-28T12:00:00Z', '2024-09-28T14:00:00.000Z'],
    ['Auckland fall: first 02:30 NZDT', 'aucklandFall', '2024-04-06T12:00:00Z', '2024-04-06T13:30:00.000Z'],
    ['Kolkata: Friday evening → Monday 09:30 IST', 'kolkata', '2024-01-12T12:30:00Z', '2024-01-15T04:00:00.000Z'],
    ['Santiago: nonexistent 00:00 → 01:00 -03', 'santiagoMidnight', '2024-09-07T12:00:00Z', '2024-09-08T04:00:00.000Z'],
    ['no intervals: never', 'empty', '2024-01-08T12:00:00Z', null],
    ['empty weekdays: never', 'emptyDays', '2024-01-08T12:00:00Z', null],
    ['only exceptions: jumps years ahead', 'onlyFutureException', '2024-01-08T12:00:00Z', '2030-06-01T10:00:00.000Z'],
    ['only past exceptions: never', 'onlyPastException', '2024-01-08T12:00:00Z', null],
    ['20 Monday holidays in a row', 'holidayWeek', '2024-01-01T00:00:00Z', '2024-05-20T09:00:00.000Z'],
  ];
  test.each(cases)('%s', (_label, name, instant, expected) => {
    const result = nextOpening(name === null ? null : S[name], d(instant));
    expect(result?.toISOString() ?? null).toBe(expected);
  });

  test('returns a new Date, not the argument', () => {
    const at = d('2024-01-08T15:00:00Z');
    const result = nextOpening(S.nyBusiness, at);
    expect(result).not.toBe(at);
    expect(result?.getTime()).toBe(at.getTime());
  });
});

describe('nextClosing', () => {
  const cases: [string, Name | null, string, string | null][] = [
    ['null schedule never closes', null, '2024-01-08T12:00:00Z', null],
    ['already closed: the instant itself', 'nyBusiness', '2024-01-08T05:00:00Z', '2024-01-08T05:00:00.000Z'],
    ['at the end instant it is closed', 'nyBusiness', '2024-01-08T22:00:00Z', '2024-01-08T22:00:00.000Z'],
    ['open → end of the interval', 'nyBusiness', '2024-01-08T15:00:00Z', '2024-01-08T22:00:00.000Z'],
    ['at opening → end of the interval', 'nyBusiness', '2024-01-08T14:00:00Z', '2024-01-08T22:00:00.000Z'],
    ['adjacent intervals merge, order in input ignored', 'londonSplit', '2024-01-08T10:00:00Z', '2024-01-08T17:00:00.000Z'],
    ['gap after 17:00 is a closing', 'londonSplit', '2024-01-08T18:30:00Z', '2024-01-08T20:00:00.000Z'],
    ['22:00–24:00 + 00:00–02:00 continue across midnight', 'londonLate', '2024-01-08T22:30:00Z', '2024-01-09T02:00:00.000Z'],
    ['from the Tuesday half', 'londonLate', '2024-01-09T01:00:00Z', '2024-01-09T02:00:00.000Z'],
    ['across midnight into spring forward', 'londonAcrossSpring', '2024-03-30T22:30:00Z', '2024-03-31T02:00:00.000Z'],
    ['across the week boundary Sun→Mon', 'londonWeekWrap', '2024-01-07T21:00:00Z', '2024-01-08T08:00:00.000Z'],
    ['NY spring: 04:00 EDT', 'nyGapStart', '2024-03-10T07:30:00Z', '2024-03-10T08:00:00.000Z'],
    ['NY fall: first 01:30', 'nyFallEnd', '2024-11-03T05:00:00Z', '2024-11-03T05:30:00.000Z'],
    ['NY fall: 03:00 EST', 'nyFallStart', '2024-11-03T06:15:00Z', '2024-11-03T08:00:00.000Z'],
    ['London fall: 02:00 GMT', 'londonFall', '2024-10-27T00:30:00Z', '2024-10-27T02:00:00.000Z'],
    ['special hours end early', 'nyHolidays', '2024-12-24T15:00:00Z', '2024-12-24T17:00:00.000Z'],
    ['24/7 never closes', 'ny247', '2024-01-08T12:00:00Z', null],
    ['24/7 closes at the holiday (EDT midnight)', 'ny247July4', '2024-06-01T12:00:00Z', '2024-07-04T04:00:00.000Z'],
    ['24/7 with special hours years ahead', 'ny247FarHoliday', '2024-06-01T12:00:00Z', '2031-12-25T15:00:00.000Z'],
    ['Auckland: Mon 17:00 NZST', 'aucklandBusiness', '2024-06-09T22:00:00Z', '2024-06-10T05:00:00.000Z'],
    ['Auckland spring: 04:00 NZDT', 'aucklandSpring', '2024-09-28T14:10:00Z', '2024-09-28T15:00:00.000Z'],
    ['Auckland fall: 03:30 NZST', 'aucklandFall', '2024-04-06T13:45:00Z', '2024-04-06T15:30:00.000Z'],
    ['Kolkata: 18:00 IST', 'kolkata', '2024-01-08T05:00:00Z', '2024-01-08T12:30:00.000Z'],
    ['no intervals: closed now', 'empty', '2024-01-08T12:00:00Z', '2024-01-08T12:00:00.000Z'],
  ];
  test.each(cases)('%s', (_label, name, instant, expected) => {
    const result = nextClosing(name === null ? null : S[name], d(instant));
    expect(result?.toISOString() ?? null).toBe(expected);
  });
});

describe('openingsOn', () => {
  const cases: [string, Name, string, [string, string][]][] = [
    ['NY spring: 02:30 starts at 03:00 EDT', 'nyGapStart', '2024-03-10', [['2024-03-10T07:00:00.000Z', '2024-03-10T08:00:00.000Z']]],
    ['NY spring: swallowed by the gap', 'nyInsideGap', '2024-03-10', []],
    ['NY fall: 00:00–01:30 lasts 90 minutes', 'nyFallEnd', '2024-11-03', [['2024-11-03T04:00:00.000Z', '2024-11-03T05:30:00.000Z']]],
    ['NY fall: 01:30–03:00 lasts 2.5 hours', 'nyFallStart', '2024-11-03', [['2024-11-03T05:30:00.000Z', '2024-11-03T08:00:00.000Z']]],
    ['NY spring: a 00:00–24:00 day lasts 23 hours', 'ny247', '2024-03-10', [['2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z']]],
    ['London fall: 01:00–02:00 lasts 2 hours', 'londonFall', '2024-10-27', [['2024-10-27T00:00:00.000Z', '2024-10-27T02:00:00.000Z']]],
    ['split intervals come back sorted', 'londonSplit', '2024-01-08', [
      ['2024-01-08T09:00:00.000Z', '2024-01-08T12:00:00.000Z'],
      ['2024-01-08T12:00:00.000Z', '2024-01-08T17:00:00.000Z'],
      ['2024-01-08T18:00:00.000Z', '2024-01-08T20:00:00.000Z'],
    ]],
    ['holiday', 'nyHolidays', '2024-12-25', []],
  ];
  test.each(cases)('%s', (_label, name, date, expected) => {
    const got = openingsOn(S[name], date).map((r) => [r.start.toISOString(), r.end.toISOString()]);
    expect(got).toEqual(expected);
  });

  test('rejects a bad date', () => {
    expect(() => openingsOn(S.nyBusiness, '2024-02-30')).toThrow(RangeError);
  });
});

describe('stored schedules that skipped validation fail loudly', () => {
  const bad: [string, Schedule][] = [
    ['unknown zone', { timezone: 'Mars/Olympus', weekly: {}, exceptions: [] }],
    ['malformed time', { timezone: 'UTC', weekly: { mon: [iv('9:00', '17:00')] }, exceptions: [] }],
    ['start after end', { timezone: 'UTC', weekly: { mon: [iv('17:00', '09:00')] }, exceptions: [] }],
    ['bad exception date', { timezone: 'UTC', weekly: {}, exceptions: [{ date: '2024-13-01', intervals: [] }] }],
  ];
  test.each(bad)('%s', (_label, schedule) => {
    expect(() => isOpen(schedule, d('2024-01-08T12:00:00Z'))).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  const cases: [unknown, boolean][] = [
    ['Europe/London', true],
    ['America/New_York', true],
    ['Pacific/Auckland', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    [' Europe/London', false],
    ['', false],
    [42, false],
    [null, false],
  ];
  test.each(cases)('%p → %p', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('validateSchedule', () => {
  const ok = { timezone: 'Europe/London', weekly: { mon: [iv('09:00', '17:00')] }, exceptions: [] };
  const withMon = (intervals: unknown) => ({ ...ok, weekly: { mon: intervals } });
  const withExceptions = (exceptions: unknown) => ({ ...ok, exceptions });

  const cases: [string, unknown, string[]][] = [
    ['valid', ok, []],
    ['valid: every form at once', {
      timezone: 'Pacific/Auckland',
      weekly: { mon: [iv('00:00', '12:00'), iv('12:00', '24:00')], sun: [] },
      exceptions: [{ date: '2024-02-29', intervals: [], label: 'Leap day' }, { date: '2024-12-25', intervals: [iv('10:00', '12:00')] }],
    }, []],
    ['not an object', 'always', ['schedule']],
    ['array', [], ['schedule']],
    ['unknown top-level field', { ...ok, extra: 1 }, ['extra']],
    ['unknown zone', { ...ok, timezone: 'Mars/Olympus' }, ['timezone']],
    ['zone with spaces', { ...ok, timezone: 'Europe/London ' }, ['timezone']],
    ['missing zone', { weekly: {}, exceptions: [] }, ['timezone']],
    ['weekly not an object', { ...ok, weekly: [] }, ['weekly']],
    ['unknown weekday', { ...ok, weekly: { monday: [] } }, ['weekly.monday']],
    ['day not a list', withMon({ start: '09:00', end: '17:00' }), ['weekly.mon']],
    ['interval not an object', withMon(['09:00-17:00']), ['weekly.mon[0]']],
    ['interval with extra key', withMon([{ start: '09:00', end: '17:00', tz: 'x' }]), ['weekly.mon[0].tz']],
    ['H:MM', withMon([iv('9:00', '17:00')]), ['weekly.mon[0].start']],
    ['hour 25', withMon([iv('25:00', '26:00')]), ['weekly.mon[0].start', 'weekly.mon[0].end']],
    ['minute 60', withMon([iv('09:60', '17:00')]), ['weekly.mon[0].start']],
    ['start 24:00', withMon([iv('24:00', '24:00')]), ['weekly.mon[0].start']],
    ['end 24:01', withMon([iv('09:00', '24:01')]), ['weekly.mon[0].end']],
    ['end 24:00 is fine', withMon([iv('09:00', '24:00')]), []],
    ['00:00–00:00 is empty', withMon([iv('00:00', '00:00')]), ['weekly.mon[0].end']],
    ['start equals end', withMon([iv('09:00', '09:00')]), ['weekly.mon[0].end']],
    ['start after end (overnight must be split)', withMon([iv('22:00', '02:00')]), ['weekly.mon[0].end']],
    ['numbers instead of text', withMon([{ start: 900, end: 1700 }]), ['weekly.mon[0].start', 'weekly.mon[0].end']],
    ['overlap', withMon([iv('09:00', '12:00'), iv('11:00', '13:00')]), ['weekly.mon[1].start']],
    ['overlap reported on the later entry', withMon([iv('11:00', '13:00'), iv('09:00', '12:00')]), ['weekly.mon[1].start']],
    ['contained interval', withMon([iv('09:00', '17:00'), iv('10:00', '11:00'), iv('12:00', '13:00')]), ['weekly.mon[1].start', 'weekly.mon[2].start']],
    ['duplicate interval', withMon([iv('09:00', '17:00'), iv('09:00', '17:00')]), ['weekly.mon[1].start']],
    ['adjacent intervals are fine', withMon([iv('09:00', '12:00'), iv('12:00', '17:00')]), []],
    ['too many intervals', withMon(Array.from({ length: 49 }, () => iv('09:00', '10:00'))), ['weekly.mon']],
    ['exceptions missing', { timezone: 'UTC', weekly: {} }, ['exceptions']],
    ['exceptions not a list', withExceptions({}), ['exceptions']],
    ['exception not an object', withExceptions(['2024-12-25']), ['exceptions[0]']],
    ['Feb 30', withExceptions([{ date: '2023-02-30', intervals: [] }]), ['exceptions[0].date']],
    ['Feb 29 in a non-leap year', withExceptions([{ date: '2023-02-29', intervals: [] }]), ['exceptions[0].date']],
    ['month 13', withExceptions([{ date: '2024-13-01', intervals: [] }]), ['exceptions[0].date']],
    ['unpadded date', withExceptions([{ date: '2024-2-1', intervals: [] }]), ['exceptions[0].date']],
    ['date with time', withExceptions([{ date: '2024-12-25T00:00', intervals: [] }]), ['exceptions[0].date']],
    ['duplicate date', withExceptions([{ date: '2024-12-25', intervals: [] }, { date: '2024-12-26', intervals: [] }, { date: '2024-12-25', intervals: [iv('10:00', '11:00')] }]), ['exceptions[2].date']],
    ['exception without intervals', withExceptions([{ date: '2024-12-25' }]), ['exceptions[0].intervals']],
    ['exception interval invalid', withExceptions([{ date: '2024-12-25', intervals: [iv('10:00', '09:00')] }]), ['exceptions[0].intervals[0].end']],
    ['exception intervals overlap', withExceptions([{ date: '2024-12-25', intervals: [iv('10:00', '12:00'), iv('11:00', '13:00')] }]), ['exceptions[0].intervals[1].start']],
    ['label too long', withExceptions([{ date: '2024-12-25', intervals: [], label: 'x'.repeat(101) }]), ['exceptions[0].label']],
    ['label not text', withExceptions([{ date: '2024-12-25', intervals: [], label: 5 }]), ['exceptions[0].label']],
    ['exception with extra key', withExceptions([{ date: '2024-12-25', intervals: [], closed: true }]), ['exceptions[0].closed']],
    ['too many exceptions', withExceptions(Array.from({ length: 1001 }, () => ({ date: '2024-12-25', intervals: [] }))), ['exceptions']],
  ];
  test.each(cases)('%s', (_label, input, fields) => {
    expect(validateSchedule(input).map((e) => e.field)).toEqual(fields);
  });

  test('prefix gives full paths', () => {
    expect(validateSchedule(withMon([iv('9:00', '17:00')]), 'schedule').map((e) => e.field)).toEqual([
      'schedule.weekly.mon[0].start',
    ]);
    expect(validateSchedule(null, 'schedule').map((e) => e.field)).toEqual(['schedule']);
  });

  test('every error has a message', () => {
    const errors = validateSchedule({ timezone: 'x', weekly: { mon: [iv('a', 'b')] }, exceptions: [{ date: 'x', intervals: 1 }] });
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
  });

  test('a validated schedule is usable', () => {
    const input: unknown = JSON.parse(JSON.stringify(S.nyHolidays));
    expect(validateSchedule(input)).toEqual([]);
    expect(isOpen(input as Schedule, d('2024-12-24T16:00:00Z'))).toBe(true);
  });
});
