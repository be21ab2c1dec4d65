import { describe, expect, test } from 'bun:test';
import type { Schedule } from '../../../../shared/types/schedule';
import { copyDay, fromModel, minutes, toModel, validateModel, type ScheduleModel } from './model';

describe('minutes', () => {
  test.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['9:00', null],
    ['12:60', null],
    ['', null],
  ] as [string, number | null][])('%s → %p', (s, want) => expect(minutes(s)).toBe(want));
});

describe('toModel / fromModel', () => {
  const schedules: [string, Schedule][] = [
    ['weekdays only', { timezone: 'Europe/London', weekly: { mon: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '24:00' }] }, exceptions: [] }],
    [
      'with exceptions',
      {
        timezone: 'America/New_York',
        weekly: { sat: [{ start: '10:00', end: '14:00' }] },
        exceptions: [
          { date: '2025-12-25', intervals: [], label: 'Christmas' },
          { date: '2025-12-31', intervals: [{ start: '09:00', end: '12:00' }] },
        ],
      },
    ],
    ['always closed', { timezone: 'UTC', weekly: {}, exceptions: [] }],
  ];
  test.each(schedules)('round-trips %s', (_n, s) => expect(fromModel(toModel(s))).toEqual(s));

  test('null is switched off, with business hours ready to edit', () => {
    const m = toModel(null, 'Europe/Paris');
    expect(m.enabled).toBe(false);
    expect(m.timezone).toBe('Europe/Paris');
    expect(m.weekly.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(m.weekly.sun).toEqual([]);
    expect(fromModel(m)).toBeNull();
  });

  test('sorts intervals and exceptions, drops empty days and blank labels', () => {
    const m = toModel({ timezone: 'UTC', weekly: {}, exceptions: [] });
    m.weekly.tue = [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }];
    m.exceptions = [
      { date: '2026-01-02', label: '  ', closed: false, intervals: [{ start: '10:00', end: '11:00' }] },
      { date: '2026-01-01', label: 'New Year', closed: true, intervals: [{ start: '09:00', end: '17:00' }] },
    ];
    expect(fromModel(m)).toEqual({
      timezone: 'UTC',
      weekly: { tue: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
      exceptions: [
        { date: '2026-01-01', intervals: [], label: 'New Year' },
        { date: '2026-01-02', intervals: [{ start: '10:00', end: '11:00' }] },
      ],
    });
  });
});

describe('validateModel', () => {
  const base = (): ScheduleModel => toModel({ timezone: 'UTC', weekly: {}, exceptions: [] });
  const cases: [string, (m: ScheduleModel) => void, Record<string, string> | string[]][] = [
    ['valid empty week', () => {}, []],
    ['disabled is always valid', (m) => { m.enabled = false; m.weekly.mon = [{ start: 'x', end: 'y' }]; }, []],
    ['end before start', (m) => { m.weekly.mon = [{ start: '10:00', end: '09:00' }]; }, ['weekly.mon[0].end']],
    ['equal start and end', (m) => { m.weekly.mon = [{ start: '10:00', end: '10:00' }]; }, ['weekly.mon[0].end']],
    ['until midnight ok', (m) => { m.weekly.sun = [{ start: '18:00', end: '24:00' }]; }, []],
    ['start at 24:00 refused', (m) => { m.weekly.sun = [{ start: '24:00', end: '24:00' }]; }, ['weekly.sun[0].start']],
    ['bad format', (m) => { m.weekly.wed = [{ start: '9am', end: '17:00' }]; }, ['weekly.wed[0].start']],
    ['overlap', (m) => { m.weekly.thu = [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }]; }, ['weekly.thu[1].start']],
    ['touching is fine', (m) => { m.weekly.thu = [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }]; }, []],
    ['no time zone', (m) => { m.timezone = ''; }, ['timezone']],
    ['bad date', (m) => { m.exceptions = [{ date: '2025-13-01', label: '', closed: true, intervals: [] }]; }, ['exceptions[0].date']],
    ['duplicate date', (m) => { m.exceptions = [{ date: '2025-05-01', label: '', closed: true, intervals: [] }, { date: '2025-05-01', label: '', closed: true, intervals: [] }]; }, ['exceptions[1].date']],
    ['special hours need hours', (m) => { m.exceptions = [{ date: '2025-05-01', label: '', closed: false, intervals: [] }]; }, ['exceptions[0].intervals']],
    ['special hours checked', (m) => { m.exceptions = [{ date: '2025-05-01', label: '', closed: false, intervals: [{ start: '12:00', end: '11:00' }] }]; }, ['exceptions[0].intervals[0].end']],
  ];
  test.each(cases)('%s', (_n, mutate, want) => {
    const m = base();
    mutate(m);
    expect(Object.keys(validateModel(m)).sort()).toEqual([...(want as string[])].sort());
  });
});

test('copyDay copies to the chosen days only, as independent copies', () => {
  const m = toModel({ timezone: 'UTC', weekly: { mon: [{ start: '08:00', end: '16:00' }] }, exceptions: [] });
  const out = copyDay(m, 'mon', ['tue', 'wed', 'mon']);
  expect(out.weekly.tue).toEqual([{ start: '08:00', end: '16:00' }]);
  expect(out.weekly.wed).toEqual([{ start: '08:00', end: '16:00' }]);
  expect(out.weekly.thu).toEqual([]);
  out.weekly.tue[0]!.start = '07:00';
  expect(out.weekly.mon[0]!.start).toBe('08:00');
});
