/**
 * Computes the new version of a document for update/findAndModify/upsert. Never mutates the
 * stored document: it works on a clone that the caller swaps in after the unique checks pass.
 */
import { ObjectId } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { CommandError, Codes, badValue } from './errors.ts';
import { type CollectionResolver, mingoOptions, runPipeline } from './mingo.ts';
import { fastOperatorUpdate, fastPipelineUpdate } from './fast-update.ts';
import { validateUpdateSpec } from './validate.ts';
import { type Doc, cloneValue, isPlainObject, keyString } from './values.ts';

export type UpdateSpec = Doc | Doc[];

export interface ApplyOptions {
  filter: Doc;
  arrayFilters?: Doc[];
  /** True when the document is the seed of an upsert (enables $setOnInsert). */
  inserting: boolean;
  resolver: CollectionResolver;
  variables?: Doc;
}

export interface Applied {
  doc: Doc;
  modified: boolean;
}

export function isOperatorUpdate(u: UpdateSpec): boolean {
  if (Array.isArray(u)) return false;
  const keys = Object.keys(u);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export function validateUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    if (!u.every(isPlainObject)) throw failed('Update pipeline stages must be objects');
    validateUpdateSpec(u as Doc[]);
    return u as Doc[];
  }
  if (!isPlainObject(u)) throw failed('Update argument must be an object or a pipeline');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length !== keys.length) {
    throw failed(`Unknown modifier: ${keys.find((k) => !k.startsWith('$')) ?? ''}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  validateUpdateSpec(u);
  return u;
}

const failed = (msg: string): CommandError => new CommandError(Codes.FailedToParse, 'FailedToParse', msg);

/** Applies an update document, replacement or pipeline to `doc`. */
export function applyUpdate(doc: Doc, spec: UpdateSpec, opts: ApplyOptions): Applied {
  // The hot path's shapes without mingo (fast-update.ts); `let` variables and arrayFilters go to mingo.
  if (!opts.variables && !opts.arrayFilters) {
    const fast = Array.isArray(spec) ? fastPipelineUpdate(doc, spec) : isOperatorUpdate(spec) ? fastOperatorUpdate(doc, spec, opts.inserting) : undefined;
    if (fast) return fast;
  }
  return applyWithMingo(doc, spec, opts);
}

/** The general path (every operator, `let`, arrayFilters, positional `$`); exported for the fast path's differential test. */
export function applyWithMingo(doc: Doc, spec: UpdateSpec, opts: ApplyOptions): Applied {
  const before = keyString(doc);
  let next: Doc;
  if (Array.isArray(spec)) {
    const out = runPipeline([cloneValue(doc)], spec, opts.resolver, opts.variables);
    const first = out[0];
    if (out.length !== 1 || !first) throw badValue('update pipeline must produce exactly one document');
    next = '_id' in first ? first : { _id: doc._id, ...first };
  } else if (isOperatorUpdate(spec)) {
    next = cloneValue(doc);
    const { $setOnInsert, ...ops } = spec;
    if (opts.inserting && isPlainObject($setOnInsert)) {
      ops.$set = { ...(isPlainObject(ops.$set) ? ops.$set : {}), ...$setOnInsert };
    }
    if (Object.keys(ops).length > 0) {
      // Positional `$` needs the filter; an upsert seed need not match it (e.g. $gt filters).
      const condition = opts.inserting ? undefined : opts.filter;
      mingoUpdate(next, ops as Parameters<typeof mingoUpdate>[1], opts.arrayFilters, condition, {
        cloneMode: 'deep',
        queryOptions: mingoOptions(undefined, opts.variables),
      });
    }
  } else {
    next = { _id: doc._id, ...spec };
    if ('_id' in spec) next._id = spec._id;
    if (next._id === undefined) delete next._id;
  }
  return { doc: next, modified: keyString(next) !== before };
}

/** The document an upsert starts from: equality fields of the filter (dotted paths expanded). */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  collectEqualities(filter, seed);
  return seed;
}

function collectEqualities(filter: Doc, seed: Doc): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) collectEqualities(part, seed);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) setPath(seed, key, cloneValue(value.$eq));
      continue;
    }
    if (value instanceof RegExp) continue;
    setPath(seed, key, cloneValue(value));
  }
}

export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const child = cur[part];
    if (!isPlainObject(child)) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** Builds the document an upsert inserts. `_id` goes first, generated when neither filter nor update set it. */
export function buildUpsertDoc(filter: Doc, spec: UpdateSpec, opts: Omit<ApplyOptions, 'inserting'>): Doc {
  const seed = upsertSeed(filter);
  let doc: Doc;
  if (!Array.isArray(spec) && !isOperatorUpdate(spec)) {
    // A replacement upsert keeps only the filter's _id, like mongod.
    doc = { ...('_id' in seed ? { _id: seed._id } : {}), ...spec };
  } else {
    doc = applyUpdate(seed, spec, { ...opts, inserting: true }).doc;
  }
  if (!('_id' in doc) || doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  else if (Object.keys(doc)[0] !== '_id') {
    const { _id, ...rest } = doc;
    doc = { _id, ...rest };
  }
  return doc;
}
