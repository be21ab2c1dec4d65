import type { ErrorFrame } from '../../shared/protocol/messages';
import type { AppError } from '../errors';

/** An AppError as the protocol's error frame: RATE_LIMITED carries when to retry, visitor refusals their reason. */
export function errorFrame(err: AppError, replyTo: string): ErrorFrame {
  const retry = err.details?.retryAfterSeconds;
  const reason = err.details?.reason;
  return {
    type: 'error',
    code: err.code,
    message: err.message,
    ...(err.field ? { field: err.field } : {}),
    replyTo,
    ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}
