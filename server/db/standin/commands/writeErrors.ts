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
 * mongod retries an upsert that lost an insert race on a unique index when the filter pins every
 * field of that index by equality (the winner's document now matches, so it becomes an update).
 */
export function retriesAfterDuplicate(err: unknown, filter: Doc): boolean {
  if (!(err instanceof DuplicateKeyError)) return false;
  const pattern = err.extra.keyPattern;
  if (!isPlainObject(pattern)) return false;
  return Object.keys(pattern).every((f) => f in filter && !isPlainObject(filter[f]) && !(filter[f] instanceof RegExp));
}
