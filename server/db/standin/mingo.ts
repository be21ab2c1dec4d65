/**
 * The single place that configures mingo. The default `mingo` entry point registers every query,
 * expression, accumulator, pipeline and update operator, so `$dateToString` with `timezone`,
 * `$facet`, `$lookup` etc. are all available without extra wiring.
 */
import { Aggregator, Query } from 'mingo';
import type { Options } from 'mingo/types';
import { compileFastFilter } from './fast-filter.ts';
import { validateFilter } from './validate.ts';
import { type Doc, keyString, valuesAtPath } from './values.ts';

export type CollectionResolver = (name: string) => Doc[];

export function mingoOptions(resolver?: CollectionResolver, variables?: Doc): Partial<Options> {
  return {
    idKey: '_id',
    useStrictMode: true,
    // Server-side JavaScript is off on most production clusters; keep behaviour aligned.
    scriptEnabled: false,
    ...(resolver ? { collectionResolver: resolver } : {}),
    ...(variables ? { variables } : {}),
  };
}

/**
 * Compiled predicate for a filter, checked up front (validate.ts) so an unknown operator fails
 * even when no document is ever evaluated. `variables` are the command's `let` (`$$name` in $expr).
 */
export function compileFilter(filter: Doc | undefined, variables?: Doc): (doc: Doc) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  validateFilter(filter);
  // mingo knows neither; mongod treats them as annotations / constants.
  const { $comment: _comment, $alwaysTrue: _true, $alwaysFalse: never, ...rest } = filter;
  if (never !== undefined) return () => false;
  if (Object.keys(rest).length === 0) return () => true;
  // The hot path's filters (fast-filter.ts); mingo is built only if a document needs it.
  let slow: ((doc: Doc) => boolean) | undefined;
  const fast = variables ? undefined : compileFastFilter(rest, () => (slow ??= compileGeneral(rest, variables)));
  return fast ?? compileGeneral(rest, variables);
}

function compileGeneral(rest: Doc, variables: Doc | undefined): (doc: Doc) => boolean {
  const { remaining, checks } = splitObjectIdIns(rest);
  if (Object.keys(remaining).length === 0) return (doc) => checks.every((c) => c(doc));
  const q = new Query(remaining, mingoOptions(undefined, variables));
  if (checks.length === 0) return (doc) => q.test(doc);
  return (doc) => checks.every((c) => c(doc)) && q.test(doc);
}

/** Below this many ObjectIds mingo's own `$in` is as fast. */
const SET_IN_FROM = 8;

const isObjectId = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { _bsontype?: unknown })._bsontype === 'ObjectId';

/**
 * `{ field: { $in: [ObjectId, …] } }` and `{ field: ObjectId }` at the top level (or as one `$and`
 * item) become a set lookup / one comparison: mingo compares the value with each id in turn, which made a search's
 * `contactId $in [100 ids]` over every chat of an organization cost a quarter of a second.
 * Same meaning: the field's value, or one element of an array value, equals one of the ids.
 */
function splitObjectIdIns(filter: Doc): { remaining: Doc; checks: ((doc: Doc) => boolean)[] } {
  const checks: ((doc: Doc) => boolean)[] = [];
  const setCheck = (field: string, cond: unknown): boolean => {
    if (field.startsWith('$') || typeof cond !== 'object' || cond === null || Array.isArray(cond)) return false;
    if (isObjectId(cond)) {
      // Equality to one ObjectId (every scoped query's orgId): the same test, without mingo.
      const id = keyString(cond);
      checks.push((doc) => valuesAtPath(doc, field).some((v) => (Array.isArray(v) ? v.some((el) => isObjectId(el) && keyString(el) === id) : isObjectId(v) && keyString(v) === id)));
      return true;
    }
    const keys = Object.keys(cond);
    const list = (cond as { $in?: unknown }).$in;
    if (keys.length !== 1 || keys[0] !== '$in' || !Array.isArray(list) || list.length < SET_IN_FROM || !list.every(isObjectId)) return false;
    const ids = new Set(list.map(keyString));
    checks.push((doc) => valuesAtPath(doc, field).some((v) => (Array.isArray(v) ? v.some((el) => isObjectId(el) && ids.has(keyString(el))) : isObjectId(v) && ids.has(keyString(v)))));
    return true;
  };
  const remaining: Doc = {};
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      const kept = cond.filter((item) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) return true;
        const entries = Object.entries(item as Doc);
        return !(entries.length === 1 && setCheck(entries[0]![0], entries[0]![1]));
      });
      if (kept.length > 0) remaining.$and = kept;
      continue;
    }
    if (!setCheck(field, cond)) remaining[field] = cond;
  }
  return { remaining, checks };
}

/**
 * mongod defines `$count: name` as `$group {_id: null, name: {$sum: 1}}` + `$project {_id: 0}`,
 * which yields no document for empty input; mingo's $count yields `{name: 0}`. Rewrite it (also
 * inside $facet / $lookup / $unionWith sub-pipelines) so results match the server.
 */
export function normalizePipeline(pipeline: Doc[]): Doc[] {
  const out: Doc[] = [];
  for (const stage of pipeline) {
    const [op] = Object.keys(stage);
    const arg = op === undefined ? undefined : stage[op];
    if (op === '$count' && typeof arg === 'string') {
      out.push({ $group: { _id: null, [arg]: { $sum: 1 } } }, { $project: { _id: 0 } });
    } else if (op === '$facet' && isDoc(arg)) {
      const facets: Doc = {};
      for (const [k, v] of Object.entries(arg)) facets[k] = Array.isArray(v) ? normalizePipeline(v as Doc[]) : v;
      out.push({ $facet: facets });
    } else if ((op === '$lookup' || op === '$unionWith') && isDoc(arg) && Array.isArray(arg.pipeline)) {
      out.push({ [op]: { ...arg, pipeline: normalizePipeline(arg.pipeline as Doc[]) } });
    } else out.push(stage);
  }
  return out;
}

const isDoc = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);

export function runPipeline(docs: Doc[], pipeline: Doc[], resolver: CollectionResolver, variables?: Doc): Doc[] {
  const agg = new Aggregator(normalizePipeline(pipeline), mingoOptions(resolver, variables));
  return agg.run(docs) as Doc[];
}

export function projectDocs(docs: Doc[], projection: Doc): Doc[] {
  return new Query({}, mingoOptions()).find(docs, projection).all() as Doc[];
}
