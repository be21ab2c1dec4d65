import { expect, test } from 'bun:test';
import { hmacSha256Hex } from './crypto';
import { checkSignature, sign } from './signature';

const secret = 'phx_test_secret';
const body = '{"text":"hi"}';
const now = 1_750_000_000_000;
const ts = String(now / 1000);

test('the signature is the hex HMAC-SHA256 of "timestamp.body"', () => {
  expect(sign(secret, ts, body)).toBe(hmacSha256Hex(secret, `${ts}.${body}`));
  expect(checkSignature(secret, { timestamp: ts, signature: sign(secret, ts, body), rawBody: body, nowMs: now })).toBeNull();
  expect(checkSignature(secret, { timestamp: ts, signature: `sha256=${sign(secret, ts, body).toUpperCase()}`, rawBody: body, nowMs: now })).toBeNull();
});

test('tampering, other secrets, stale or malformed timestamps are told apart', () => {
  const good = sign(secret, ts, body);
  expect(checkSignature(secret, { timestamp: ts, signature: good, rawBody: '{"text":"hI"}', nowMs: now })).toBe('bad_signature');
  expect(checkSignature('other', { timestamp: ts, signature: good, rawBody: body, nowMs: now })).toBe('bad_signature');
  expect(checkSignature(secret, { timestamp: ts, signature: good, rawBody: body, nowMs: now + 301_000 })).toBe('stale_timestamp');
  expect(checkSignature(secret, { timestamp: ts, signature: good, rawBody: body, nowMs: now - 301_000 })).toBe('stale_timestamp');
  expect(checkSignature(secret, { timestamp: ts, signature: good, rawBody: body, nowMs: now + 299_000 })).toBeNull();
  expect(checkSignature(secret, { timestamp: `${ts}.5`, signature: good, rawBody: body, nowMs: now })).toBe('malformed_timestamp');
  expect(checkSignature(secret, { timestamp: ts, signature: 'zz', rawBody: body, nowMs: now })).toBe('malformed_signature');
  const ms = String(now);
  expect(checkSignature(secret, { timestamp: ms, signature: sign(secret, ms, ''), rawBody: '', nowMs: now })).toBeNull();
});
