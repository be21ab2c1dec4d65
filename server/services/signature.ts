// The signing schemes of the bot platform integration, both lower-case hex HMAC-SHA256:
// - API requests (bot platform → Phoenix) sign `METHOD\nPATH?QUERY\nTIMESTAMP\nBODY`
//   (requestSignedString), so a signature is tied to its endpoint and two different bodiless
//   requests in the same second no longer sign the same string.
// - Webhooks (Phoenix → bot platform) sign `${timestamp}.${rawBody}` (one endpoint, a POST).
// Pure, so the simulator and the tests use the same definitions.
import { hmacSha256Hex, safeEqual } from './crypto';

export const SIGNATURE_HEADERS = {
  timestamp: 'x-phoenix-timestamp',
  signature: 'x-phoenix-signature',
  eventId: 'x-phoenix-event-id',
  event: 'x-phoenix-event',
} as const;

/** How far a signed timestamp may be from the receiver's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export const signedString = (timestamp: string, rawBody: string): string => `${timestamp}.${rawBody}`;

export const sign = (secret: string, timestamp: string, rawBody: string): string => hmacSha256Hex(secret, signedString(timestamp, rawBody));

/**
 * The canonical string of a signed API request:
 *   METHOD (upper case) LF path-with-query LF timestamp LF raw body
 * path-with-query is the request target as the WHATWG URL parser serialises it (`pathname` +
 * `search`, e.g. `/api/v1/chats/abc/messages?afterSeq=3`, `?` kept only when a query is sent,
 * percent-encoding as sent); the body is the exact bytes sent, empty when there is none.
 */
export const requestSignedString = (req: { method: string; pathWithQuery: string; timestamp: string; rawBody: string }): string =>
  `${req.method.toUpperCase()}\n${req.pathWithQuery}\n${req.timestamp}\n${req.rawBody}`;

export const signRequest = (secret: string, req: { method: string; pathWithQuery: string; timestamp: string; rawBody: string }): string =>
  hmacSha256Hex(secret, requestSignedString(req));

export type SignatureProblem = 'malformed_timestamp' | 'stale_timestamp' | 'malformed_signature' | 'bad_signature';

/**
 * Parses a timestamp header: Unix time in seconds, or in milliseconds (13 digits) for clients
 * that send the very same request (method, path, body) twice within one second (a signature is
 * accepted once).
 */
export function timestampMs(header: string): number | null {
  if (!/^\d{10}$|^\d{13}$/.test(header)) return null;
  const value = Number(header);
  return header.length === 13 ? value : value * 1000;
}

/** Checks a timestamp and a signature against the expected hex digest. */
function checkAgainst(expected: string, input: { timestamp: string; signature: string; nowMs: number }): SignatureProblem | null {
  const at = timestampMs(input.timestamp);
  if (at === null) return 'malformed_timestamp';
  if (Math.abs(input.nowMs - at) > SIGNATURE_WINDOW_SECONDS * 1000) return 'stale_timestamp';
  // Accept the common `sha256=` prefix; compare in constant time on the hex digest only.
  const hex = input.signature.startsWith('sha256=') ? input.signature.slice(7) : input.signature;
  if (!/^[0-9a-f]{64}$/i.test(hex)) return 'malformed_signature';
  return safeEqual(hex.toLowerCase(), expected) ? null : 'bad_signature';
}

/** Checks one webhook-style signature (`timestamp.body`); null when it is valid and fresh. */
export function checkSignature(
  secret: string,
  input: { timestamp: string; signature: string; rawBody: string; nowMs: number },
): SignatureProblem | null {
  return checkAgainst(sign(secret, input.timestamp, input.rawBody), input);
}

/** Checks one API request signature (requestSignedString); null when it is valid and fresh. */
export function checkRequestSignature(
  secret: string,
  input: { method: string; pathWithQuery: string; timestamp: string; signature: string; rawBody: string; nowMs: number },
): SignatureProblem | null {
  return checkAgainst(signRequest(secret, input), input);
}
