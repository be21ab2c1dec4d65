/**
 * `findAndModify`: the claim primitive (routing, Agenda's job locking). It reads, checks and
 * writes without yielding to the event loop, so parallel clients racing for the same document
 * are serialized: exactly one sees it unclaimed — in the interleaving mode too, as on mongod.
 * Only an upsert yields (interleaving mode), between finding nothing and inserting, where
 * mongod lets another upsert in as well.
 */
import type { CommandContext } from '../context.ts';
import type { Step, StepHandler } from '../interleave.ts';
import { badValue } from '../errors.ts';
import { collectionArg, optionalDoc, resolverFor, selectDocs } from '../select.ts';
import { applyUpdate, buildUpsertDoc, validateUpdate } from '../update.ts';
import { assertStorableId } from '../validate.ts';
import { type Doc, isPlainObject } from '../values.ts';
import { projector } from './find.ts';
import { retriesAfterDuplicate } from './writeErrors.ts';

function* modify(cmd: Doc, ctx: CommandContext, retried: boolean): Step {
  const name = collectionArg(cmd, 'findAndModify' in cmd ? 'findAndModify' : 'findandmodify');
  const filter = optionalDoc(cmd, 'query') ?? {};
  const remove = cmd.remove === true;
  if (remove && cmd.update !== undefined) badValueThrow('Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined) badValueThrow('Either an update or remove=true must be specified');
  if (remove && cmd.upsert === true) badValueThrow('Cannot specify both upsert=true and remove=true');
  const project = projector(optionalDoc(cmd, 'fields'));
  const shape = (doc: Doc | null): Doc | null => (doc && project ? (project([doc])[0] ?? null) : doc);
  const coll = ctx.store.collection(ctx.db, name);
  const variables = isPlainObject(cmd.let) ? cmd.let : undefined;
  const target = selectDocs(coll, filter, { sort: optionalDoc(cmd, 'sort'), limit: 1, variables })[0];

  if (remove) {
    if (!target || !coll) return { lastErrorObject: { n: 0 }, value: null };
    coll.remove(target);
    return { lastErrorObject: { n: 1 }, value: shape(target) };
  }

  const spec = validateUpdate(cmd.update);
  const arrayFilters = Array.isArray(cmd.arrayFilters) ? (cmd.arrayFilters as Doc[]) : undefined;
  const resolver = resolverFor(ctx);
  const returnNew = cmd.new === true;

  if (!target) {
    if (cmd.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
    const doc = buildUpsertDoc(filter, spec, { filter, arrayFilters, resolver, variables });
    assertStorableId(doc);
    yield;
    let stored: Doc;
    try {
      stored = ctx.store.ensureCollection(ctx.db, name).insert(doc);
    } catch (err) {
      if (!retried && retriesAfterDuplicate(err, filter)) return yield* modify(cmd, ctx, true);
      throw err;
    }
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: stored._id },
      value: returnNew ? shape(stored) : null,
    };
  }

  const next = applyUpdate(target, spec, { filter, arrayFilters, inserting: false, resolver, variables });
  const stored = next.modified && coll ? coll.replace(target, next.doc) : target;
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: shape(returnNew ? stored : target),
  };
}

export const findAndModify: StepHandler = (cmd, ctx) => modify(cmd, ctx, false);

function badValueThrow(msg: string): never {
  throw badValue(msg);
}
