/** Per-statement error entries of insert/update/delete replies, shaped like mongod's. */
import { type CommandError, toCommandError } from '../errors.ts';
import type { Doc } from '../values.ts';

export function writeError(index: number, err: unknown): Doc {
  const e: CommandError = toCommandError(err);
  return { index, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra };
}

/** Adds `writeErrors` only when there are some — drivers treat an empty array as "no errors" anyway. */
export function withWriteErrors(reply: Doc, errors: Doc[]): Doc {
  return errors.length ? { ...reply, writeErrors: errors } : reply;
}
