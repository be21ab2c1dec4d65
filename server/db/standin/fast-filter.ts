/**
 * A predicate for the filters the message hot path sends, evaluated without mingo: every
 * command brings new values, so a compiled mingo Query is never reused, and building one cost
 * more than the rest of an `update` statement (issue 19).
 *
 * Covered: top-level fields (no dots) compared with scalars — ObjectId, string, number, boolean,
 * Date, null — by equality, `$eq`, `$ne`, `$in`, `$nin`, `$gt`/`$gte`/`$lt`/`$lte` (numbers,
 * dates, strings), `$exists` and `$type: 'string'`. Anything else in the filter: no fast path
 * (`compileFastFilter` returns undefined) and mingo runs as before.
 *
 * A document whose value is not a plain scalar (an array, a sub-document, a Long…) is where
 * MongoDB's rules get subtle (multikey matching, numeric types): such a document is handed to
 * `slow`, the mingo predicate of the same filter, so the answer is always mingo's.
 */
import { type Doc, isPlainObject } from './values.ts';

const SLOW = 2;
/** true / false, or SLOW: this value needs the general matcher. */
type Verdict = boolean | typeof SLOW;
type Clause = (value: unknown) => Verdict;

interface OidLike {
  _bsontype: 'ObjectId';
  toHexString(): string;
  /** bson 7 keeps the 12 bytes as four integers; compared directly, no hex string is built. */
  i0?: number;
  i1?: number;
  i2?: number;
  i3?: number;
}

const isObjectId = (v: unknown): v is OidLike => typeof v === 'object' && v !== null && (v as { _bsontype?: unknown })._bsontype === 'ObjectId';

function sameOid(a: OidLike, b: OidLike): boolean {
  if (typeof a.i0 === 'number' && typeof b.i0 === 'number') return a.i0 === b.i0 && a.i1 === b.i1 && a.i2 === b.i2 && a.i3 === b.i3;
  return a.toHexString() === b.toHexString();
}

/** Operand kinds the fast path compares with; anything else is no fast path. */
type Operand = { kind: 'null' } | { kind: 'number'; v: number } | { kind: 'string'; v: string } | { kind: 'boolean'; v: boolean } | { kind: 'date'; v: number } | { kind: 'oid'; v: OidLike };

function operand(v: unknown): Operand | undefined {
  if (v === null) return { kind: 'null' };
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : { kind: 'number', v };
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'boolean') return { kind: 'boolean', v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { kind: 'date', v: v.getTime() };
  if (isObjectId(v)) return { kind: 'oid', v };
  return undefined;
}

/** Whether a stored value is one the fast comparisons decide exactly (else: SLOW). */
function plainScalar(x: unknown): boolean {
  if (x === undefined || x === null) return true;
  const t = typeof x;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return !Number.isNaN(x);
  return x instanceof Date || isObjectId(x);
}

function equals(x: unknown, op: Operand): boolean {
  switch (op.kind) {
    case 'null':
      return x === null || x === undefined;
    case 'number':
    case 'string':
    case 'boolean':
      return x === op.v;
    case 'date':
      return x instanceof Date && x.getTime() === op.v;
    case 'oid':
      return isObjectId(x) && sameOid(x, op.v);
  }
}

function equality(op: Operand): Clause {
  return (x) => (plainScalar(x) ? equals(x, op) : SLOW);
}

function membership(list: Operand[]): Clause {
  // Many ids (a page of search hits, populate): one set lookup instead of a comparison each.
  if (list.length >= 8 && list.every((o) => o.kind === 'oid')) {
    const ids = new Set(list.map((o) => (o.v as OidLike).toHexString()));
    return (x) => (plainScalar(x) ? isObjectId(x) && ids.has(x.toHexString()) : SLOW);
  }
  return (x) => (plainScalar(x) ? list.some((o) => equals(x, o)) : SLOW);
}

/** Range comparison within one type, as MongoDB brackets types: other types never match. */
function range(op: string, o: Operand): Clause | undefined {
  const test = (a: number | string, b: number | string): boolean => (op === '$gt' ? a > b : op === '$gte' ? a >= b : op === '$lt' ? a < b : a <= b);
  if (o.kind === 'number') return (x) => (plainScalar(x) ? typeof x === 'number' && test(x, o.v) : SLOW);
  if (o.kind === 'string') return (x) => (plainScalar(x) ? typeof x === 'string' && test(x, o.v) : SLOW);
  if (o.kind === 'date') return (x) => (plainScalar(x) ? x instanceof Date && test(x.getTime(), o.v) : SLOW);
  return undefined;
}

function operatorClause(op: string, arg: unknown): Clause | undefined {
  switch (op) {
    case '$eq': {
      const o = operand(arg);
      return o && equality(o);
    }
    case '$ne': {
      const o = operand(arg);
      if (!o) return undefined;
      return (x) => (plainScalar(x) ? !equals(x, o) : SLOW);
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(arg)) return undefined;
      const list: Operand[] = [];
      for (const v of arg) {
        const o = operand(v);
        if (!o) return undefined;
        list.push(o);
      }
      const member = membership(list);
      if (op === '$in') return member;
      return (x) => {
        const r = member(x);
        return r === SLOW ? SLOW : !r;
      };
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const o = operand(arg);
      return o && range(op, o);
    }
    case '$exists':
      if (typeof arg !== 'boolean') return undefined;
      return (x) => (x !== undefined) === arg;
    case '$type':
      // The one `$type` of the schemas' partial indexes; arrays (any element a string) go to mingo.
      if (arg !== 'string') return undefined;
      return (x) => (Array.isArray(x) ? SLOW : typeof x === 'string');
    default:
      return undefined;
  }
}

function fieldClause(cond: unknown): Clause | undefined {
  if (isPlainObject(cond)) {
    const ops = Object.keys(cond);
    // `{}` or a literal sub-document: equality with a document, left to mingo.
    if (ops.length === 0 || !ops.every((k) => k.startsWith('$'))) return undefined;
    const clauses: Clause[] = [];
    for (const op of ops) {
      const c = operatorClause(op, cond[op]);
      if (!c) return undefined;
      clauses.push(c);
    }
    if (clauses.length === 1) return clauses[0];
    return (x) => {
      for (const c of clauses) {
        const r = c(x);
        if (r !== true) return r;
      }
      return true;
    };
  }
  const o = operand(cond);
  return o && equality(o);
}

/**
 * The filter's predicate without mingo, or undefined when the filter has anything the fast path
 * does not cover. `slow` is asked about documents whose values need mingo's rules.
 */
export function compileFastFilter(filter: Doc, slow: () => (doc: Doc) => boolean): ((doc: Doc) => boolean) | undefined {
  const fields: string[] = [];
  const clauses: Clause[] = [];
  for (const field of Object.keys(filter)) {
    if (field.startsWith('$') || field.includes('.')) return undefined;
    const c = fieldClause(filter[field]);
    if (!c) return undefined;
    fields.push(field);
    clauses.push(c);
  }
  const count = fields.length;
  return (doc) => {
    for (let i = 0; i < count; i++) {
      const r = (clauses[i] as Clause)(doc[fields[i] as string]);
      if (r === true) continue;
      if (r === false) return false;
      return slow()(doc);
    }
    return true;
  };
}
