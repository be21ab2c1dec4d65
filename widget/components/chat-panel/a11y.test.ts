import { describe, expect, test } from 'bun:test';
import type { MessageDto } from '../../../shared/types';
import { toAnnounce } from './a11y';

const msg = (seq: number, kind: MessageDto['author']['kind']): MessageDto => ({ seq, author: { kind, id: null, name: kind }, text: `m${seq}` }) as MessageDto;

describe('toAnnounce', () => {
  const cases: [string, MessageDto[], number, number | null][] = [
    ['nothing new', [msg(1, 'agent')], 1, null],
    ['a new agent message', [msg(1, 'contact'), msg(2, 'agent')], 1, 2],
    ['the visitor’s own message is not read out', [msg(1, 'agent'), msg(2, 'contact')], 1, null],
    ['system notices are not either', [msg(1, 'contact'), msg(2, 'system')], 1, null],
    ['the newest of several', [msg(1, 'contact'), msg(2, 'agent'), msg(3, 'bot'), msg(4, 'contact')], 1, 3],
    ['no transcript', [], 0, null],
  ];
  for (const [name, messages, after, want] of cases) test(name, () => expect(toAnnounce(messages, after)?.seq ?? null).toBe(want));
});
