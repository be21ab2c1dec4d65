/** `insert`: ordered inserts stop at the first failure; unordered ones report every failure. */
import { badValue } from '../errors.ts';
import type { StepHandler } from '../interleave.ts';
import { collectionArg } from '../select.ts';
import { assertStorableId } from '../validate.ts';
import { type Doc, isPlainObject } from '../values.ts';
import { withWriteErrors, writeError } from './writeErrors.ts';

export const insert: StepHandler = function* (cmd, ctx) {
  const name = collectionArg(cmd, 'insert');
  const docs = cmd.documents;
  if (!Array.isArray(docs)) throw badValue("BSON field 'insert.documents' is missing but a required field");
  const ordered = cmd.ordered !== false;
  const coll = ctx.store.ensureCollection(ctx.db, name);
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    // Interleaving mode: another command may run between two documents of one insertMany.
    if (i > 0) yield;
    const doc: unknown = docs[i];
    try {
      if (!isPlainObject(doc)) throw badValue('document to insert must be an object');
      assertStorableId(doc);
      coll.insert(doc);
      n++;
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  return withWriteErrors({ n }, errors);
};
