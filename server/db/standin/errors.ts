/**
 * MongoDB-shaped command errors. Handlers throw these; the dispatcher turns them into
 * `{ ok: 0, errmsg, code, codeName, ...extra }` so the driver raises a MongoServerError with
 * the same fields a real mongod would give it.
 */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const Codes = {
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationNotSupportedInTransaction: 263,
  Location40324: 40324,
  DuplicateKey: 11000,
} as const;

export const badValue = (msg: string): CommandError => new CommandError(Codes.BadValue, 'BadValue', msg);
export const failedToParse = (msg: string): CommandError => new CommandError(Codes.FailedToParse, 'FailedToParse', msg);
export const typeMismatch = (msg: string): CommandError => new CommandError(Codes.TypeMismatch, 'TypeMismatch', msg);

/** Wraps anything thrown (mingo errors, bugs) into a CommandError so a bad query never drops the socket. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes('would modify the immutable field')) {
    return new CommandError(Codes.ImmutableField, 'ImmutableField', message.replace(/\.$/, ''));
  }
  // mingo reports unsupported/invalid operators this way; mongod would say BadValue or Location errors.
  return new CommandError(Codes.BadValue, 'BadValue', message);
}
