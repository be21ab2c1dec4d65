/**
 * `aggregate` through mingo. A leading `$match` is applied by the stand-in's own scan first
 * (cheap `_id` lookups, fewer clones); everything else — `$lookup` across collections, `$group`,
 * `$facet`, date operators with timezones — is mingo's. A trailing `$out` replaces the target.
 */
import { Long } from 'bson';
import type { Handler } from '../context.ts';
import { CommandError, Codes, badValue } from '../errors.ts';
import { runPipeline } from '../mingo.ts';
import { withTextScores } from '../textMeta.ts';
import { validatePipeline } from '../validate.ts';
import { collectionArg, optionalDoc, resolverFor, selectDocs } from '../select.ts';
import { type Doc, cloneValue, isPlainObject } from '../values.ts';

export const aggregate: Handler = (cmd, ctx) => {
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) throw badValue("'pipeline' option must be specified as an array");
  if (cmd.explain) throw badValue('explain is not supported by the stand-in');
  // Parsed as a whole before any document is read, so an unknown stage or expression fails on an
  // empty or missing collection too (mongod parses the pipeline first).
  validatePipeline(pipeline);
  const stages = [...(pipeline as Doc[])];
  const dbLevel = cmd.aggregate === 1;
  const name = dbLevel ? '$cmd.aggregate' : collectionArg(cmd, 'aggregate');

  const last = stages[stages.length - 1];
  let outTarget: string | undefined;
  if (last && '$out' in last) {
    const out = last.$out;
    outTarget = typeof out === 'string' ? out : isPlainObject(out) && typeof out.coll === 'string' ? out.coll : undefined;
    if (!outTarget) throw badValue('$out requires a collection name');
    stages.pop();
  }
  if (stages.some((s) => '$merge' in s || '$out' in s)) {
    throw new CommandError(Codes.Location40324, 'Location40324', '$merge and non-final $out are not supported by the stand-in');
  }

  const variables = isPlainObject(cmd.let) ? cmd.let : undefined;
  let input: Doc[];
  const first = stages[0];
  if (dbLevel) input = [];
  else if (first && isPlainObject(first.$match)) {
    const scores = '$text' in first.$match ? new Map<Doc, number>() : undefined;
    const matched = selectDocs(ctx.store.collection(ctx.db, name), first.$match, { variables, scores });
    stages.shift();
    input = scores ? withTextScores(matched, scores, stages) : matched.map(cloneValue);
  } else input = (ctx.store.collection(ctx.db, name)?.all() ?? []).map(cloneValue);

  const results = stages.length ? runPipeline(input, stages, resolverFor(ctx), variables) : input;

  if (outTarget) {
    const target = ctx.store.ensureCollection(ctx.db, outTarget);
    target.clear();
    for (const doc of results) target.insert(doc);
    return { cursor: { firstBatch: [], id: Long.ZERO, ns: `${ctx.db}.${name}` } };
  }
  const cursorOpts = optionalDoc(cmd, 'cursor');
  const batchSize = cursorOpts && typeof cursorOpts.batchSize === 'number' ? cursorOpts.batchSize : undefined;
  return ctx.cursors.first(`${ctx.db}.${name}`, results, batchSize);
};
