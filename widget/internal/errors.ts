// The one place where an API refusal becomes a sentence for the visitor. The server's `message`
// is written for developers ("body.email: Property 'email' should be email") and may be
// missing altogether (Bun answers an oversized upload with a bare 413), so what the visitor reads
// is chosen from the error's code, status and field (shape: shared/errors ErrorBody), in their
// language (internal/strings.ts), and never repeats the server's words.
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { ApiError } from './api';
import { formatBytes } from './files';
import { errorTranslator, type ErrorStringKey, type Translate } from './strings';

export interface ErrorSentence {
  key: ErrorStringKey;
  params?: Record<string, string>;
}

/** The code a status stands for, when only one does (400 is VALIDATION or BAD_REQUEST). */
function codeForStatus(status: number): ErrorCode | null {
  const codes = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => ERROR_CODES[c] === status);
  return codes.length === 1 ? codes[0]! : null;
}

/** Which sentence describes `e`; null when it is not an answer (or silence) from the API. */
export function describeError(e: unknown): ErrorSentence | null {
  if (!(e instanceof ApiError)) return null;
  if (e.code === 'NETWORK') return { key: 'errorNetwork' };
  // Without a JSON body the client guessed the code; the status is what the server said.
  const code = codeForStatus(e.status) ?? e.code;
  switch (code) {
    case 'PAYLOAD_TOO_LARGE': {
      const max = e.details?.maxBytes;
      return typeof max === 'number' && max > 0 ? { key: 'errorFileTooLargeMax', params: { max: formatBytes(max) } } : { key: 'errorFileTooLarge' };
    }
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { key: 'errorFileType' };
    case 'VALIDATION':
    case 'BAD_REQUEST':
      return { key: /(^|\.)file\b/.test(e.field ?? '') ? 'errorFileRefused' : 'errorInvalid' };
    case 'UNAUTHENTICATED':
      return { key: 'errorSession' };
    case 'FORBIDDEN':
      return { key: 'errorForbidden' };
    case 'NOT_FOUND':
      return { key: 'errorNotFound' };
    case 'CONFLICT':
      return { key: 'errorConflict' };
    case 'RATE_LIMITED':
      return { key: 'errorRateLimited' };
    case 'INTERNAL':
    case 'UNAVAILABLE':
      return { key: 'errorServer' };
    default:
      return { key: 'errorUnknown' };
  }
}

/** What the visitor reads for `e`; `fallback` when it is not an API error at all. */
export function errorSentence(e: unknown, t: Translate, fallback?: string): string {
  const sentence = describeError(e);
  const text = errorTranslator(t.lang);
  if (!sentence) return fallback ?? text('errorUnknown');
  return text(sentence.key, sentence.params);
}
