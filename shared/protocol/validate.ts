// A tiny, dependency-free validator for socket frames. The widget ships it too, so it must stay
// small; REST bodies are validated on the server with Elysia's TypeBox schemas instead.
// Objects reject unknown keys and MongoDB-operator-looking values can never pass a scalar check.
// Enums use the same `const` lists and membership test (shared/types/enums.ts) as the REST
// schemas' `oneOf` (shared/contract/common.ts); TypeBox itself stays out of the widget bundle.
import { isOneOf } from '../types/enums';

export type Check<T> = (value: unknown, path: string) => Result<T>;
export type Result<T> = { ok: true; value: T } | { ok: false; field: string; message: string };
export type Infer<C> = C extends Check<infer T> ? T : never;

const fail = (field: string, message: string): { ok: false; field: string; message: string } => ({
  ok: false,
  field,
  message,
});

export function str(opts: { min?: number; max?: number } = {}): Check<string> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 10_000;
  return (v, p) => {
    if (typeof v !== 'string') return fail(p, 'must be a string');
    if (v.length < min) return fail(p, `must be at least ${min} characters`);
    if (v.length > max) return fail(p, `must be at most ${max} characters`);
    return { ok: true, value: v };
  };
}

export function int(opts: { min?: number; max?: number } = {}): Check<number> {
  return (v, p) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(p, 'must be an integer');
    if (opts.min !== undefined && v < opts.min) return fail(p, `must be ≥ ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) return fail(p, `must be ≤ ${opts.max}`);
    return { ok: true, value: v };
  };
}

export const bool: Check<boolean> = (v, p) =>
  typeof v === 'boolean' ? { ok: true, value: v } : fail(p, 'must be a boolean');

export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  return (v, p) =>
    isOneOf(values, v)
      ? { ok: true, value: v }
      : fail(p, `must be one of ${values.join(', ')}`);
}

export function optional<T>(check: Check<T>): Check<T | undefined> & { optional: true } {
  const c = ((v: unknown, p: string) =>
    v === undefined ? { ok: true, value: undefined } : check(v, p)) as Check<T | undefined> & {
    optional: true;
  };
  c.optional = true;
  return c;
}

export function array<T>(item: Check<T>, opts: { max?: number } = {}): Check<T[]> {
  const max = opts.max ?? 1000;
  return (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'must be an array');
    if (v.length > max) return fail(p, `must have at most ${max} items`);
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i], `${p}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  };
}

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends { optional: true } ? K : never;
}[keyof S];
export type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]>;
} & { [K in OptionalKeys<S>]?: Infer<S[K]> };

export function object<S extends Shape>(shape: S): Check<ObjectOf<S>> {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!(key in shape)) return fail(p ? `${p}.${key}` : key, 'is not allowed');
    }
    for (const [key, check] of Object.entries(shape)) {
      const r = check((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return { ok: true, value: out as ObjectOf<S> };
  };
}

/** A union discriminated by its `type` literal; the error names the unknown type. */
export function byType<M extends Record<string, Check<unknown>>>(
  variants: M,
): Check<{ [K in keyof M]: Infer<M[K]> & { type: K } }[keyof M]> {
  return (v, p) => {
    const type = typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(variants, type)) {
      return fail(p ? `${p}.type` : 'type', 'is not a known message type');
    }
    return variants[type]!(v, p) as Result<{ [K in keyof M]: Infer<M[K]> & { type: K } }[keyof M]>;
  };
}

export function literal<const T extends string>(value: T): Check<T> {
  return (v, p) => (v === value ? { ok: true, value } : fail(p, `must be "${value}"`));
}
