import { describe, expect, test } from 'bun:test';
import { fieldFor } from '../composables/useFieldErrors';
import { errorMessage, fieldLabel } from './errors';
import { ApiError, toApiError } from './http';

const body = (code: string, message: string, field?: string, details?: Record<string, unknown>) => ({
  error: { code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) },
});

describe('errorMessage: what a person reads', () => {
  // [what, status, response body, sentence]
  const cases: [string, number, unknown, string][] = [
    // Validation by field and rule, whatever the validator's words (with or without the path).
    ['e-mail format (Elysia, with path)', 400, body('VALIDATION', "body.email: Property 'email' should be email", 'body.email'), 'Enter a valid e-mail address.'],
    ['e-mail format (without path)', 400, body('VALIDATION', "Property 'email' should be email", 'email'), 'Enter a valid e-mail address.'],
    ['e-mail in a union (contact form)', 400, body('VALIDATION', "body.email: Property 'email' should be one of: 'email', 'string', 'null'", 'body.email'), 'Enter a valid e-mail address.'],
    ['e-mail too long', 400, body('VALIDATION', 'body.email: Expected string length less or equal to 254', 'body.email'), 'Use at most 254 characters.'],
    ['password too short', 400, body('VALIDATION', 'body.password: Expected string length greater or equal to 8', 'body.password'), 'Use at least 8 characters.'],
    ['new password too short, number only in details', 400, body('VALIDATION', 'too short', 'body.newPassword', { minLength: 12 }), 'Use at least 12 characters.'],
    ['password too short, wording unknown', 400, body('VALIDATION', 'Expected a longer value', 'newPassword'), 'This value is not valid.'],
    ['password missing at sign-in', 400, body('VALIDATION', 'body.password: Expected string length greater or equal to 1', 'body.password'), 'Enter a password.'],
    ['current password missing', 400, body('VALIDATION', "Property 'currentPassword' is missing", 'body.currentPassword'), 'Enter your current password.'],
    ['name missing', 400, body('VALIDATION', 'Expected required property', 'body.name'), 'This field is required.'],
    ['team name too long', 400, body('VALIDATION', 'body.name: Expected string length less or equal to 80', 'body.name'), 'Use at most 80 characters.'],
    ['phone pattern', 400, body('VALIDATION', "body.phone: Expected string to match '^[+0-9 ().-]*$'", 'body.phone'), 'Enter a phone number with digits, spaces and + ( ) . - only, e.g. +44 7700 900123.'],
    ['number too small', 400, body('VALIDATION', 'body.maxChatsPerAgent: Expected number to be greater or equal to 1', 'body.maxChatsPerAgent'), 'Enter a number of at least 1.'],
    ['not a whole number', 400, body('VALIDATION', 'body.rateLimitPerMinute: Expected integer', 'body.rateLimitPerMinute'), 'Enter a whole number.'],
    ['a schedule time', 400, body('VALIDATION', "body.schedule.weekly.mon[0].start: Expected string to match '^\\d\\d:\\d\\d$'", 'body.schedule.weekly.mon[0].start'), 'Use HH:MM (00:00–23:59).'],
    ['a date of the dashboard', 400, body('VALIDATION', "query.from: Expected string to match 'date' format", 'query.from'), 'Pick a valid date.'],
    ['unknown field, unknown rule', 400, body('VALIDATION', "body.widget.position: Expected union value", 'body.widget.position'), 'This value is not valid.'],
    // Sentences the server wrote for people are kept, without the path they may start with.
    ['service sentence with path', 400, body('VALIDATION', 'body.url: must use http or https', 'body.url'), 'Must use http or https'],
    ['service sentence', 401, body('UNAUTHENTICATED', 'Invalid e-mail or password'), 'Invalid e-mail or password'],
    ['conflict on a field', 409, body('CONFLICT', 'This e-mail is already a member', 'email'), 'This e-mail is already a member'],
    ['range of the dashboard', 400, body('VALIDATION', 'query.to: the range may span at most 366 days', 'query.to'), 'The range may span at most 366 days'],
    // By code and status.
    ['upload too large (details)', 413, body('PAYLOAD_TOO_LARGE', 'Files can be at most 20 MB', 'body.file', { maxBytes: 20 * 1024 * 1024 }), 'This file is too large to upload (limit 20 MB).'],
    ['upload too large (message only)', 413, body('PAYLOAD_TOO_LARGE', 'Files can be at most 5 MB', 'body.file'), 'This file is too large to upload (limit 5 MB).'],
    ['upload too large, refused before any body', 413, undefined, 'This file is too large to upload.'],
    ['small limit', 413, body('PAYLOAD_TOO_LARGE', 'too big', undefined, { maxBytes: 512 * 1024 }), 'This file is too large to upload (limit 0.5 MB).'],
    ['rate limited', 429, body('RATE_LIMITED', 'Too many requests, try again later', undefined, { retryAfterSeconds: 30 }), 'Too many attempts. Try again in 30 seconds.'],
    ['rate limited for minutes', 429, body('RATE_LIMITED', 'Too many requests', undefined, { retryAfterSeconds: 90 }), 'Too many attempts. Try again in 2 minutes.'],
    ['rate limited, no body', 429, null, 'Too many attempts. Wait a moment and try again.'],
    ['server fault', 500, body('INTERNAL', 'Something went wrong on our side'), 'The server had a problem. Try again.'],
    ['gateway page', 502, '<html>', 'The server had a problem. Try again.'],
    ['unknown route', 404, body('NOT_FOUND', 'No such route'), 'This no longer exists. It may have been deleted.'],
    ['not found, with a name', 404, body('NOT_FOUND', 'Chat not found'), 'Chat not found'],
    ['forbidden, no body', 403, undefined, 'You are not allowed to do that.'],
    ['unparseable body', 400, body('BAD_REQUEST', 'The request body could not be parsed', 'body'), 'Check what you entered and try again.'],
    ['a 400 without body', 400, undefined, 'Check what you entered and try again.'],
  ];
  test.each(cases)('%s', (_what, status, response, sentence) => {
    const text = errorMessage(toApiError(status, response));
    expect(text).toBe(sentence);
    // Never a raw path nor a validator's wording.
    expect(text).not.toMatch(/\b(body|query|params)\.|Property '|Expected |Request failed/);
  });

  test.each<[string, unknown, string]>([
    ['no network', new ApiError(0, 'UNAVAILABLE', 'Cannot reach the server. Check your connection.'), 'Cannot reach the server. Check your connection.'],
    ['upload without network', new ApiError(0, 'UNAVAILABLE', 'Upload failed: cannot reach the server.'), 'Cannot reach the server. Check your connection.'],
    ['upload cancelled', new ApiError(0, 'BAD_REQUEST', 'Upload cancelled.', undefined, { cancelled: true }), 'Upload cancelled.'],
    ['a plain error', new Error('Boom'), 'Boom'],
    ['anything else', 'x', 'Something went wrong.'],
  ])('%s', (_what, err, sentence) => expect(errorMessage(err)).toBe(sentence));
});

describe('fieldLabel: a field named in words at the top of a form', () => {
  test.each([
    ['widget.allowedOrigins', 'Allowed origins'],
    ['rateLimitPerMinute', 'Rate limit per minute'],
    ['email', 'E-mail'],
    ['schedule.weekly.mon[0].start', 'Start'],
    ['org_name', 'Org name'],
  ])('%s → %s', (field, label) => expect(fieldLabel(field)).toBe(label));

  test('the form field the sentence goes next to', () => {
    expect(fieldFor(toApiError(400, body('VALIDATION', 'x', 'body.email')).field!, ['email', 'password'])).toBe('email');
  });
});
