/** Read commands: find (+ getMore / killCursors), count, distinct. */
import { Long } from 'bson';
import type { Handler } from '../context.ts';
import { CommandError, Codes, badValue } from '../errors.ts';
import { projectDocs } from '../mingo.ts';
import { collectionArg, optionalDoc, optionalNumber, selectDocs } from '../select.ts';
import { type Doc, cloneValue, compareValues, isPlainObject, keyString, valuesAtPath } from '../values.ts';

/**
 * Projection as a per-batch transform, so only documents actually sent get projected.
 * `{ $meta: 'textScore' }` fields are filled from the scores the `$text` filter computed.
 */
export function projector(projection: Doc | undefined, scores?: Map<Doc, number>): ((batch: Doc[]) => Doc[]) | undefined {
  if (!projection || Object.keys(projection).length === 0) return undefined;
  const meta = Object.keys(projection).filter((k) => isPlainObject(projection[k]) && '$meta' in projection[k]);
  const rest: Doc = { ...projection };
  for (const k of meta) {
    if ((projection[k] as Doc).$meta !== 'textScore') throw badValue(`$meta '${String((projection[k] as Doc).$meta)}' is not supported by the stand-in`);
    if (!scores) throw new CommandError(40218, 'Location40218', 'query requires text score metadata, but it is not available');
    delete rest[k];
  }
  const shape = Object.keys(rest).length ? (batch: Doc[]) => projectDocs(batch.map(cloneValue), rest) : (batch: Doc[]) => batch.map(cloneValue);
  if (!meta.length) return shape;
  return (batch) =>
    shape(batch).map((doc, i) => {
      const source = batch[i] as Doc;
      for (const k of meta) doc[k] = scores?.get(source) ?? 0;
      return doc;
    });
}

const letOf = (cmd: Doc): Doc | undefined => (isPlainObject(cmd.let) ? cmd.let : undefined);

const find: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'find');
  if (cmd.tailable) throw badValue('tailable cursors are not supported by the stand-in');
  const limitArg = optionalNumber(cmd, 'limit') ?? 0;
  // Legacy negative limit means "one batch of |limit| documents".
  const limit = Math.abs(limitArg);
  const singleBatch = cmd.singleBatch === true || limitArg < 0;
  const filter = optionalDoc(cmd, 'filter');
  const scores = filter && '$text' in filter ? new Map<Doc, number>() : undefined;
  const project = projector(optionalDoc(cmd, 'projection'), scores);
  const docs = selectDocs(ctx.store.collection(ctx.db, name), filter, {
    sort: optionalDoc(cmd, 'sort'),
    skip: optionalNumber(cmd, 'skip'),
    limit,
    variables: letOf(cmd),
    scores,
  });
  const ns = `${ctx.db}.${name}`;
  if (singleBatch) return ctx.cursors.single(ns, docs, project);
  return ctx.cursors.first(ns, docs, optionalNumber(cmd, 'batchSize'), project);
};

const getMore: Handler = (cmd, ctx) => {
  const id = cmd.getMore;
  const cursorId = id instanceof Long ? id : typeof id === 'number' ? Long.fromNumber(id) : undefined;
  if (!cursorId) throw new CommandError(Codes.TypeMismatch, 'TypeMismatch', "field 'getMore' must be of type long");
  const name = collectionArg(cmd, 'collection');
  return ctx.cursors.next(cursorId, `${ctx.db}.${name}`, optionalNumber(cmd, 'batchSize'));
};

const killCursors: Handler = (cmd, ctx) => {
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors : [];
  const longs = ids.map((v: unknown) => (v instanceof Long ? v : Long.fromNumber(Number(v))));
  return { ...ctx.cursors.kill(longs), cursorsAlive: [], cursorsUnknown: [] };
};

const count: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'count');
  const coll = ctx.store.collection(ctx.db, name);
  const query = optionalDoc(cmd, 'query');
  const skip = optionalNumber(cmd, 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(cmd, 'limit') ?? 0);
  if (!query || Object.keys(query).length === 0) {
    const total = Math.max(0, (coll?.docs.size ?? 0) - skip);
    return { n: limit > 0 ? Math.min(limit, total) : total };
  }
  return { n: selectDocs(coll, query, { skip, limit, variables: letOf(cmd) }).length };
};

const distinct: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'distinct');
  const key = cmd.key;
  if (typeof key !== 'string') throw badValue("BSON field 'distinct.key' is missing but a required field");
  const docs = selectDocs(ctx.store.collection(ctx.db, name), optionalDoc(cmd, 'query'), { variables: letOf(cmd) });
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const v of valuesAtPath(doc, key)) {
      // distinct unwinds one level of arrays, like the index it would normally use.
      for (const el of Array.isArray(v) ? v : [v]) {
        const k = keyString(el);
        if (!seen.has(k)) seen.set(k, el);
      }
    }
  }
  return { values: [...seen.values()].sort(compareValues) };
};

export const readCommands: Record<string, Handler> = { find, getMore, killCursors, count, distinct };
