/**
 * Index catalogue of one collection. Only unique indexes keep a key → document map (to enforce
 * uniqueness); every other index is metadata that listIndexes reports and TTL reads.
 */
import { CommandError, Codes, badValue } from './errors.ts';
import { compileFilter } from './mingo.ts';
import { isTextIndex, isTextKey, normalizeTextSpec } from './text.ts';
import { TextPostings } from './text-postings.ts';
import { type Doc, formatValue, keyString, sameKey, valuesAtPath } from './values.ts';

export interface IndexSpec {
  v: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

export class DuplicateKeyError extends CommandError {
  constructor(ns: string, spec: IndexSpec, keyValue: Doc) {
    const rendered = Object.keys(keyValue)
      .map((k) => `${k}: ${formatValue(keyValue[k])}`)
      .join(', ');
    super(
      Codes.DuplicateKey,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: { ${rendered} }`,
      { keyPattern: { ...spec.key }, keyValue },
    );
  }
}

interface IndexKey {
  str: string;
  value: Doc;
}

export class Index {
  /** keyString → owning document's id key; only for unique indexes. */
  private readonly owners = new Map<string, string>();
  /**
   * keyString of the first field's value → ids of documents holding it. Lets equality filters on
   * an indexed field skip the full scan. Not kept for sparse/partial indexes (they do not cover
   * every document) nor for `_id_` (the collection's own map is that index).
   */
  private readonly lookup: Map<string, Set<string>> | undefined;
  readonly fields: string[];
  private readonly partial: ((doc: Doc) => boolean) | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
    // A text index's key fields (_fts, _ftsx) are no document fields: its lookup is the postings.
    const covering = !spec.sparse && !spec.partialFilterExpression && spec.name !== '_id_' && !isTextIndex(spec);
    this.lookup = covering ? new Map() : undefined;
    const partial = this.partial;
    this.text = isTextIndex(spec) ? new TextPostings(spec, (doc) => !partial || partial(doc)) : undefined;
  }

  /** For a text index: its inverted index (text-postings.ts). */
  readonly text: TextPostings | undefined;

  /**
   * For a unique index whose every field is pinned by one equality in a filter: the id of the
   * only document that can match (or null: none can). Undefined when the index can't tell —
   * a value of null or an array (sparse, multikey and partial indexes may leave such documents
   * out), or a partial filter that the pinned values don't satisfy.
   */
  exactOwner(pinned: Doc): string | null | undefined {
    if (!this.unique || this.spec.name === '_id_') return undefined;
    const parts: string[] = [];
    for (const f of this.fields) {
      if (!(f in pinned)) return undefined;
      const v = pinned[f];
      if (v === null || v === undefined || Array.isArray(v)) return undefined;
      parts.push(keyString(v));
    }
    if (this.partial && !this.partial(pinned)) return undefined;
    return this.owners.get(parts.join('|')) ?? null;
  }

  /** Whether this index can answer equality lookups on `field` (its first field). */
  servesEquality(field: string): boolean {
    return this.lookup !== undefined && this.fields[0] === field;
  }

  /** Ids of documents whose first indexed field may equal `value`; a superset is fine, the filter runs after. */
  idsEqualTo(value: unknown): ReadonlySet<string> {
    return this.lookup?.get(keyString(value === undefined ? null : value)) ?? EMPTY;
  }

  private firstFieldKeys(doc: Doc): Set<string> {
    const out = new Set<string>();
    for (const v of valuesAtPath(doc, this.fields[0] ?? '')) {
      if (Array.isArray(v)) {
        // Multikey: each element is a key; so is the array itself for whole-array equality.
        for (const el of v) out.add(keyString(el));
        out.add(keyString(v));
        if (v.length === 0) out.add(keyString(null));
      } else out.add(keyString(v));
    }
    if (out.size === 0) out.add(keyString(null));
    return out;
  }

  get unique(): boolean {
    return this.spec.unique === true || this.spec.name === '_id_';
  }

  /** Keys a document contributes; none when sparse/partial exclude it. Arrays expand (multikey). */
  keysOf(doc: Doc): IndexKey[] {
    if (this.partial && !this.partial(doc)) return [];
    const perField = this.fields.map((f) => {
      const found = valuesAtPath(doc, f);
      const expanded: unknown[] = [];
      for (const v of found) {
        if (Array.isArray(v)) expanded.push(...(v.length ? v : [undefined]));
        else expanded.push(v);
      }
      return expanded;
    });
    // A sparse index skips documents that have none of the indexed fields.
    if (this.spec.sparse && perField.every((vals) => vals.length === 0)) return [];
    let combos: unknown[][] = [[]];
    for (const vals of perField) {
      const options = vals.length ? vals : [null];
      const next: unknown[][] = [];
      for (const c of combos) for (const v of options) next.push([...c, v]);
      combos = next;
    }
    const seen = new Set<string>();
    const keys: IndexKey[] = [];
    for (const combo of combos) {
      const str = combo.map(keyString).join('|');
      if (seen.has(str)) continue;
      seen.add(str);
      const value: Doc = {};
      this.fields.forEach((f, i) => {
        const v = combo[i];
        value[f] = v === undefined ? null : v;
      });
      keys.push({ str, value });
    }
    return keys;
  }

  /** The first key of `doc` already owned by another document, if any. */
  conflict(doc: Doc, selfId: string | undefined): IndexKey | undefined {
    if (!this.unique) return undefined;
    for (const k of this.keysOf(doc)) {
      const owner = this.owners.get(k.str);
      if (owner !== undefined && owner !== selfId) return k;
    }
    return undefined;
  }

  /**
   * Whether replacing `before` by `after` leaves this index's entries as they are, so the swap
   * can skip it: the fields it keys on (all of them if unique, the first for the lookup) hold
   * the same values. Never for text and partial indexes, whose entries depend on more.
   */
  unchangedBetween(before: Doc, after: Doc): boolean {
    if (this.text || this.partial) return false;
    const keyed = this.unique ? this.fields : this.lookup ? this.fields.slice(0, 1) : [];
    // Present-vs-missing matters as well as the value (a sparse index leaves missing fields out).
    for (const f of keyed) if (f.includes('.') || f in before !== f in after || !sameKey(before[f], after[f])) return false;
    return true;
  }

  add(doc: Doc, id: string): void {
    this.text?.add(doc, id);
    if (this.unique) for (const k of this.keysOf(doc)) this.owners.set(k.str, id);
    if (this.lookup) {
      for (const k of this.firstFieldKeys(doc)) {
        let ids = this.lookup.get(k);
        if (!ids) {
          ids = new Set();
          this.lookup.set(k, ids);
        }
        ids.add(id);
      }
    }
  }

  remove(doc: Doc, id: string): void {
    this.text?.remove(id);
    if (this.unique) for (const k of this.keysOf(doc)) if (this.owners.get(k.str) === id) this.owners.delete(k.str);
    if (this.lookup) {
      for (const k of this.firstFieldKeys(doc)) {
        const ids = this.lookup.get(k);
        ids?.delete(id);
        if (ids?.size === 0) this.lookup.delete(k);
      }
    }
  }

  clear(): void {
    this.owners.clear();
    this.lookup?.clear();
    this.text?.clear();
  }
}

const EMPTY: ReadonlySet<string> = new Set();

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Default index name the way mongod derives it: field_dir joined by underscores. */
export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');
}

const KNOWN_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'v',
  'hidden',
  'collation',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'wildcardProjection',
]);

/** Validates and normalizes one entry of `createIndexes.indexes`. */
export function normalizeIndexSpec(raw: unknown): IndexSpec {
  if (raw === null || typeof raw !== 'object') throw badValue('index specification must be an object');
  const r = raw as Doc;
  const key = r.key;
  if (key === null || typeof key !== 'object' || Object.keys(key).length === 0) {
    throw new CommandError(Codes.FailedToParse, 'FailedToParse', "Index key pattern must be a non-empty object ('key')");
  }
  const name = typeof r.name === 'string' && r.name ? r.name : defaultIndexName(key as Doc);
  const spec: IndexSpec = { v: 2, key: { ...(key as Doc) }, name };
  for (const [opt, val] of Object.entries(r)) {
    if (opt === 'key' || opt === 'name' || opt === 'v' || opt === 'background') continue;
    if (!KNOWN_OPTIONS.has(opt)) {
      throw new CommandError(Codes.InvalidOptions, 'InvalidIndexSpecificationOption', `The field '${opt}' is not valid for an index specification.`);
    }
    // mongod drops `unique: false` / `sparse: false` from the stored spec.
    if ((opt === 'unique' || opt === 'sparse') && !val) continue;
    spec[opt] = val;
  }
  if (spec.expireAfterSeconds !== undefined) spec.expireAfterSeconds = Number(spec.expireAfterSeconds);
  return isTextKey(spec.key) ? normalizeTextSpec(spec) : spec;
}

/** Whether two specs describe the same index (ignoring the name). */
export function sameIndexOptions(a: IndexSpec, b: IndexSpec): boolean {
  // Option order in the request is not significant; key order inside `key` is.
  const strip = (s: IndexSpec): string => {
    const out: Doc = {};
    for (const k of Object.keys(s).sort()) if (k !== 'name' && k !== 'v') out[k] = s[k];
    return keyString(out);
  };
  return strip(a) === strip(b);
}
