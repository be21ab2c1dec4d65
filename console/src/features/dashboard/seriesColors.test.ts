import { expect, test } from 'bun:test';
import { SERIES_COLORS, seriesColor } from './seriesColors';

// [series name, colour, why]
const cases: [string, string, string][] = [
  ['Chats', 'brand', 'volume'],
  ['Median', 'accent', 'first response and resolution alike'],
  ['90th percentile', 'warn', 'first response and resolution alike'],
  ['New', 'ok', 'contacts'],
  ['Returning', 'violet', 'contacts'],
];
for (const [name, colour, why] of cases) test(`${name} → ${colour} (${why})`, () => expect(seriesColor(name)).toBe(colour as never));

test('no two named series share a colour', () => {
  const colours = Object.values(SERIES_COLORS);
  expect(new Set(colours).size).toBe(colours.length);
});

test('an unlisted name gets one stable colour', () => {
  expect(seriesColor('Missed')).toBe(seriesColor('Missed'));
});
