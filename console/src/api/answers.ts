// Every answer the console reads is checked against the contract's response schema, the same
// schema the server validated it with before sending (shared/contract/). The check is a type
// guard, so an answer's type comes from the schema itself and no response is ever cast; an
// answer of another shape (a server of another version behind a cache, a proxy's error page
// with status 200) becomes a clear error instead of undefined deep inside a screen.
import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import { ApiError } from './api-error';

// The contract's string formats, as loose as the server's (it already checked them strictly).
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (value) => /^[^\s@]+@[^\s@]+$/.test(value));
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)));

export function decodeAnswer<S extends TSchema>(schema: S, data: unknown, status: number, route: string): Static<S> {
  if (Check(schema, data)) return data;
  console.error(`Phoenix Chat: the answer of ${route} does not match the API contract`, data);
  throw new ApiError(status, 'INTERNAL', 'The server answered in a way this page does not understand. Reload the page.');
}
