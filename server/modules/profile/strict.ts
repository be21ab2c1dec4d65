// Strict input checks for these modules' routes.
//
// Why: the app's Elysia instance normalizes inputs (its default), which silently *drops*
// properties a schema does not allow instead of rejecting them, so a client typo (`{ nmae }`)
// or an operator object in an unexpected key would look like a successful save. These
// `transform` hooks run before Elysia's own validation and reject unknown keys with a 400 naming
// the field, exactly like any other schema failure.
import { getSchemaValidator, mapValueError, type TSchema } from 'elysia';
import { AppError } from '../../errors';
import { fieldOf } from '../../http/error-handler';
import { isPlainObject } from '../../domain/validation';

type Check = (input: { body?: unknown; query?: unknown }) => void;

function fail(location: string, error: { path?: string; message?: string; summary?: string } | undefined): never {
  const field = fieldOf(location, error?.path);
  const message = error?.summary ?? error?.message ?? 'Invalid input';
  throw new AppError('VALIDATION', `${field}: ${message}`, field);
}

/** Validates the raw JSON body against `schema` without normalizing (unknown keys are errors). */
export function strictBody(schema: TSchema): Check {
  const validator = getSchemaValidator(schema, { normalize: false, dynamic: true });
  return ({ body }) => {
    if (validator && !validator.Check(body)) {
      const first = [...validator.Errors(body)][0] as Parameters<typeof mapValueError>[0] | undefined;
      fail('body', mapValueError(first) as { path?: string; message?: string; summary?: string } | undefined);
    }
  };
}

/** Query strings are coerced by Elysia afterwards; here only unknown keys are rejected. */
export function strictQuery(allowed: readonly string[]): Check {
  return ({ query }) => {
    if (!isPlainObject(query)) return;
    const extra = Object.keys(query).find((key) => !allowed.includes(key));
    if (extra !== undefined) fail('query', { path: `/${extra}`, summary: `Property '${extra}' should not be provided` });
  };
}

/** Runs several checks in order (e.g. the schedule validator, then the whole body). */
export const checks = (...fns: Check[]): Check => (input) => {
  for (const fn of fns) fn(input);
};
