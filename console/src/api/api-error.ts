// The error every API call throws: the server's code, its message and the offending field.
import type { ErrorCode } from '../../../shared/errors/index';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Field name without the `body.`/`query.` prefix, e.g. `email` or `schedule.weekly.mon[0].start`. */
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    field?: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field ? normalizeField(field) : undefined;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function normalizeField(field: string): string {
  return field.replace(/^(body|query|params)\./, '').replace(/^\//, '').replace(/\//g, '.');
}
