/** `update`: operator, replacement and pipeline updates; upserts; multi; per-statement errors. */
import type { CommandContext } from '../context.ts';
import { CommandError, Codes, badValue } from '../errors.ts';
import type { Step, StepHandler } from '../interleave.ts';
import { collectionArg, resolverFor, selectDocs } from '../select.ts';
import { applyUpdate, buildUpsertDoc, isOperatorUpdate, validateUpdate } from '../update.ts';
import { assertStorableId } from '../validate.ts';
import { type Doc, isPlainObject, keyString } from '../values.ts';
import { rechecker, stillMatching } from './delete.ts';
import { retriesAfterDuplicate, withWriteErrors, writeError } from './writeErrors.ts';

interface StatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

function* runStatement(stmt: Doc, name: string, ctx: CommandContext, variables: Doc | undefined, retried = false): Generator<void, StatementResult, void> {
  const filter = isPlainObject(stmt.q) ? stmt.q : {};
  const spec = validateUpdate(stmt.u);
  const multi = stmt.multi === true;
  if (multi && !Array.isArray(spec) && !isOperatorUpdate(spec)) {
    throw new CommandError(Codes.FailedToParse, 'FailedToParse', 'multi update is not supported for replacement-style update');
  }
  const arrayFilters = Array.isArray(stmt.arrayFilters) ? (stmt.arrayFilters as Doc[]) : undefined;
  const resolver = resolverFor(ctx);
  const coll = ctx.store.collection(ctx.db, name);
  const targets = selectDocs(coll, filter, { limit: multi ? 0 : 1, variables });
  if (targets.length === 0) {
    if (stmt.upsert !== true) return { matched: 0, modified: 0 };
    const doc = buildUpsertDoc(filter, spec, { filter, arrayFilters, resolver, variables });
    assertStorableId(doc);
    // Interleaving mode: as on mongod, two upserts may both find nothing before either inserts;
    // without a unique index both insert.
    yield;
    try {
      ctx.store.ensureCollection(ctx.db, name).insert(doc);
    } catch (err) {
      if (!retried && retriesAfterDuplicate(err, filter)) return yield* runStatement(stmt, name, ctx, variables, true);
      throw err;
    }
    return { matched: 0, modified: 0, upsertedId: doc._id };
  }
  let matched = 0;
  let modified = 0;
  const recheck = rechecker(filter, variables);
  for (let k = 0; k < targets.length; k++) {
    // Interleaving mode: other commands may run between two documents of one updateMany.
    if (k > 0) yield;
    const original = targets[k] as Doc;
    const target = stillMatching(coll?.docs.get(keyString(original._id)), original, recheck);
    if (!target) continue;
    matched++;
    const next = applyUpdate(target, spec, { filter, arrayFilters, inserting: false, resolver, variables });
    if (!next.modified) continue;
    // Throws DuplicateKey/ImmutableField without writing; earlier documents of a multi stay updated, as on mongod.
    coll?.replace(target, next.doc);
    modified++;
  }
  return { matched, modified };
}

/**
 * `sort` in an update statement (updateOne/replaceOne with `sort`) exists from MongoDB 8.0; the
 * stand-in reports 7.0, whose strict command parser refuses the whole command.
 */
function refuseNewerOptions(updates: unknown[]): void {
  if (updates.some((u) => isPlainObject(u) && u.sort !== undefined)) {
    throw new CommandError(40415, 'Location40415', "BSON field 'update.updates.sort' is an unknown field.");
  }
}

export const update: StepHandler = function* (cmd, ctx): Step {
  const name = collectionArg(cmd, 'update');
  const updates = cmd.updates;
  if (!Array.isArray(updates)) throw badValue("BSON field 'update.updates' is missing but a required field");
  refuseNewerOptions(updates);
  const ordered = cmd.ordered !== false;
  const variables = isPlainObject(cmd.let) ? cmd.let : undefined;
  const errors: Doc[] = [];
  const upserted: Doc[] = [];
  let n = 0;
  let nModified = 0;
  for (let i = 0; i < updates.length; i++) {
    try {
      const stmt: unknown = updates[i];
      if (!isPlainObject(stmt)) throw badValue('update statement must be an object');
      const r = yield* runStatement(stmt, name, ctx, variables);
      n += r.matched;
      nModified += r.modified;
      if (r.upsertedId !== undefined) {
        n += 1;
        upserted.push({ index: i, _id: r.upsertedId });
      }
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  const reply: Doc = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  return withWriteErrors(reply, errors);
};
