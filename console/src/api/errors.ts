// The one place where an error becomes the sentence a person reads. The server's ErrorBody has a
// code and the offending field; its message is either written for people ("Invalid e-mail or
// password") or a schema validator's ("Property 'email' should be email", perhaps after a
// `body.email: ` prefix). The second kind never reaches the screen: the sentence then comes from
// the field and the rule that failed, so the console does not depend on how the server words it.
import { PASSWORD_LIMITS } from '../../../shared/types/limits';
import { isApiError, type ApiError } from './http';

const NETWORK = 'Cannot reach the server. Check your connection.';
const SERVER_FAULT = 'The server had a problem. Try again.';

// Validator wording (TypeBox, Elysia's summaries, JSON-schema style), not sentences for people.
const SCHEMA_WORDING = [
  /^property '/i,
  /^expected\b/i,
  /^value (should|is|must)\b/i,
  /\bshould (be|match|not)\b/i,
  /\bmust (match|not have|be (string|number|integer|boolean|array|object))\b/i,
  /^unexpected property/i,
  /^required property/i,
  /^invalid input$/i,
  /^request failed \(\d+\)\.?$/i,
];
/** Server messages that are true but say nothing useful to a person. */
const TECHNICAL = [/^no such route$/i, /^invalid session$/i, /^the request body could not be parsed$/i, /^something went wrong on our side$/i];

