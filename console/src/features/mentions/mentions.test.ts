import { describe, expect, test } from 'bun:test';
import { atQuery, matchMembers, mentionedIds } from './mentions';

const members = [
  { id: '1', name: 'Bea Baker', email: 'bea@example.test' },
  { id: '2', name: 'Carl Stone', email: 'carl@example.test' },
];

describe('mentions', () => {
  test.each([
    ['@', 1, { start: 0, query: '' }],
    ['hi @be', 6, { start: 3, query: 'be' }],
    ['mail a@b', 8, null],
    ['@bea done', 9, null],
  ] as const)('atQuery(%p, %p)', (text, caret, want) => {
    expect(atQuery(text, caret)).toEqual(want);
  });
  test('matches by word start, e-mail and substring', () => {
    expect(matchMembers(members, 'ba').map((m) => m.id)).toEqual(['1']);
    expect(matchMembers(members, 'carl@').map((m) => m.id)).toEqual(['2']);
    expect(matchMembers(members, '').map((m) => m.id)).toEqual(['1', '2']);
  });
  test('only names still in the text are mentioned', () => {
    expect(mentionedIds('@Bea Baker please', members)).toEqual(['1']);
    expect(mentionedIds('nobody', members)).toEqual([]);
  });
});
