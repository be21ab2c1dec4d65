import { describe, expect, test } from 'bun:test';
// Elysia registers the string formats (email, date-time) TypeBox checks.
import 'elysia';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { email, integer, nonBlankName, nullable, oneOf, strict, t } from '../../shared/contract/common';
import { ROLES } from '../../shared/types/enums';
import { validationMessage } from './validation-message';

const first = (schema: TSchema, value: unknown) => {
  const error = Value.Errors(schema, value).First();
  if (!error) throw new Error('expected a failure');
  return { path: error.path, message: validationMessage(error) };
};

describe('validationMessage', () => {
  const cases: [string, TSchema, unknown, string][] = [
    ['e-mail', email, 'nope', 'Enter a valid e-mail address'],
    ['blank name', nonBlankName(50), '   ', 'Must not be blank'],
    ['empty name', nonBlankName(50), '', 'Must not be blank'],
    ['too long', nonBlankName(5), 'abcdefgh', 'Use at most 5 characters'],
    ['password', t.String({ minLength: 8 }), 'short', 'Use at least 8 characters'],
    ['range', integer(10, 86_400), 5, 'Must be a whole number from 10 to 86400'],
    ['not whole', integer(1, 100), 1.5, 'Must be a whole number from 1 to 100'],
    ['nullable range', nullable(integer(1, 100)), 0, 'Must be a whole number from 1 to 100'],
    ['nullable wrong type', nullable(t.String()), 3, 'Must be text'],
    ['enum', oneOf(ROLES), 'boss', 'Choose one of: owner, admin, supervisor, agent'],
    ['operator where text belongs', t.String(), { $gt: '' }, 'Must be text'],
    ['list', t.Array(t.String(), { maxItems: 2 }), ['a', 'b', 'c'], 'Give at most 2 items'],
    ['boolean', t.Boolean(), 'yes', 'Must be true or false'],
    // Unions and nullables (the contact form, issue 17.9): the member's own rule, never "should be one of".
    ['nullable text too long (contact name)', nullable(t.String({ maxLength: 200 })), 'x'.repeat(500), 'Use at most 200 characters'],
    ['text, empty literal or null: too long (contact e-mail)', t.Union([email, t.Literal(''), t.Null()]), `${'x'.repeat(300)}@a.example`, 'Use at most 254 characters'],
    ['nullable pattern (contact phone)', nullable(t.String({ maxLength: 32, pattern: '^[0-9]*$', description: 'digits' })), 'abc', 'Has the wrong form (digits)'],
    ['optional nullable text, wrong type', t.Object({ name: t.Optional(nullable(t.String({ maxLength: 200 }))) }), { name: 5 }, 'Must be text'],
  ];
  for (const [what, schema, value, message] of cases) {
    test(what, () => expect(first(schema, value).message).toBe(message));
  }

  test('unknown and missing keys name the key in the path, not in the message', () => {
    const schema = t.Object({ name: t.String() }, strict);
    expect(first(schema, { name: 'a', nmae: 'b' })).toEqual({ path: '/nmae', message: 'Is not a known field' });
    expect(first(schema, {})).toEqual({ path: '/name', message: 'Is required' });
  });
});