const PATH_PREFIX = /^(?:body|query|params|headers)(?:[.[][^\s:]*)?:\s*/;

/** "body.email: must be unique" → "Must be unique": the field is shown by the form, not named in the text. */
function withoutPath(message: string): string {
  const text = message.replace(PATH_PREFIX, '').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isForPeople(message: string): boolean {
  const text = withoutPath(message);
  return text !== '' && !SCHEMA_WORDING.some((re) => re.test(text)) && !TECHNICAL.some((re) => re.test(text));
}

type Rule =
  | { kind: 'required' }
  | { kind: 'min-length' | 'max-length' | 'min' | 'max'; n: number | null }
  | { kind: 'integer' | 'format' };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const firstNumber = (re: RegExp, text: string): number | null => {
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
};

/** Which rule failed, from the details when the server gives them, else from the validator's words. */
export function ruleOf(message: string, details?: Record<string, unknown>): Rule {
  const d = details ?? {};
  if (num(d.minLength) !== null) return num(d.minLength)! <= 1 ? { kind: 'required' } : { kind: 'min-length', n: num(d.minLength) };
  if (num(d.maxLength) !== null) return { kind: 'max-length', n: num(d.maxLength) };
  const text = withoutPath(message);
  if (/\b(is missing|required)\b/i.test(text)) return { kind: 'required' };
  if (/length/i.test(text) && /(greater|more|at least|minimum)/i.test(text)) {
    const n = firstNumber(/(\d+)/, text);
    return n !== null && n <= 1 ? { kind: 'required' } : { kind: 'min-length', n };
  }
  if (/length/i.test(text) && /(less|fewer|at most|maximum)/i.test(text)) return { kind: 'max-length', n: firstNumber(/(\d+)/, text) };
  if (/\binteger\b/i.test(text)) return { kind: 'integer' };
  if (/(greater|at least|minimum)/i.test(text)) return { kind: 'min', n: firstNumber(/(-?\d+(?:\.\d+)?)/, text) };
  if (/(less|at most|maximum)/i.test(text)) return { kind: 'max', n: firstNumber(/(-?\d+(?:\.\d+)?)/, text) };
  return { kind: 'format' };
}

/** The last name in a field path: `schedule.weekly.mon[0].start` → `start`. */
const leafOf = (field: string): string => field.replace(/\[\d+\]/g, '').split('.').pop() ?? field;

/** A field path as words for a sentence: `widget.allowedOrigins` → "Allowed origins". */
export function fieldLabel(field: string): string {
  const words = leafOf(field).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  if (words === 'email') return 'E-mail';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FORMAT_BY_FIELD: Record<string, string> = {
  email: 'Enter a valid e-mail address.',
  phone: 'Enter a phone number with digits, spaces and + ( ) . - only, e.g. +44 7700 900123.',
  url: 'Enter a full web address starting with https://.',
  color: 'Use a colour like #e2552b.',
  from: 'Pick a valid date.',
  to: 'Pick a valid date.',
  date: 'Pick a valid date.',
  timezone: 'Choose a time zone from the list.',
  start: 'Use HH:MM (00:00–23:59).',
  end: 'Use HH:MM (00:00–24:00).',
};
const PASSWORDS = new Set(['password', 'newPassword']);

/** The sentence for a failed schema rule on `field`. */
export function validationSentence(field: string, rule: Rule): string {
  const leaf = leafOf(field);
  switch (rule.kind) {
    case 'max-length':
      return rule.n !== null ? `Use at most ${rule.n} characters.` : 'This is too long.';
    case 'required':
      if (leaf === 'currentPassword') return 'Enter your current password.';
      if (PASSWORDS.has(leaf)) return 'Enter a password.';
      if (leaf === 'email') return 'Enter an e-mail address.';
      return 'This field is required.';
    case 'min-length':
      if (PASSWORDS.has(leaf)) return `Use at least ${rule.n ?? PASSWORD_LIMITS.min} characters.`;
      if (leaf === 'email') return FORMAT_BY_FIELD.email!;
      return rule.n !== null ? `Use at least ${rule.n} characters.` : 'This is too short.';
    case 'min':
      return rule.n !== null ? `Enter a number of at least ${rule.n}.` : 'This number is too small.';
    case 'max':
      return rule.n !== null ? `Enter a number of at most ${rule.n}.` : 'This number is too large.';
    case 'integer':
      return 'Enter a whole number.';
    case 'format':
      return FORMAT_BY_FIELD[leaf] ?? 'This value is not valid.';
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / 1_048_576;
  return mb >= 10 ? String(Math.floor(mb)) : String(Math.round(mb * 10) / 10);
}

function tooLarge(e: ApiError): string {
  const max = num(e.details?.maxBytes);
  const mb = max !== null ? megabytes(max) : /(\d+(?:\.\d+)?)\s*MB\b/i.exec(e.message)?.[1];
  return mb ? `This file is too large to upload (limit ${mb} MB).` : 'This file is too large to upload.';
}

function tryAgainIn(seconds: number | null): string {
  if (seconds === null || seconds <= 0) return 'Too many attempts. Wait a moment and try again.';
  if (seconds < 60) return `Too many attempts. Try again in ${Math.ceil(seconds)} second${seconds > 1 ? 's' : ''}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}

const BY_CODE: Partial<Record<ApiError['code'], string>> = {
  UNAUTHENTICATED: 'Your session ended. Sign in again.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'This no longer exists. It may have been deleted.',
  CONFLICT: 'This was changed meanwhile. Reload and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'This type of file cannot be uploaded.',
  UNAVAILABLE: 'The service is unavailable right now. Try again in a moment.',
};

/** The sentence for an ApiError: by status and code first, then the server's own words if meant for people. */
export function apiErrorSentence(e: ApiError): string {
  if (e.status === 0) return e.details?.cancelled === true ? 'Upload cancelled.' : NETWORK;
  if (e.status === 413 || e.code === 'PAYLOAD_TOO_LARGE') return tooLarge(e);
  if (e.status === 429 || e.code === 'RATE_LIMITED') return tryAgainIn(num(e.details?.retryAfterSeconds));
  if (e.status >= 500 && e.code !== 'UNAVAILABLE') return SERVER_FAULT;
  const invalidField = (e.code === 'VALIDATION' || e.code === 'BAD_REQUEST') && !!e.field && e.field !== 'body';
  // A rule named in the details says more than any wording.
  const ruleInDetails = num(e.details?.minLength) !== null || num(e.details?.maxLength) !== null;
  if (invalidField && ruleInDetails) return validationSentence(e.field!, ruleOf(e.message, e.details));
  if (isForPeople(e.message)) return withoutPath(e.message);
  if (invalidField) return validationSentence(e.field!, ruleOf(e.message, e.details));
  return BY_CODE[e.code] ?? 'Check what you entered and try again.';
}

/** Human sentence for any thrown value. */
export function errorMessage(err: unknown): string {
  if (isApiError(err)) return apiErrorSentence(err);
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}
