/**
 * `{ $meta: 'textScore' }` inside an aggregation after a leading `$text` match. mingo has no
 * metadata, so the score travels as a hidden field: stages that read it are rewritten to that
 * field (a `$sort` on it sorts highest first, as mongod does) and a final `$unset` removes it.
 */
import { type Doc, cloneValue, isPlainObject } from './values.ts';

const HIDDEN = '__standinTextScore';

const isScoreMeta = (v: unknown): boolean => isPlainObject(v) && Object.keys(v).length === 1 && v.$meta === 'textScore';

function mentions(v: unknown): boolean {
  if (isScoreMeta(v)) return true;
  if (Array.isArray(v)) return v.some(mentions);
  return isPlainObject(v) && Object.values(v).some(mentions);
}

function rewrite(v: unknown): unknown {
  if (isScoreMeta(v)) return `$${HIDDEN}`;
  if (Array.isArray(v)) return v.map(rewrite);
  if (!isPlainObject(v)) return v;
  const out: Doc = {};
  for (const [k, child] of Object.entries(v)) out[k] = rewrite(child);
  return out;
}

function rewriteStage(stage: Doc): Doc {
  if (isPlainObject(stage.$sort)) {
    const sort: Doc = {};
    for (const [k, dir] of Object.entries(stage.$sort)) {
      if (isScoreMeta(dir)) sort[HIDDEN] = -1;
      else sort[k] = dir;
    }
    return { $sort: sort };
  }
  return rewrite(stage) as Doc;
}

/** Clones the matched documents with their scores and rewrites `stages` in place when they use them. */
export function withTextScores(matched: Doc[], scores: Map<Doc, number>, stages: Doc[]): Doc[] {
  if (!mentions(stages)) return matched.map(cloneValue);
  stages.splice(0, stages.length, ...stages.map(rewriteStage), { $unset: HIDDEN });
  return matched.map((d) => ({ ...cloneValue(d), [HIDDEN]: scores.get(d) ?? 0 }));
}
