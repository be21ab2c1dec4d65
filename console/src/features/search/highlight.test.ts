import { expect, test } from 'bun:test';
import { segmentsOf } from './highlight';

test.each([
  ['no ranges', 'abc', [], [{ text: 'abc', hit: false }]],
  ['middle', 'my refund is late', [{ start: 3, end: 9 }], [{ text: 'my ', hit: false }, { text: 'refund', hit: true }, { text: ' is late', hit: false }]],
  ['overlap and out of range', 'abcdef', [{ start: 4, end: 99 }, { start: 0, end: 2 }, { start: 1, end: 3 }], [{ text: 'ab', hit: true }, { text: 'c', hit: true }, { text: 'd', hit: false }, { text: 'ef', hit: true }]],
] as const)('%s', (_n, text, ranges, want) => {
  expect(segmentsOf(text, ranges)).toEqual(want as never);
});
