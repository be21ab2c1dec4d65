/**
 * The update shapes the message hot path sends, applied without mingo: every mingo update call
 * builds a fresh operator context (registering every operator), which was half the CPU of an
 * `update` statement (issue 19).
 *
 * - Operator updates made only of `$set`, `$setOnInsert`, `$inc` (numbers) and `$unset` on
 *   top-level fields other than `_id`, each field named once.
 * - Pipeline updates made only of `$set`/`$addFields` stages whose values are constants, field
 *   paths through sub-documents (`$a`, `$a.b`), `$literal`, `$add` (numbers, at most one date)
 *   and `$ifNull`, or sub-documents of those.
 *
 * Anything else returns undefined and update.ts runs mingo as before. Results are as mingo's
 * (field order: existing fields keep their place, new ones follow in the order given), except
 * one place where mingo is not mongod: a sub-document in a `$set` stage is merged into an
 * existing sub-document (mongod's `$addFields` rule) rather than replacing it.
 *
 * The stored document is never changed: the result is a shallow copy whose changed fields are
 * new values (stored documents are immutable, storage.ts).
 */
import { type Doc, cloneValue, isPlainObject, sameKey } from './values.ts';

export interface FastApplied {
  doc: Doc;
  modified: boolean;
}

const OPERATORS = new Set(['$set', '$setOnInsert', '$inc', '$unset']);

const plainField = (f: string): boolean => f !== '_id' && f.length > 0 && !f.startsWith('$') && !f.includes('.');

const isNumber = (v: unknown): v is number => typeof v === 'number';

/** `$set`/`$inc`/`$unset`(/`$setOnInsert` when inserting) on top-level fields; undefined: not covered. */
export function fastOperatorUpdate(doc: Doc, spec: Doc, inserting: boolean): FastApplied | undefined {
  const names = Object.keys(spec);
  const seen = new Set<string>();
  for (const op of names) {
    if (!OPERATORS.has(op)) return undefined;
    const arg = spec[op];
    if (!isPlainObject(arg)) return undefined;
    for (const f of Object.keys(arg)) {
      // A field named by two operators is mongod's ConflictingUpdateOperators: mingo's path reports it.
      if (!plainField(f) || seen.has(f)) return undefined;
      seen.add(f);
      if (op === '$inc' && !isNumber(arg[f])) return undefined;
      if (op === '$inc' && doc[f] !== undefined && !isNumber(doc[f])) return undefined;
    }
  }
  // update.ts folds `$setOnInsert` into `$set` (after `$set`'s own fields, at `$set`'s place, or
  // last when there is no `$set`): the same order here.
  const order = names.filter((op) => op !== '$setOnInsert');
  if (inserting && spec.$setOnInsert !== undefined && !order.includes('$set')) order.push('$set');
  const next: Doc = { ...doc };
  let modified = false;
  const put = (f: string, value: unknown): void => {
    const old = next[f];
    if (old === undefined || !sameKey(old, value)) modified = true;
    next[f] = value;
  };
  for (const op of order) {
    if (op === '$set') {
      const set = (spec.$set ?? {}) as Doc;
      for (const f of Object.keys(set)) put(f, cloneValue(set[f]));
      if (inserting && isPlainObject(spec.$setOnInsert)) for (const [f, v] of Object.entries(spec.$setOnInsert)) put(f, cloneValue(v));
    } else if (op === '$inc') {
      for (const [f, by] of Object.entries(spec.$inc as Doc)) put(f, next[f] === undefined ? by : (next[f] as number) + (by as number));
    } else if (op === '$unset') {
      for (const f of Object.keys(spec.$unset as Doc)) {
        if (f in next) {
          delete next[f];
          modified = true;
        }
      }
    }
  }
  return { doc: next, modified };
}

/** Not evaluable here (mingo's path decides, or reports the error). */
const NO = Symbol('not covered');
type Value = unknown;

