// The one signing scheme used both ways: bot platform → Phoenix (API requests) and
// Phoenix → bot platform (webhooks). The signed string is `${timestamp}.${rawBody}`, the
// signature the lower-case hex HMAC-SHA256 of it. Pure, so the simulator uses it too.
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

export type SignatureProblem = 'malformed_timestamp' | 'stale_timestamp' | 'malformed_signature' | 'bad_signature';

/**
 * Parses a timestamp header: Unix time in seconds, or in milliseconds (13 digits) for clients
 * that send several identical bodiless requests within one second (a signature is accepted once).
 */
export function timestampMs(header: string): number | null {
  if (!/^\d{10}$|^\d{13}$/.test(header)) return null;
  const value = Number(header);
  return header.length === 13 ? value : value * 1000;
}

/** Checks one signature; returns what is wrong, or null when it is valid and fresh. */
export function checkSignature(
  secret: string,
  input: { timestamp: string; signature: string; rawBody: string; nowMs: number },
): SignatureProblem | null {
  const at = timestampMs(input.timestamp);
  if (at === null) return 'malformed_timestamp';
  if (Math.abs(input.nowMs - at) > SIGNATURE_WINDOW_SECONDS * 1000) return 'stale_timestamp';
  // Accept the common `sha256=` prefix; compare in constant time on the hex digest only.
  const hex = input.signature.startsWith('sha256=') ? input.signature.slice(7) : input.signature;
  if (!/^[0-9a-f]{64}$/i.test(hex)) return 'malformed_signature';
  return safeEqual(hex.toLowerCase(), sign(secret, input.timestamp, input.rawBody)) ? null : 'bad_signature';
}
