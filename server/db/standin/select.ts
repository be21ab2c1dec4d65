/**
 * Shared read path: filter → sort → skip → limit over one collection, plus the helpers the
 * command handlers use to read their arguments. Full scans, except a direct `_id` equality.
 */
import { CommandError, Codes, badValue, typeMismatch } from './errors.ts';
import { type CollectionResolver, compileFilter } from './mingo.ts';
import type { CommandContext } from './context.ts';
import type { Collection } from './storage.ts';
import { isTextIndex, parseTextQuery, positiveTerms, scoreDocument, textIndexRequired } from './text.ts';
import { type Doc, cloneValue, compareBySpec, isPlainObject } from './values.ts';

export interface SelectOptions {
  sort?: Doc | undefined;
  skip?: number | undefined;
  limit?: number | undefined;
  /** The command's `let` variables, for `$$name` in `$expr`. */
  variables?: Doc | undefined;
  /** Filled with each returned document's text score when the filter has `$text`. */
  scores?: Map<Doc, number> | undefined;
}

/** Literal values an equality-ish filter on one field can take (`v`, `{$eq: v}`, `{$in: [...]}`). */
function equalityValues(v: unknown): unknown[] | undefined {
  const usable = (x: unknown): boolean => x !== undefined && !(x instanceof RegExp) && !Array.isArray(x);
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (!keys.some((k) => k.startsWith('$'))) return [v];
    if ('$eq' in v) return usable(v.$eq) ? [v.$eq] : undefined;
    if (Array.isArray(v.$in) && v.$in.every(usable)) return v.$in;
    return undefined;
  }
  return usable(v) ? [v] : undefined;
}

/**
 * Whether an `_id` condition is nothing but equality to scalars (a value, `$eq` or `$in`): the
 * map lookup then finds exactly the documents it accepts, so the filter need not test it again —
 * with a long `$in` (hundreds of search hits) that test was most of the query's time.
 */
function idsOnly(v: unknown): boolean {
  const scalar = (x: unknown) => !isPlainObject(x);
  if (!isPlainObject(v)) return scalar(v);
  const keys = Object.keys(v);
  if (keys.length !== 1) return false;
  if (keys[0] === '$eq') return scalar(v.$eq);
  return keys[0] === '$in' && Array.isArray(v.$in) && v.$in.every(scalar);
}

function withoutId(filter: Doc): Doc {
  const { _id: _ignored, ...rest } = filter;
  return rest;
}

/** The smallest candidate set any index offers for the filter's top-level equalities. */
function indexedCandidates(coll: Collection, filter: Doc | undefined): Doc[] | undefined {
  if (!filter || coll.indexes.size < 2) return undefined;
  // Fields pinned to one value: a unique index covering them all names the one candidate.
  const pinned: Doc = {};
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$')) continue;
    const values = equalityValues(value);
    if (values?.length === 1 && !isPlainObject(values[0])) pinned[field] = values[0];
  }
  const unique = coll.uniqueCandidate(pinned);
  if (unique) return unique;
  let best: Doc[] | undefined;
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$')) continue;
    const values = equalityValues(value);
    if (!values) continue;
    const found = coll.candidates(field, values);
    if (found && (!best || found.length < best.length)) best = found;
  }
  return best;
}

/** A sort key: a field and direction, or `meta` for `{ $meta: 'textScore' }` (highest first). */
export type SortEntry = [string, number] | [string, 'meta'];

export function parseSort(sort: unknown): SortEntry[] | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw badValue('sort must be an object');
  const spec: SortEntry[] = [];
  for (const [field, dir] of Object.entries(sort)) {
    if (isPlainObject(dir)) {
      if (dir.$meta !== 'textScore') throw badValue(`$meta sort on '${field}' supports only 'textScore' in the stand-in`);
      spec.push([field, 'meta']);
      continue;
    }
    const n = Number(dir);
    if (n !== 1 && n !== -1) throw badValue(`bad sort specification for '${field}'`);
    spec.push([field, n]);
  }
  return spec.length ? spec : undefined;
}

