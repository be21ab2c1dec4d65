/**
 * The single place that configures mingo. The default `mingo` entry point registers every query,
 * expression, accumulator, pipeline and update operator, so `$dateToString` with `timezone`,
 * `$facet`, `$lookup` etc. are all available without extra wiring.
 */
import { Aggregator, Query } from 'mingo';
import type { Options } from 'mingo/types';
import { validateFilter } from './validate.ts';
import type { Doc } from './values.ts';

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
  const q = new Query(rest, mingoOptions(undefined, variables));
  return (doc) => q.test(doc);
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