function fieldPath(doc: Doc, path: string): Value | typeof NO {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (part === '') return NO;
    if (Array.isArray(cur)) return NO; // paths through arrays map over elements: mingo's job
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return Array.isArray(cur) ? NO : cur;
}

function evaluate(expr: unknown, doc: Doc): Value | typeof NO {
  if (typeof expr === 'string') {
    if (!expr.startsWith('$')) return expr;
    if (expr.startsWith('$$')) return NO; // variables ($$NOW, $$ROOT, let)
    return fieldPath(doc, expr.slice(1));
  }
  if (expr === null || typeof expr === 'number' || typeof expr === 'boolean' || expr instanceof Date) return expr;
  if (Array.isArray(expr) || !isPlainObject(expr)) return NO;
  const keys = Object.keys(expr);
  if (keys.length !== 1 || !keys[0]!.startsWith('$')) return NO;
  const op = keys[0]!;
  const arg = expr[op];
  if (op === '$literal') return cloneValue(arg);
  if (!Array.isArray(arg)) return NO;
  if (op === '$ifNull') {
    if (arg.length < 2) return NO;
    for (let i = 0; i < arg.length; i++) {
      const v = evaluate(arg[i], doc);
      if (v === NO) return NO;
      if ((v !== null && v !== undefined) || i === arg.length - 1) return v;
    }
    return NO;
  }
  if (op === '$add') {
    let sum = 0;
    let date = false;
    let isNull = false;
    for (const a of arg) {
      const v = evaluate(a, doc);
      if (v === NO) return NO;
      if (v === null || v === undefined) isNull = true;
      else if (v instanceof Date) {
        if (date) return NO; // two dates: mongod's error, from mingo's path
        date = true;
        sum += v.getTime();
      } else if (isNumber(v)) sum += v;
      else return NO;
    }
    if (isNull) return null;
    return date ? new Date(sum) : sum;
  }
  return NO;
}

/** A `$set` stage value: an expression, or a sub-document of them (merged, as mongod does). */
function stageValue(spec: unknown, current: unknown, doc: Doc): Value | typeof NO {
  if (isPlainObject(spec)) {
    const keys = Object.keys(spec);
    if (keys.length === 0) return NO;
    if (keys[0]!.startsWith('$')) return evaluate(spec, doc);
    if (Array.isArray(current)) return NO; // applied to each element by mongod
    const out: Doc = isPlainObject(current) ? { ...current } : {};
    for (const k of keys) {
      if (k.startsWith('$') || k.includes('.')) return NO;
      const v = stageValue(spec[k], out[k], doc);
      if (v === NO) return NO;
      // A missing value adds no field (mongod, mingo).
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return evaluate(spec, doc);
}

/** A pipeline of `$set`/`$addFields` stages of covered expressions; undefined: not covered. */
export function fastPipelineUpdate(doc: Doc, stages: Doc[]): FastApplied | undefined {
  let next: Doc = doc;
  const changed = new Set<string>();
  for (const stage of stages) {
    const keys = Object.keys(stage);
    if (keys.length !== 1 || (keys[0] !== '$set' && keys[0] !== '$addFields')) return undefined;
    const fields = stage[keys[0]];
    if (!isPlainObject(fields)) return undefined;
    // Every expression of a stage sees the document as it was before that stage.
    const input = next;
    const out: Doc = { ...input };
    for (const f of Object.keys(fields)) {
      if (!plainField(f)) return undefined;
      const v = stageValue(fields[f], input[f], input);
      // A top-level value that evaluates to missing removes the field (mingo): left to it.
      if (v === NO || v === undefined) return undefined;
      out[f] = v;
      changed.add(f);
    }
    next = out;
  }
  let modified = false;
  for (const f of changed) {
    if (!(f in doc) || !sameKey(doc[f], next[f])) modified = true;
  }
  return { doc: next, modified };
}
