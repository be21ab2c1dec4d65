// The server's error factory: services throw AppError, the HTTP and socket layers turn it into
// the shared ErrorBody. Anything else that escapes is a bug and becomes a logged 500.
//
// Messages are for people and never carry the field path: the path travels in `field`. Older
// call sites still write `badRequest('body.name: must not be blank', 'body.name')`; the prefix
// is taken off here so no client ever shows "body.name: …".
import { ERROR_CODES, isErrorCode, type ErrorBody, type ErrorCode } from '../shared/errors';

export { isErrorCode, type ErrorCode };

const FIELD_PREFIX = /^(?:body|query|params|headers)(?:[.[][^\s:]*)?:\s*/;

/** "body.name: must not be blank" → "Must not be blank" (the field is reported separately). */
export function humanMessage(message: string, field?: string): string {
  let out = message.trim();
  if (field !== undefined && out.startsWith(`${field}:`)) out = out.slice(field.length + 1).trim();
  else out = out.replace(FIELD_PREFIX, '');
  if (out === '') return 'Invalid input.';
  return out.charAt(0).toUpperCase() + out.slice(1);
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(humanMessage(message, field));
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...(this.details !== undefined ? { details: this.details } : {}),
      },
    };
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;

/** A new error of `code`; the one place outside this file that builds one from a code value. */
export const appError = (code: ErrorCode, message: string, field?: string, details?: Record<string, unknown>) =>
  new AppError(code, message, field, details);

export const badRequest = (message: string, field?: string) => new AppError('VALIDATION', message, field);
export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do that') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
export const payloadTooLarge = (message: string, field?: string, details?: Record<string, unknown>) =>
  new AppError('PAYLOAD_TOO_LARGE', message, field, details);
export const internal = () => new AppError('INTERNAL', 'Something went wrong on our side');
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', 'Too many requests, try again later', undefined, { retryAfterSeconds });

/** The first of a domain validator's field errors, as the 400 the API answers (with all of them in details). */
export function fieldErrors(errors: readonly { field: string; message: string }[]): AppError | null {
  const first = errors[0];
  if (first === undefined) return null;
  return new AppError('VALIDATION', first.message, first.field, { errors: errors.map((e) => ({ field: e.field, message: humanMessage(e.message) })) });
}
