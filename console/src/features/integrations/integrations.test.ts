import { describe, expect, test } from 'bun:test';
import type { WebhookDeliveryDto } from '../../../../shared/types/integrations';
import { appendPage, chatPath, deliveryResult, deliveryWhen, fieldMessage, hasPending, maskedKey, parseRateLimit, webhookUrlInput } from './integrations';

type ResultInput = Parameters<typeof deliveryResult>[0];

describe('deliveryResult', () => {
  test.each<[string, ResultInput, string]>([
    ['delivered with a code', { status: 'delivered', attempts: 1, responseCode: 204, lastError: null }, 'HTTP 204'],
    ['delivered without a code', { status: 'delivered', attempts: 1, responseCode: null, lastError: null }, 'Delivered'],
    ['queued, never tried', { status: 'pending', attempts: 0, responseCode: null, lastError: null }, 'Not sent yet'],
    ['HTTP failure worded by the server', { status: 'pending', attempts: 2, responseCode: 500, lastError: 'HTTP 500: down' }, 'HTTP 500: down'],
    ['connection failure', { status: 'failed', attempts: 33, responseCode: null, lastError: 'Could not connect: refused' }, 'Could not connect: refused'],
    ['error with another code', { status: 'pending', attempts: 1, responseCode: 302, lastError: 'Waiting for an earlier event of this chat' }, 'HTTP 302 · Waiting for an earlier event of this chat'],
    ['code only', { status: 'failed', attempts: 3, responseCode: 404, lastError: null }, 'HTTP 404'],
    ['tried, nothing recorded', { status: 'pending', attempts: 1, responseCode: null, lastError: null }, '—'],
  ])('%s', (_, d, text) => expect(deliveryResult(d)).toBe(text));
});

describe('deliveryWhen', () => {
  const at = '2025-03-10T10:00:00.000Z';
  test.each<[string, Parameters<typeof deliveryWhen>[0], ReturnType<typeof deliveryWhen>]>([
    ['delivered', { status: 'delivered', deliveredAt: at, nextAttemptAt: null, lastAttemptAt: at }, { label: 'Delivered', at }],
    ['waiting for a retry', { status: 'pending', deliveredAt: null, nextAttemptAt: at, lastAttemptAt: null }, { label: 'Next try', at }],
    ['queued without a time', { status: 'pending', deliveredAt: null, nextAttemptAt: null, lastAttemptAt: null }, { label: 'Queued', at: null }],
    ['given up', { status: 'failed', deliveredAt: null, nextAttemptAt: null, lastAttemptAt: at }, { label: 'Gave up', at }],
  ])('%s', (_, d, expected) => expect(deliveryWhen(d)).toEqual(expected));
});

describe('appendPage', () => {
  const r = (id: string) => ({ id });
  test.each<[string, { id: string }[], { id: string }[], string[]]>([
    ['appends', [r('a'), r('b')], [r('c')], ['a', 'b', 'c']],
    ['drops rows already shown', [r('a'), r('b')], [r('b'), r('c')], ['a', 'b', 'c']],
    ['empty page', [r('a')], [], ['a']],
    ['first page', [], [r('a')], ['a']],
  ])('%s', (_, rows, page, ids) => expect(appendPage(rows, page).map((x) => x.id)).toEqual(ids));
});

describe('parseRateLimit', () => {
  test.each<[string, ReturnType<typeof parseRateLimit>]>([
    ['', { value: null }],
    ['  ', { value: null }],
    ['1', { value: 1 }],
    [' 600 ', { value: 600 }],
    ['6000', { value: 6000 }],
    ['6001', { error: 'A whole number from 1 to 6000' }],
    ['0', { error: 'A whole number from 1 to 6000' }],
    ['-5', { error: 'A whole number from 1 to 6000' }],
    ['1.5', { error: 'A whole number from 1 to 6000' }],
    ['lots', { error: 'A whole number from 1 to 6000' }],
  ])('%p', (text, expected) => expect(parseRateLimit(text)).toEqual(expected));
});

describe('small formatters', () => {
  test.each<[string, string | null]>([
    ['', null],
    ['   ', null],
    [' https://bot.example.com/hook ', 'https://bot.example.com/hook'],
  ])('webhook URL %p', (text, url) => expect(webhookUrlInput(text)).toBe(url));

  test('chat links and key prefixes', () => {
    expect(chatPath('65f0c0ffee0000000000abcd')).toBe('/chats/65f0c0ffee0000000000abcd');
    expect(maskedKey('phx_a1b2c3d4')).toBe('phx_a1b2c3d4…');
  });

  test.each<[WebhookDeliveryDto['status'][], boolean]>([
    [[], false],
    [['delivered', 'failed'], false],
    [['delivered', 'pending'], true],
  ])('pending in %p → %p', (statuses, pending) => expect(hasPending(statuses.map((status) => ({ status })))).toBe(pending));
});

describe('fieldMessage', () => {
  test.each<[string | null | undefined, string | null]>([
    [null, null],
    ['', null],
    ['body.url: must use http or https', 'Must use http or https'],
    ['body.url: points to a private or loopback address (127.0.0.1); webhooks must reach the public internet', 'Points to a private or loopback address (127.0.0.1); webhooks must reach the public internet'],
    ['body.rateLimitPerMinute: Expected integer', 'Expected integer'],
    ['query.limit: must be from 1 to 200', 'Must be from 1 to 200'],
    ['Set a webhook URL first', 'Set a webhook URL first'],
    ['Give the key a name', 'Give the key a name'],
  ])('%p', (message, text) => expect(fieldMessage(message)).toBe(text));
});
