// One error shape for every 4xx/5xx the server answers, and for socket `error` frames.
// Clients switch on `code`; `field` names the offending input (dot path) when there is one.

export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** /api/v1: the API key lacks the scope the route needs (`details.scope` names it). */
  SCOPE_MISSING: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** /api/v1: an Idempotency-Key, handoffId or clientId reused for a different request (`field` names what differs). */
  IDEMPOTENCY_CONFLICT: 409,
  /** A login link past its 60 s; ask for a new one. */
  LOGIN_LINK_EXPIRED: 410,
  /** A login link already redeemed (they are single-use); ask for a new one. */
  LOGIN_LINK_USED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);

export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** For people: never contains the field path (that travels in `field`). */
    message: string;
    /** Dot path of the offending input, e.g. `body.email` or `body.schedule.weekly.mon[0].start`. */
    field?: string;
    /** Extra, typed per code (e.g. `retryAfterSeconds` for RATE_LIMITED). */
    details?: Record<string, unknown>;
  };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
