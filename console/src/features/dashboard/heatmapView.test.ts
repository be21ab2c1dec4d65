import { expect, test } from 'bun:test';
import { shade } from './heatmapView';

// [count, max, shade]
const cases: [number, number, number][] = [
  [0, 0, 0],
  [0, 5, 0],
  [5, 5, 1],
  [1, 100, 0.25],
  [26, 100, 0.5],
  [75, 100, 0.75],
  [76, 100, 1],
];
for (const [count, max, expected] of cases) test(`shade(${count}, ${max}) = ${expected}`, () => expect(shade(count, max)).toBe(expected));
