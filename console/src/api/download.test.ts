import { expect, test } from 'bun:test';
import { csvRecordCounter } from './download';

test('records are counted across chunks; a newline inside quotes is not a record', () => {
  const c = csvRecordCounter();
  expect(c.feed('a,b\r\n1,"two\nlines"')).toBe(1);
  expect(c.feed('\r\n2,"say ""hi"""\r')).toBe(2);
  expect(c.feed('\n3,x\r\n')).toBe(4);
});
