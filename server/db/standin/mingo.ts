/**
 * The single place that configures mingo. The default `mingo` entry point registers every query,
 * expression, accumulator, pipeline and update operator, so `$dateToString` with `timezone`,
 * `$facet`, `$lookup` etc. are all available without extra wiring.
 */
import { Aggregator, Query } from 'mingo';
import type { Options } from 'mingo/types';
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

/** Compiled predicate for a filter; an empty filter matches everything without touching mingo. */
export function compileFilter(filter: Doc | undefined): (doc: Doc) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  const q = new Query(filter, mingoOptions());
  return (doc) => q.test(doc);
}

export function runPipeline(docs: Doc[], pipeline: Doc[], resolver: CollectionResolver, variables?: Doc): Doc[] {
  const agg = new Aggregator(pipeline, mingoOptions(resolver, variables));
  return agg.run(docs) as Doc[];
}

export function projectDocs(docs: Doc[], projection: Doc): Doc[] {
  return new Query({}, mingoOptions()).find(docs, projection).all() as Doc[];
}
