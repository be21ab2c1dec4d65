import { expect, test } from 'bun:test';
import { csvField, csvRow } from './csv';

// [value, written, why]
const cases: [string | number | null | undefined, string, string][] = [
  ['plain', 'plain', 'plain text as is'],
  ['', '', 'empty'],
  [null, '', 'null is an empty cell'],
  [undefined, '', 'undefined is an empty cell'],
  [42, '42', 'number'],
  [-3, '-3', 'a number of ours is never neutralized'],
  [Number.NaN, '', 'NaN is empty'],
  ['a,b', '"a,b"', 'comma quoted'],
  ['say "hi"', '"say ""hi"""', 'quotes doubled'],
  ['two\nlines', '"two\nlines"', 'LF quoted'],
  ['cr\r\nlf', '"cr\r\nlf"', 'CRLF quoted'],
  ['=1+1', "'=1+1", 'formula'],
  ['+31 6 1234', "'+31 6 1234", 'leading plus'],
  ['-2', "'-2", 'leading minus in text'],
  ['@SUM(A1)', "'@SUM(A1)", 'leading at'],
  ['\t=cmd', "'\t=cmd", 'leading tab'],
  ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"', 'formula with quotes: neutralized and quoted'],
  ['a=b', 'a=b', 'an equals sign inside is harmless'],
  ["'quoted", "'quoted", 'a leading apostrophe stays'],
];
for (const [value, written, why] of cases) {
  test(`csvField: ${why}`, () => expect(csvField(value)).toBe(written));
}

test('csvRow joins with commas and ends with CRLF', () => {
  expect(csvRow(['a', 1, null, 'x,y'])).toBe('a,1,,"x,y"\r\n');
});
