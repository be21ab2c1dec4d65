import { expect, test } from 'bun:test';
import { estimatedWaitSeconds } from './queue-estimate';

const s = (...secs: number[]) => secs.map((x) => x * 1000);

test.each([
  ['no samples', [], null],
  ['four samples: too few', s(10, 20, 30, 40), null],
  ['five samples: the middle one', s(50, 10, 40, 20, 30), 30],
  ['six samples: the mean of the middle two', s(10, 20, 30, 40, 50, 600), 35],
  ['one outlier does not move it', s(60, 60, 60, 60, 36_000), 60],
  ['negative and non-finite waits are ignored', [...s(1, 2, 3, 4), -5, Number.NaN], null],
  ['rounded to seconds', [1400, 1400, 1600, 1600, 1500], 2],
] as const)('%s', (_what, waits, expected) => {
  expect(estimatedWaitSeconds(waits)).toBe(expected);
});
