// Building blocks of the HTTP contract. Schemas are TypeBox (the same @sinclair/typebox that
// Elysia 1.4 bundles, so the server hands these objects straight to its routes); their types
// are `Static<typeof X>`, never declared a second time. The widget only ever `import type`s
// from shared/contract/, so no TypeBox code reaches its bundle; the console imports the response
// schemas themselves and checks every answer against them (console/src/api/answers.ts).
import { Type as t, type Static, type TLiteral, type TSchema, type TUnion, type TNull, type TString, type StringOptions } from '@sinclair/typebox';
import { ERROR_CODES } from '../errors';

export { t, type Static };

/** Objects of the contract refuse keys they do not name (a typo is a 400, never a silent drop). */
export const strict = { additionalProperties: false } as const;

/**
 * The one enum helper of request and response schemas: one of `values` (a `const` list from
 * shared/types/enums.ts), as a union of literals. No default is set, so an optional enum left
 * out stays absent.
 */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, options: { description?: string } = {}): TUnion<Literals<T>> {
  return t.Union(values.map((v) => t.Literal(v)), options) as unknown as TUnion<Literals<T>>;
}
/** A tuple of literal schemas (a tuple, not an array: TypeBox's decoded types walk tuples). */
type Literals<T extends readonly string[]> = Extract<{ -readonly [K in keyof T]: TLiteral<T[K]> }, TSchema[]>;

export const nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}): TUnion<[T, TNull]> => t.Union([schema, t.Null()], options);

/** At least one character that is not white space. */
export const NON_BLANK_PATTERN = '\\S';
/** A name: refuses "", "   " and anything longer than `maxLength` (services trim it). */
export const nonBlankName = (maxLength: number, options: StringOptions = {}): TString =>
  t.String({ minLength: 1, maxLength, pattern: NON_BLANK_PATTERN, ...options });

export const email = t.String({ format: 'email', maxLength: 254 });
export const objectIdString = t.String({ pattern: '^[0-9a-fA-F]{24}$', description: 'ObjectId' });
/** A JSON integer (never a numeric string). */
export const integer = (minimum: number, maximum: number, options: { description?: string } = {}) =>
  t.Number({ multipleOf: 1, minimum, maximum, ...options });
/** A query-string count, e.g. `limit` (digits only; the route turns it into a number). */
export const digits = (max: number, description?: string) =>
  t.String({ pattern: `^[0-9]{1,${max}}$`, ...(description ? { description } : {}) });

export const idParams = t.Object({ id: t.String({ maxLength: 64, description: 'Id of the object' }) }, strict);

// ---- responses ------------------------------------------------------------------------------

export const id = t.String();
export const isoDate = t.String({ description: 'ISO 8601' });

const codes = Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]];
/** Every 4xx/5xx answer of the server (ErrorBody in shared/errors). */
export const errorBody = t.Object(
  {
    error: t.Object({
      code: oneOf(codes),
      message: t.String({ description: 'For people; never contains the field path' }),
      field: t.Optional(t.String({ description: 'Path of the offending input, e.g. body.email or body.schedule.weekly.mon[0].start' })),
      details: t.Optional(t.Record(t.String(), t.Unknown())),
    }),
  },
  { title: 'ErrorBody' },
);

/** Errors any signed-in console route can answer. */
export const consoleErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody, 500: errorBody } as const;
/** Errors the public widget routes can answer. */
export const widgetErrors = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 429: errorBody, 500: errorBody } as const;

/** 204 No Content. */
export const noContent = t.Void({ description: 'No content' });
/** `{ ok: true }` of the routes that only acknowledge. */
export const okBody = t.Object({ ok: t.Literal(true) });

export const listOf = <T extends TSchema>(item: T) => t.Object({ items: t.Array(item) });
export const pageOf = <T extends TSchema>(item: T) =>
  t.Object({ items: t.Array(item), next: t.Union([t.String(), t.Null()], { description: 'Cursor of the next page; null at the end' }) });
