/** `delete`: limit 1 removes the first match (in `sort`/natural order), limit 0 removes all. */
import type { Handler } from '../context.ts';
import { badValue } from '../errors.ts';
import { collectionArg, selectDocs } from '../select.ts';
import { type Doc, isPlainObject } from '../values.ts';
import { withWriteErrors, writeError } from './writeErrors.ts';

export const deleteCommand: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'delete');
  const deletes = cmd.deletes;
  if (!Array.isArray(deletes)) throw badValue("BSON field 'delete.deletes' is missing but a required field");
  const ordered = cmd.ordered !== false;
  const coll = ctx.store.collection(ctx.db, name);
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < deletes.length; i++) {
    try {
      const stmt: unknown = deletes[i];
      if (!isPlainObject(stmt)) throw badValue('delete statement must be an object');
      const filter = isPlainObject(stmt.q) ? stmt.q : {};
      const limit = Number(stmt.limit ?? 0) === 1 ? 1 : 0;
      const victims = selectDocs(coll, filter, { limit, sort: isPlainObject(stmt.sort) ? stmt.sort : undefined });
      for (const doc of victims) coll?.remove(doc);
      n += victims.length;
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  return withWriteErrors({ n }, errors);
};
