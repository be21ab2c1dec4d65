/** Per-statement error entries of insert/update/delete replies, shaped like mongod's. */
import { type CommandError, toCommandError } from '../errors.ts';
import { DuplicateKeyError } from '../indexes.ts';
import { type Doc, isPlainObject } from '../values.ts';

export function writeError(index: number, err: unknown): Doc {
  const e: CommandError = toCommandError(err);
  return { index, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra };
}

/** Adds `writeErrors` only when there are some — drivers treat an empty array as "no errors" anyway. */
export function withWriteErrors(reply: Doc, errors: Doc[]): Doc {
  return errors.length ? { ...reply, writeErrors: errors } : reply;
}

/**
 * mongod (4.2+, SERVER-37124) retries an upsert that lost an insert race on a unique index only
 * when the filter is nothing but equalities on exactly that index's fields (the winner's document
 * then matches, so the retry becomes an update). Any other condition in the filter — `{ _id,
 * lastSeq: n }` — gets the E11000: the message writer relies on that to learn a conditional
 * step did not apply (repos/message-batches.ts).
 */
export function retriesAfterDuplicate(err: unknown, filter: Doc): boolean {
  if (!(err instanceof DuplicateKeyError)) return false;
  const pattern = err.extra.keyPattern;
  if (!isPlainObject(pattern)) return false;
  const fields = Object.keys(pattern);
  const conditions = Object.keys(filter);
  if (conditions.length !== fields.length) return false;
  return fields.every((f) => f in filter && !isPlainObject(filter[f]) && !(filter[f] instanceof RegExp) && !Array.isArray(filter[f]));
}
