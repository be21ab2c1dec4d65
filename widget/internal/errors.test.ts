import { beforeAll, describe, expect, test } from 'bun:test';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { ApiError } from './api';
import { describeError, errorSentence } from './errors';
import { loadLocale, translator } from './strings';

beforeAll(() => loadLocale('fr'));

const en = translator('en');
const fr = translator('fr');

describe('errorSentence', () => {
  test.each([
    // What the server's error handler answers for a schema failure: the field path stays out.
    ['validation with a field path', new ApiError(400, 'VALIDATION', "body.email: Property 'email' should be email", undefined, 'body.email'), 'This could not be sent as it is. Please check it and try again.'],
    ['validation of the file', new ApiError(400, 'VALIDATION', 'The file is empty', undefined, 'body.file'), 'This file could not be accepted.'],
    ['a bare 413 (Bun, no body)', new ApiError(413, 'BAD_REQUEST', 'HTTP 413'), 'This file is too large to send.'],
    ['413 from the upload XHR', new ApiError(413, 'PAYLOAD_TOO_LARGE', 'HTTP 413'), 'This file is too large to send.'],
    ['413 naming the limit', new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Files can be at most 20 MB', { maxBytes: 20 * 1024 * 1024 }, 'body.file'), 'This file is too large to send. Files can be up to 20 MB.'],
    ['415 type refused', new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This file type is not allowed. Allowed: …', undefined, 'body.file'), 'This file type is not supported. Send images, PDF, office documents or text files.'],
    ['rate limited', new ApiError(429, 'RATE_LIMITED', 'Too many requests, try again later', { retryAfterSeconds: 30 }), 'Too many attempts. Please wait a moment and try again.'],
    ['a bare 429', new ApiError(429, 'BAD_REQUEST', 'HTTP 429'), 'Too many attempts. Please wait a moment and try again.'],
    ['token refused', new ApiError(401, 'UNAUTHENTICATED', 'visitor token required'), 'Your chat session has expired. Please reload the page.'],
    ['forbidden', new ApiError(403, 'FORBIDDEN', 'You are not allowed to do that'), 'This is not allowed in this chat.'],
    ['chat gone', new ApiError(404, 'NOT_FOUND', 'Chat not found'), 'This chat is no longer available.'],
    ['conflict', new ApiError(409, 'CONFLICT', 'already taken', undefined, 'body.clientId'), 'This changed in the meantime. Please try again.'],
    ['server error', new ApiError(500, 'INTERNAL', 'Something went wrong on our side'), 'The chat service had a problem. Please try again in a moment.'],
    ['a bare 502 from a proxy', new ApiError(502, 'INTERNAL', 'HTTP 502'), 'The chat service had a problem. Please try again in a moment.'],
    ['unavailable', new ApiError(503, 'UNAVAILABLE', 'starting up'), 'The chat service had a problem. Please try again in a moment.'],
    ['no answer at all', new ApiError(0, 'NETWORK', 'network error'), 'The connection was lost. Please try again.'],
    ['not from the API', new Error('not ready'), 'Something went wrong. Please try again.'],
    ['not even an Error', 'boom', 'Something went wrong. Please try again.'],
  ] as const)('%s', (_name, error, expected) => {
    expect(errorSentence(error, en)).toBe(expected);
  });

  test('a fallback replaces the generic sentence for what is not an API error', () => {
    expect(errorSentence(new Error('not ready'), en, 'Upload failed')).toBe('Upload failed');
    expect(errorSentence(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'HTTP 413'), en, 'Upload failed')).toBe('This file is too large to send.');
  });

  test('in French', () => {
    expect(errorSentence(new ApiError(413, 'BAD_REQUEST', 'HTTP 413'), fr)).toBe('Ce fichier est trop volumineux pour être envoyé.');
    expect(errorSentence(new ApiError(400, 'VALIDATION', 'body.text: Expected string', undefined, 'body.text'), fr)).toBe(
      'Cet envoi n’a pas pu être accepté tel quel. Vérifiez-le et réessayez.',
    );
    // A language without tables reads English.
    expect(errorSentence(new ApiError(0, 'NETWORK', 'x'), translator('ja'))).toBe('The connection was lost. Please try again.');
  });

  test('every code, in every language, reads as a sentence and never as the server message', () => {
    const raw = 'body.email: Property \'email\' should be email';
    for (const t of [en, fr]) {
      for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
        for (const field of [undefined, 'body.email', 'body.file']) {
          const text = errorSentence(new ApiError(ERROR_CODES[code], code, raw, undefined, field), t);
          expect(describeError(new ApiError(ERROR_CODES[code], code, raw))).not.toBeNull();
          expect(text).not.toContain('body.');
          expect(text).not.toContain('Property');
          expect(text).toMatch(/^\p{Lu}.*[.!?]$/u);
        }
      }
    }
  });
});
