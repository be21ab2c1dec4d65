// Schema failures in words a person can act on. The field path is reported separately (`field`),
// so these messages never name it: "Enter a valid e-mail address", not "body.email: …".
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TSchema } from '@sinclair/typebox';
import { NON_BLANK_PATTERN } from '../../shared/contract/common';

type Schema = TSchema & Record<string, unknown>;

const list = (values: unknown[]) => values.map((v) => String(v)).join(', ');

function range(schema: Schema, unit = ''): string {
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  const whole = schema.multipleOf === 1 || schema.type === 'integer';
  const what = whole ? 'a whole number' : 'a number';
  if (min !== undefined && max !== undefined) return `Must be ${what} from ${min} to ${max}${unit}`;
  if (min !== undefined) return `Must be ${what} of at least ${min}${unit}`;
  if (max !== undefined) return `Must be ${what} of at most ${max}${unit}`;
  return `Must be ${what}`;
}

function literals(schema: Schema): unknown[] | null {
  const members = schema.anyOf as Schema[] | undefined;
  if (!Array.isArray(members)) return Array.isArray(schema.enum) ? (schema.enum as unknown[]) : null;
  const consts = members.filter((m) => 'const' in m).map((m) => m.const);
  return consts.length === members.length ? consts : null;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'Must be text',
  number: 'Must be a number',
  integer: 'Must be a whole number',
  boolean: 'Must be true or false',
  object: 'Must be an object',
  array: 'Must be a list',
  null: 'Must be empty (null)',
};

function unionMessage(schema: Schema, value: unknown): string {
  const consts = literals(schema);
  if (consts !== null) return `Choose one of: ${list(consts.filter((c) => c !== ''))}`;
  const members = ((schema.anyOf as Schema[] | undefined) ?? []).filter((m) => m.type !== 'null' && !('const' in m));
  const jsType = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const member = members.find((m) => m.type === jsType || (jsType === 'number' && m.type === 'integer')) ?? members[0];
  if (member === undefined) return 'Has a value that is not allowed';
  const inner = Value.Errors(member, value).First();
  return inner === undefined ? 'Has a value that is not allowed' : validationMessage(inner);
}

/** The message for one TypeBox error (the first of a failed schema check). */
export function validationMessage(error: Pick<ValueError, 'type' | 'schema' | 'value' | 'message'>): string {
  const schema = error.schema as Schema;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return 'Is not a known field';
    case ValueErrorType.ObjectRequiredProperty:
      return 'Is required';
    case ValueErrorType.ObjectMinProperties:
      return 'Give at least one field';
    case ValueErrorType.StringFormat:
    case ValueErrorType.StringFormatUnknown:
      if (schema.format === 'email') return 'Enter a valid e-mail address';
      if (schema.format === 'date-time') return 'Enter a date and time in ISO 8601 form, e.g. 2025-03-09T14:30:00Z';
      return `Must be a valid ${String(schema.format)}`;
    case ValueErrorType.StringMinLength: {
      const min = schema.minLength as number;
      return min <= 1 ? 'Must not be blank' : `Use at least ${min} characters`;
    }
    case ValueErrorType.StringMaxLength:
      return `Use at most ${String(schema.maxLength)} characters`;
    case ValueErrorType.StringPattern:
      if (schema.pattern === NON_BLANK_PATTERN) return 'Must not be blank';
      return typeof schema.description === 'string' ? `Has the wrong form (${schema.description})` : 'Has the wrong form';
    case ValueErrorType.ArrayMaxItems:
      return `Give at most ${String(schema.maxItems)} items`;
    case ValueErrorType.ArrayMinItems:
      return `Give at least ${String(schema.minItems)} items`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.NumberMultipleOf:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return range(schema);
    case ValueErrorType.Literal:
      return `Must be ${JSON.stringify(schema.const)}`;
    case ValueErrorType.Union:
      return unionMessage(schema, error.value);
    default: {
      const type = typeof schema.type === 'string' ? TYPE_WORDS[schema.type] : undefined;
      if (type !== undefined) return type;
      const consts = literals(schema);
      if (consts !== null) return `Choose one of: ${list(consts)}`;
      return 'Has a value that is not allowed';
    }
  }
}
