import { describe, expect, test } from 'bun:test';
import { ApiError, buildQuery, normalizeField, toApiError } from '../api/http';
import { fieldFor } from '../composables/useFieldErrors';
import { parseFieldInput } from '../features/contacts/fields';
import { safeNext } from '../features/auth/next';
import { embedSnippet, parseOrigins } from '../features/integrations/snippet';
import { backoffDelay } from '../../../shared/protocol/backoff';
import { parseContactQuery } from '../stores/contacts';

describe('api errors', () => {
  test('ErrorBody becomes a typed ApiError with a bare field', () => {
    const e = toApiError(400, { error: { code: 'VALIDATION', message: 'bad e-mail', field: 'body.email' } });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.field, e.message]).toEqual([400, 'VALIDATION', 'email', 'bad e-mail']);
  });
  test.each([
    [404, undefined, 'NOT_FOUND'],
    [502, '<html>', 'INTERNAL'],
    [429, null, 'RATE_LIMITED'],
  ] as [number, unknown, string][])('status %d without ErrorBody → %s', (status, body, code) => expect(toApiError(status, body).code as string).toBe(code));
  test.each([
    ['body.email', 'email'],
    ['query.q', 'q'],
    ['/schedule/weekly', 'schedule.weekly'],
    ['schedule.weekly.mon[0].start', 'schedule.weekly.mon[0].start'],
  ])('normalizeField(%p) → %p', (i, o) => expect(normalizeField(i)).toBe(o));
  test('buildQuery skips empty values', () => {
    expect(buildQuery({ view: 'team', teamId: 't 1', cursor: null, q: '', limit: 30, x: undefined })).toBe('?view=team&teamId=t+1&limit=30');
    expect(buildQuery({})).toBe('');
  });
});

describe('fieldFor', () => {
  const fields = ['email', 'schedule', 'widget.color', 'widget'];
  test.each([
    ['email', 'email'],
    ['schedule.weekly.mon[0].start', 'schedule'],
    ['widget.color', 'widget.color'],
    ['widget.title', 'widget'],
    ['emailAddress', null],
    ['name', null],
  ] as [string, string | null][])('%s → %p', (path, want) => expect(fieldFor(path, fields)).toBe(want));
});

describe('custom field input', () => {
  test.each([
    ['string', 'hello', { ok: true, value: 'hello' }],
    ['number', '42.5', { ok: true, value: 42.5 }],
    ['number', 'abc', { ok: false, error: 'Enter a number' }],
    ['number', '', { ok: false, error: 'Enter a number' }],
    ['boolean', true, { ok: true, value: true }],
    ['boolean', 'no', { ok: true, value: false }],
    ['date', '2025-02-28', { ok: true, value: '2025-02-28T00:00:00.000Z' }],
    ['date', '2025-02-30', { ok: false, error: 'Choose a valid date' }],
    ['date', 'tomorrow', { ok: false, error: 'Choose a date' }],
  ] as const)('%s %p', (type, raw, want) => expect(parseFieldInput(type, raw)).toEqual(want));
});

describe('small helpers', () => {
  test.each([
    ['/chats/mine', '/chats/mine'],
    ['//evil.com', '/'],
    ['/\\evil.com', '/'],
    ['https://evil.com', '/'],
    [undefined, '/'],
  ] as [unknown, string][])('safeNext(%p)', (i, o) => expect(safeNext(i)).toBe(o));

  test.each([
    ['', {}],
    ['ann', { q: 'ann' }],
    ['#vip', { tag: 'vip' }],
    ['tag: gold', { tag: 'gold' }],
    ['a@b.co', { q: 'a@b.co' }],
  ] as [string, object][])('parseContactQuery(%p)', (i, o) => expect(parseContactQuery(i)).toEqual(o));

  test('embed snippet', () => {
    expect(embedSnippet('https://chat.example.com/', 'wk_123')).toBe('<script src="https://chat.example.com/widget.js" data-org="wk_123" async></script>');
    expect(embedSnippet('https://x.io', '"><img>')).not.toContain('"><img>');
  });

  test('parseOrigins', () => {
    expect(parseOrigins('https://a.com/\n\nhttp://localhost:8080\nhttps://a.com\nnot a url\nhttps://b.com/path')).toEqual({
      origins: ['https://a.com', 'http://localhost:8080'],
      invalid: ['not a url', 'https://b.com/path'],
    });
  });

  test.each([0, 1, 2, 5, 20])('backoff attempt %d stays within [base/2, base] and ≤ 30 s', (attempt) => {
    const base = Math.min(30_000, 500 * 2 ** attempt);
    expect(backoffDelay(attempt, {}, () => 0)).toBe(base / 2);
    expect(backoffDelay(attempt, {}, () => 1)).toBe(base);
  });
});
