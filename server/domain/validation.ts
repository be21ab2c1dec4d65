// Shared plumbing for the domain validators: one error shape, and paths in the same dot/bracket
// form the API reports (`schedule.weekly.mon[0].start`), so a client can put the message next to
// the exact input that caused it.

export interface FieldError {
  /** Dot path of the offending input, e.g. `schedule.weekly.mon[0].start`. */
  field: string;
  message: string;
}

export function joinPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Reports keys the caller did not expect: stored settings must not grow unvalidated fields. */
export function unknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
): FieldError[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ field: joinPath(prefix, key), message: 'is not a known field' }));
}