function comparator(spec: SortEntry[], scores: Map<Doc, number> | undefined): (a: Doc, b: Doc) => number {
  const parts = spec.map(([field, dir]): ((a: Doc, b: Doc) => number) => {
    if (dir !== 'meta') return compareBySpec([[field, dir]]);
    if (!scores) throw new CommandError(40218, 'Location40218', 'query requires text score metadata, but it is not available');
    return (a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0);
  });
  return (a, b) => {
    for (const cmp of parts) {
      const c = cmp(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/**
 * The filter's predicate; a `$text` clause is scored against the collection's text index. With
 * `$text`, `candidates` are the documents the index's postings say hold a query term: only
 * they can match, so the rest of the collection is never looked at.
 */
function predicate(coll: Collection | undefined, filter: Doc | undefined, opts: SelectOptions): { match: (doc: Doc) => boolean; candidates?: Doc[] } {
  if (!filter || !('$text' in filter)) return { match: compileFilter(filter, opts.variables) };
  const { $text: text, ...rest } = filter;
  const match = compileFilter(rest, opts.variables);
  const spec = coll ? [...coll.indexes.values()].map((i) => i.spec).find(isTextIndex) : undefined;
  if (!spec) throw textIndexRequired();
  const query = parseTextQuery(text, spec);
  const scores = opts.scores ?? new Map<Doc, number>();
  opts.scores = scores;
  const found = coll?.textCandidates(positiveTerms(query));
  return {
    candidates: found?.docs,
    match: (doc) => {
      if (!match(doc)) return false;
      const score = scoreDocument(doc, spec, query, found?.termScores(doc));
      if (score === undefined) return false;
      scores.set(doc, score);
      return true;
    },
  };
}

export function selectDocs(coll: Collection | undefined, filter: Doc | undefined, opts: SelectOptions = {}): Doc[] {
  // Compiled before the collection is looked at: a bad filter fails on a missing collection too.
  // `_id` equality / $in (updates by id, populate, search hits) is a direct map lookup.
  const ids = filter && '_id' in filter ? equalityValues(filter._id) : undefined;
  const { match, candidates: textCandidates } = predicate(coll, ids && idsOnly(filter!._id) ? withoutId(filter!) : filter, opts);
  const sortSpec = parseSort(opts.sort);
  if (!coll) return [];
  const candidates = ids ? coll.byIds(ids) : (textCandidates ?? indexedCandidates(coll, filter) ?? coll.all());
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? 0;
  const natural = sortSpec?.length === 1 && sortSpec[0]?.[0] === '$natural' ? sortSpec[0][1] : undefined;
  if (natural === -1) candidates.reverse();
  if (!sortSpec || natural !== undefined) {
    // Without a sort we can stop scanning once skip+limit documents matched.
    const out: Doc[] = [];
    const want = limit > 0 ? skip + limit : Infinity;
    for (const d of candidates) {
      if (match(d)) out.push(d);
      if (out.length >= want) break;
    }
    return out.slice(skip);
  }
  const matched = candidates.filter(match);
  matched.sort(comparator(sortSpec, opts.scores));
  return limit > 0 ? matched.slice(skip, skip + limit) : matched.slice(skip);
}

/** $lookup / $unionWith / $graphLookup read other collections of the same database (cloned: mingo may mutate). */
export function resolverFor(ctx: CommandContext): CollectionResolver {
  return (name) => (ctx.store.collection(ctx.db, name)?.all() ?? []).map(cloneValue);
}

export function collectionArg(cmd: Doc, name: string): string {
  const v = cmd[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new CommandError(Codes.InvalidNamespace, 'InvalidNamespace', `collection name has invalid type ${typeof v}`);
  }
  return v;
}

export function optionalDoc(cmd: Doc, field: string): Doc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw typeMismatch(`BSON field '${field}' is the wrong type, expected type 'object'`);
  return v;
}

export function optionalNumber(cmd: Doc, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw typeMismatch(`BSON field '${field}' is the wrong type, expected a number`);
  return n;
}
