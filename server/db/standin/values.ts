/**
 * BSON value semantics the stand-in needs outside of mingo: MongoDB's cross-type sort order,
 * equality keys for unique indexes, dotted-path extraction through arrays, and cloning that
 * keeps BSON class instances (ObjectId, Long, Decimal128, Binary) intact.
 */
import { Long, type ObjectId } from 'bson';

export type Doc = Record<string, unknown>;

const bsonType = (v: object): string | undefined => (v as { _bsontype?: string })._bsontype;

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Canonical BSON type rank (MongoDB "comparison/sort order"). Missing and undefined rank with null. */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (v instanceof Uint8Array) return 7;
  switch (bsonType(v as object)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 100;
    case undefined:
      return 5;
    default:
      return 50;
  }
}

/** Numeric value of any BSON number type; Longs beyond 2^53 lose precision (compared exactly elsewhere). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = v !== null && typeof v === 'object' ? bsonType(v) : undefined;
  if (t === 'Long') return (v as Long).toNumber();
  if (t === 'Decimal128') return Number.parseFloat(String(v));
  if (t === 'Int32' || t === 'Double') return (v as { value: number }).value;
  return Number.NaN;
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareNumbers(a: unknown, b: unknown): number {
  if (a instanceof Long && b instanceof Long) return a.compare(b);
  const x = toNumber(a);
  const y = toNumber(b);
  // MongoDB orders NaN below every other number.
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return cmp(x, y);
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  const b = v as { buffer: Uint8Array; position?: number };
  return b.buffer.subarray(0, b.position ?? b.buffer.length);
}

/** Total order over BSON values, as MongoDB sorts them (no collation). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
    case 2:
    case 100:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return cmp(String(a), String(b));
    case 5:
      return compareObjects(a as Doc, b as Doc);
    case 6: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = compareValues(xs[i], ys[i]);
        if (c !== 0) return c;
      }
      return xs.length - ys.length;
    }
    case 7: {
      const x = bytesOf(a);
      const y = bytesOf(b);
      if (x.length !== y.length) return x.length - y.length;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
      return 0;
    }
    case 8:
      return cmp((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return Number(a) - Number(b);
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Long).compare(b as Long);
    default:
      return cmp(String(a), String(b));
  }
}

function compareObjects(a: Doc, b: Doc): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const tr = typeRank(a[fa]) - typeRank(b[fb]);
    if (tr !== 0) return tr;
    const kc = cmp(fa, fb);
    if (kc !== 0) return kc;
    const vc = compareValues(a[fa], b[fb]);
    if (vc !== 0) return vc;
  }
  return ka.length - kb.length;
}

/**
 * All values reachable by a dotted path, descending through arrays the way MongoDB does
 * (numeric components index into arrays; other components fan out over array elements).
 * A terminal array is returned as one value; callers decide whether to expand it.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  walkPath(doc, path.split('.'), 0, out);
  return out;
}

function walkPath(cur: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (cur !== undefined) out.push(cur);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(cur)) {
    if (/^\d+$/.test(part)) {
      walkPath(cur[Number(part)], parts, i + 1, out);
      return;
    }
    for (const el of cur) if (isPlainObject(el)) walkPath(el[part], parts, i + 1, out);
    return;
  }
  if (isPlainObject(cur)) walkPath(cur[part], parts, i + 1, out);
}

/** The value to sort on for one field: min element for ascending, max for descending (arrays expand). */
export function sortKey(doc: Doc, path: string, direction: number): unknown {
  const flat: unknown[] = [];
  for (const v of valuesAtPath(doc, path)) {
    if (Array.isArray(v)) {
      if (v.length === 0) flat.push(undefined);
      else flat.push(...v);
    } else flat.push(v);
  }
  if (flat.length === 0) return null;
  let best = flat[0];
  for (const v of flat.slice(1)) {
    const c = compareValues(v, best);
    if ((direction >= 0 && c < 0) || (direction < 0 && c > 0)) best = v;
  }
  return best;
}

export function compareBySpec(spec: [string, number][]): (a: Doc, b: Doc) => number {
  return (a, b) => {
    for (const [path, dir] of spec) {
      const c = compareValues(sortKey(a, path, dir), sortKey(b, path, dir));
      if (c !== 0) return dir < 0 ? -c : c;
    }
    return 0;
  };
}

/**
 * A string that is equal for two values exactly when MongoDB's index would treat them as the
 * same key (1, 1.0 and NumberLong(1) collide; field order inside sub-documents matters).
 */
export function keyString(v: unknown): string {
  const rank = typeRank(v);
  switch (rank) {
    case 2:
      return 'N';
    case 3: {
      if (v instanceof Long && !v.lessThanOrEqual(Long.fromNumber(Number.MAX_SAFE_INTEGER))) return `n${v.toString()}`;
      const n = toNumber(v);
      return `n${Object.is(n, -0) ? 0 : n}`;
    }
    case 4:
      return `s${JSON.stringify(String(v))}`;
    case 5: {
      const o = v as Doc;
      return `{${Object.keys(o)
        .map((k) => `${JSON.stringify(k)}:${keyString(o[k])}`)
        .join(',')}}`;
    }
    case 6:
      return `[${(v as unknown[]).map(keyString).join(',')}]`;
    case 7:
      return `x${Buffer.from(bytesOf(v)).toString('base64')}`;
    case 8:
      return `o${(v as ObjectId).toHexString()}`;
    case 9:
      return v ? 'b1' : 'b0';
    case 10:
      return `d${(v as Date).getTime()}`;
    default:
      return `?${rank}:${String(v)}`;
  }
}

/**
 * `keyString(a) === keyString(b)` without building the strings for the common cases (numbers,
 * strings, booleans, dates, null): an update's "did anything change" test runs on every field it sets.
 */
export function sameKey(a: unknown, b: unknown): boolean {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'string' || ta === 'boolean') return a === b;
    if (ta === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameKey(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    // Field order matters to a key string, as it does to MongoDB's document equality.
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameKey(a[k], b[k]));
  }
  return keyString(a) === keyString(b);
}

/** Deep copy of the mutable parts (objects, arrays, dates); BSON value classes are immutable and shared. */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k]);
    return out as T;
  }
  return v;
}

/** mongod's rendering of a value inside "dup key: { ... }". */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) > 2147483647 ? `${v}.0` : String(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map(formatValue).join(', ')} ]`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    return keys.length === 0 ? '{}' : `{ ${keys.map((k) => `${k}: ${formatValue(v[k])}`).join(', ')} }`;
  }
  switch (bsonType(v as object)) {
    case 'ObjectId':
      return `ObjectId('${(v as ObjectId).toHexString()}')`;
    case 'Long':
      return String(v);
    case 'Decimal128':
      return `NumberDecimal("${String(v)}")`;
    case 'Binary': {
      const bin = v as { sub_type: number };
      return `BinData(${bin.sub_type}, ${Buffer.from(bytesOf(v)).toString('hex').toUpperCase()})`;
    }
    default:
      return String(v);
  }
}
