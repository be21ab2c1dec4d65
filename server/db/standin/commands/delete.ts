/** `delete`: limit 1 removes the first match (in `sort`/natural order), limit 0 removes all. */
import { badValue } from '../errors.ts';
import type { StepHandler } from '../interleave.ts';
import { compileFilter } from '../mingo.ts';
import { collectionArg, selectDocs } from '../select.ts';
import { type Doc, isPlainObject, keyString } from '../values.ts';
import { withWriteErrors, writeError } from './writeErrors.ts';

/**
 * The stored version of `doc` if it still matches after a yield (interleaving mode), like mongod
 * re-checking a document it fetched before yielding; undefined when it is gone or changed away.
 */
export function stillMatching(stored: Doc | undefined, original: Doc, recheck: () => (d: Doc) => boolean): Doc | undefined {
  if (!stored) return undefined;
  return stored === original || recheck()(stored) ? stored : undefined;
}

/** Compiled lazily: only needed when a document changed under a yield. `$text` is not re-checked. */
export function rechecker(filter: Doc, variables: Doc | undefined): () => (d: Doc) => boolean {
  let compiled: ((d: Doc) => boolean) | undefined;
  const { $text: _text, ...rest } = filter;
  return () => (compiled ??= compileFilter(rest, variables));
}

export const deleteCommand: StepHandler = function* (cmd, ctx) {
  const name = collectionArg(cmd, 'delete');
  const deletes = cmd.deletes;
  if (!Array.isArray(deletes)) throw badValue("BSON field 'delete.deletes' is missing but a required field");
  const ordered = cmd.ordered !== false;
  const variables = isPlainObject(cmd.let) ? cmd.let : undefined;
  const coll = ctx.store.collection(ctx.db, name);
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < deletes.length; i++) {
    try {
      const stmt: unknown = deletes[i];
      if (!isPlainObject(stmt)) throw badValue('delete statement must be an object');
      const filter = isPlainObject(stmt.q) ? stmt.q : {};
      const limit = Number(stmt.limit ?? 0) === 1 ? 1 : 0;
      const victims = selectDocs(coll, filter, { limit, sort: isPlainObject(stmt.sort) ? stmt.sort : undefined, variables });
      const recheck = rechecker(filter, variables);
      for (let k = 0; k < victims.length; k++) {
        const victim = victims[k] as Doc;
        if (k > 0) yield;
        const current = stillMatching(coll?.docs.get(keyString(victim._id)), victim, recheck);
        if (!current) continue;
        coll?.remove(current);
        n++;
      }
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  return withWriteErrors({ n }, errors);
};
