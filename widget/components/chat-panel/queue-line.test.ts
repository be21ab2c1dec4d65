import { describe, expect, test } from 'bun:test';
import { translator } from '../../internal/strings';
import { queueLine, replyLine } from './queue-line';

const t = translator('en');

describe('the header line while waiting or before writing', () => {
  const cases: [string, string, string][] = [
    ['first in line, no estimate', queueLine(t, 1, null), 'You are next in line'],
    ['third, about 3 minutes', queueLine(t, 3, 180), 'You are number 3 in line · usually about 3 min'],
    ['second, 40 s', queueLine(t, 2, 40), 'You are number 2 in line · usually under a minute'],
    ['before writing, no data', replyLine(t, null), ''],
    ['before writing, config without the field', replyLine(t, undefined), ''],
    ['before writing, 150 s rounds to 3 min', replyLine(t, 150), 'Usually replies in 3 min'],
    ['before writing, 20 s', replyLine(t, 20), 'Usually replies in under a minute'],
  ];
  for (const [name, got, want] of cases) test(name, () => expect(got).toBe(want));
});
