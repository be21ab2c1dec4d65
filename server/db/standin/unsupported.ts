/**
 * Features the stand-in deliberately refuses instead of silently ignoring: a query that "works"
 * here but means something else on MongoDB (collation) would hide bugs until production.
 */
import { CommandError, Codes } from './errors.ts';
import { type Doc, isPlainObject } from './values.ts';

const README = 'see server/db/README.md';

function nonSimpleCollation(v: unknown): boolean {
  return isPlainObject(v) && v.locale !== 'simple';
}

export function rejectUnsupported(cmd: Doc): void {
  const nested = [cmd.updates, cmd.deletes, cmd.indexes].flatMap((list) => (Array.isArray(list) ? list : []));
  if (nonSimpleCollation(cmd.collation) || nested.some((s) => isPlainObject(s) && nonSimpleCollation(s.collation))) {
    throw new CommandError(Codes.BadValue, 'BadValue', `collation is not supported by the MongoDB stand-in (${README})`);
  }
  const pipeline = Array.isArray(cmd.pipeline) ? cmd.pipeline : [];
  if (pipeline.some((s) => isPlainObject(s) && '$changeStream' in s)) {
    // The same refusal a standalone mongod gives.
    throw new CommandError(40573, 'Location40573', 'The $changeStream stage is only supported on replica sets');
  }
}
