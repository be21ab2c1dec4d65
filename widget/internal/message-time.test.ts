import { describe, expect, test } from 'bun:test';
import { absoluteTime, dayBefore, dayLabel, relativeTime, timeAfter, type Timed } from './message-time';

const T0 = new Date(2026, 11, 3, 10, 0).getTime(); // local time: day boundaries follow the visitor's zone
const min = 60_000;

describe('timeAfter / dayBefore', () => {
  const cases: { name: string; items: Timed[]; after: boolean[]; day: boolean[] }[] = [
    { name: 'empty', items: [], after: [], day: [] },
    { name: 'one message', items: [{ author: 'a', at: T0 }], after: [true], day: [true] },
    { name: 'a run within 5 min', items: [{ author: 'a', at: T0 }, { author: 'a', at: T0 + 2 * min }, { author: 'a', at: T0 + 6 * min }], after: [false, false, true], day: [true, false, false] },
    { name: 'a gap over 5 min splits', items: [{ author: 'a', at: T0 }, { author: 'a', at: T0 + 5 * min + 1 }], after: [true, true], day: [true, false] },
    { name: 'exactly 5 min stays', items: [{ author: 'a', at: T0 }, { author: 'a', at: T0 + 5 * min }], after: [false, true], day: [true, false] },
    { name: 'another author splits', items: [{ author: 'a', at: T0 }, { author: 'b', at: T0 + min }, { author: 'a', at: T0 + 2 * min }], after: [true, true, true], day: [true, false, false] },
    {
      name: 'midnight splits the run and the day',
      items: [{ author: 'a', at: new Date(2026, 11, 3, 23, 58).getTime() }, { author: 'a', at: new Date(2026, 11, 4, 0, 1).getTime() }],
      after: [true, true],
      day: [true, true],
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      expect(timeAfter(c.items)).toEqual(c.after);
      expect(dayBefore(c.items)).toEqual(c.day);
    });
});

describe('dayLabel', () => {
  const now = new Date(2026, 11, 3, 9, 0).getTime();
  const cases: [string, number, string, string][] = [
    ['today', new Date(2026, 11, 3, 0, 5).getTime(), 'en', 'Today'],
    ['yesterday late', new Date(2026, 11, 2, 23, 59).getTime(), 'en', 'Yesterday'],
    ['today in French', T0, 'fr', 'Aujourd’hui'],
    ['yesterday in German', new Date(2026, 11, 2, 8).getTime(), 'de', 'Gestern'],
    ['this year', new Date(2026, 10, 30, 8).getTime(), 'en', 'Mon, Nov 30'],
    ['last year', new Date(2025, 11, 1, 8).getTime(), 'en', 'Dec 1, 2025'],
  ];
  for (const [name, at, locale, want] of cases) test(name, () => expect(dayLabel(at, now, locale)).toBe(want));
});

describe('relativeTime', () => {
  const cases: [string, number, string, string][] = [
    ['0 s', 0, 'en', 'just now'],
    ['59 s', 59_000, 'en', 'just now'],
    ['a clock a little ahead of the server', -5_000, 'en', 'just now'],
    ['1 min', min, 'en', '1 min. ago'],
    ['2 min', 2 * min + 30_000, 'en', '2 min. ago'],
    ['59 min', 59 * min, 'en', '59 min. ago'],
    ['2 min in Spanish', 2 * min, 'es', 'hace 2 min'],
    ['an hour: the clock time', 60 * min, 'en', '10:00 AM'],
    ['an hour in German', 60 * min, 'de', '10:00'],
  ];
  for (const [name, ago, locale, want] of cases)
    test(name, () => expect(relativeTime(T0, T0 + ago, locale, 'just now').replace(/\u202f/g, ' ')).toBe(want));
});

test('absoluteTime has the date and the time', () => {
  expect(absoluteTime(T0, 'en').replace(/\u202f/g, ' ')).toBe('Dec 3, 2026, 10:00 AM');
});
