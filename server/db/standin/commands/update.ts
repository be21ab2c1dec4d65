/** `update`: operator, replacement and pipeline updates; upserts; multi; per-statement errors. */
import type { CommandContext, Handler } from '../context.ts';
import { CommandError, Codes, badValue } from '../errors.ts';
import { collectionArg, resolverFor, selectDocs } from '../select.ts';
import { applyUpdate, buildUpsertDoc, isOperatorUpdate, validateUpdate } from '../update.ts';
import { type Doc, isPlainObject } from '../values.ts';
import { withWriteErrors, writeError } from './writeErrors.ts';

interface StatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

function runStatement(stmt: Doc, name: string, ctx: CommandContext, variables: Doc | undefined): StatementResult {
  const filter = isPlainObject(stmt.q) ? stmt.q : {};
  const spec = validateUpdate(stmt.u);
  const multi = stmt.multi === true;
  if (multi && !Array.isArray(spec) && !isOperatorUpdate(spec)) {
    throw new CommandError(Codes.FailedToParse, 'FailedToParse', 'multi update is not supported for replacement-style update');
  }
  const arrayFilters = Array.isArray(stmt.arrayFilters) ? (stmt.arrayFilters as Doc[]) : undefined;
  const resolver = resolverFor(ctx);
  const coll = ctx.store.collection(ctx.db, name);
  const targets = selectDocs(coll, filter, { limit: multi ? 0 : 1, sort: isPlainObject(stmt.sort) ? stmt.sort : undefined });
  if (targets.length === 0) {
    if (stmt.upsert !== true) return { matched: 0, modified: 0 };
    const doc = buildUpsertDoc(filter, spec, { filter, arrayFilters, resolver, variables });
    ctx.store.ensureCollection(ctx.db, name).insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc._id };
  }
  let modified = 0;
  for (const target of targets) {
    const next = applyUpdate(target, spec, { filter, arrayFilters, inserting: false, resolver, variables });
    if (!next.modified) continue;
    // Throws DuplicateKey/ImmutableField without writing; earlier documents of a multi stay updated, as on mongod.
    coll?.replace(target, next.doc);
    modified++;
  }
  return { matched: targets.length, modified };
}

export const update: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'update');
  const updates = cmd.updates;
  if (!Array.isArray(updates)) throw badValue("BSON field 'update.updates' is missing but a required field");
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
      const r = runStatement(stmt, name, ctx, variables);
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
