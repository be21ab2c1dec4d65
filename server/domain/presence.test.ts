import { expect, test } from 'bun:test';
import { derivePresence, liveTabs, nextPresenceChange, type PresenceFacts } from './presence';

const T0 = new Date('2026-01-05T10:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const timings = { offlineGraceMs: 60_000, awayAfterMs: 300_000 };
const base: PresenceFacts = { tabs: 1, lastTabClosedAt: null, lastActivityAt: T0, manualAway: false };

// [what, facts, seconds after T0, expected state, expected next change (seconds after T0) or null]
const cases: [string, Partial<PresenceFacts>, number, 'online' | 'away' | 'offline', number | null][] = [
  ['a tab just opened', {}, 0, 'online', 300],
  ['active a minute ago', {}, 60, 'online', 300],
  ['idle exactly N', {}, 300, 'away', null],
  ['idle longer than N', {}, 900, 'away', null],
  ['set away by hand', { manualAway: true }, 10, 'away', null],
  ['never connected', { tabs: 0, lastActivityAt: null }, 0, 'offline', null],
  ['last tab closed 10 s ago (a reload)', { tabs: 0, lastTabClosedAt: at(50) }, 60, 'online', 110],
  ['last tab closed 59 s ago', { tabs: 0, lastTabClosedAt: at(0) }, 59, 'online', 60],
  ['last tab closed 60 s ago', { tabs: 0, lastTabClosedAt: at(0) }, 60, 'offline', null],
  ['away when the last tab closed stays away in the grace', { tabs: 0, lastTabClosedAt: at(400) }, 420, 'away', 460],
  ['manual away, no tab, grace over', { tabs: 0, lastTabClosedAt: at(0), manualAway: true }, 120, 'offline', null],
  ['two tabs, one closed', { tabs: 1, lastTabClosedAt: at(5) }, 100, 'online', 300],
  ['idle deadline before the grace ends', { tabs: 0, lastTabClosedAt: at(280) }, 290, 'online', 300],
];

test.each(cases)('%s', (_what, facts, seconds, state, next) => {
  const f = { ...base, ...facts };
  expect(derivePresence(f, at(seconds), timings)).toBe(state);
  const change = nextPresenceChange(f, at(seconds), timings);
  expect(change === null ? null : (change.getTime() - T0.getTime()) / 1000).toBe(next);
});

test('re-deriving at the announced instant changes the state (timers never fire for nothing)', () => {
  for (const [, facts, seconds] of cases) {
    const f = { ...base, ...facts };
    const change = nextPresenceChange(f, at(seconds), timings);
    if (change) expect(derivePresence(f, change, timings)).not.toBe(derivePresence(f, at(seconds), timings));
  }
});

test.each([
  ['no tabs', {}, {}, 0],
  ['one live instance', { a: 2 }, { a: at(-10) }, 2],
  ['two live instances', { a: 1, b: 1 }, { a: at(-1), b: at(-44) }, 2],
  ['a dead instance (stamp 45 s old) counts nothing', { a: 1, dead: 3 }, { a: at(0), dead: at(-45) }, 1],
  ['a count without a stamp counts nothing', { a: 1 }, {}, 0],
  ['zero and negative counts count nothing', { a: 0, b: -1 }, { a: at(0), b: at(0) }, 0],
] as [string, Record<string, number>, Record<string, Date>, number][])('live tabs: %s', (_what, tabs, beats, want) => {
  expect(liveTabs(tabs, beats, T0)).toBe(want);
});
