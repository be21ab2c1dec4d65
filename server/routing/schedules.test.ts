import { expect, test } from 'bun:test';
import { manualClock } from '../clock';
import { nextAgentOpening } from './schedules';
import { jobInstant } from './time';

const NINE_TO_FIVE = {
  timezone: 'Europe/Oslo',
  weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
  exceptions: [],
};

test.each([
  ['before hours: today’s opening', '2030-01-07T06:00:00Z', '2030-01-07T08:00:00.000Z'],
  ['inside hours: the opening after this one closes', '2030-01-07T10:00:00Z', '2030-01-08T08:00:00.000Z'],
  ['after the last day: next week', '2030-01-08T17:00:00Z', '2030-01-14T08:00:00.000Z'],
])('nextAgentOpening %s', (_label, now, expected) => {
  expect(nextAgentOpening({ schedule: NINE_TO_FIVE }, new Date(now))?.toISOString()).toBe(expected);
});

test('nextAgentOpening: no hours, or no opening ever, means no job', () => {
  expect(nextAgentOpening({ schedule: null }, new Date())).toBeNull();
  expect(nextAgentOpening({ schedule: { timezone: 'UTC', weekly: {}, exceptions: [] } }, new Date())).toBeNull();
});

test('jobInstant keeps the distance from the injected clock, on the wall clock', () => {
  const clock = manualClock(new Date('2030-01-07T08:59:00Z'));
  const at = jobInstant(clock, new Date('2030-01-07T09:00:00Z'));
  expect(Math.abs(at.getTime() - (Date.now() + 60_000))).toBeLessThan(50);
});
