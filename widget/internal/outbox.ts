// The retry queue for optimistic sends. Pure state transitions, driven by the chat controller
// with a clock, so the policy can be tested without sockets or timers:
// - a message is `pending` from the moment it is typed until the server confirms its clientId;
// - each transmission waits ACK_TIMEOUT_MS for an ack, then goes again (the server dedupes by
//   clientId, so a resend after a lost ack is harmless);
// - being offline is not a failure: entries wait, unchanged, and are flushed on reconnect;
// - only repeated silence from a live server or a definite refusal makes an entry `failed`,
//   which shows a retry button;
// - a RATE_LIMITED refusal is neither: the entry waits the server's `retryAfterSeconds` and goes
//   again by itself (marked `limited`, so the bubble says why), however often that happens. The
//   sender also paces itself by the server's message limit (`nextSendAt`), so a person never
//   sees it; several tabs of one visitor together still might.
import type { AttachmentDto } from '../../shared/types/dto';
import type { ErrorCode } from '../../shared/errors';

export const ACK_TIMEOUT_MS = 6_000;
export const MAX_ATTEMPTS = 4;

export interface OutboxEntry {
  clientId: string;
  chatId: string;
  text: string;
  attachments: AttachmentDto[];
  state: 'pending' | 'failed';
  /** Transmissions that reached a live connection without being confirmed. */
  attempts: number;
  /** When the entry is due for (re)transmission; 0 = now. */
  dueAt: number;
  createdAt: number;
  error?: string;
  /** The server said "too fast": shown until the entry goes again. */
  limited?: boolean;
}

export function createEntry(
  init: Pick<OutboxEntry, 'clientId' | 'chatId' | 'text' | 'attachments'>,
  now: number,
): OutboxEntry {
  return { ...init, state: 'pending', attempts: 0, dueAt: 0, createdAt: now };
}

/** Entries to transmit now, oldest first (keeps the visitor's order on the wire). */
export function dueEntries(outbox: readonly OutboxEntry[], now: number): OutboxEntry[] {
  return outbox.filter((e) => e.state === 'pending' && e.dueAt <= now).sort((a, b) => a.createdAt - b.createdAt);
}

/** Called after an entry went out on a live transport: wait for its ack, or give up. */
export function markTransmitted(entry: OutboxEntry, now: number): OutboxEntry {
  const attempts = entry.attempts + 1;
  return { ...entry, attempts, dueAt: now + ACK_TIMEOUT_MS, limited: undefined };
}

/** The ack window elapsed; the entry is due again, or failed once attempts are used up. */
export function onAckTimeout(entry: OutboxEntry): OutboxEntry {
  if (entry.attempts >= MAX_ATTEMPTS) return { ...entry, state: 'failed', error: 'timeout' };
  return entry;
}

/** No transport available (offline, server down): keep it queued without burning attempts. */
export function deferEntry(entry: OutboxEntry, until: number): OutboxEntry {
  return { ...entry, dueAt: until };
}

const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL']);

/** The server refused the send. Transient refusals retry later; the rest need the visitor. */
export function onRefused(entry: OutboxEntry, code: ErrorCode, message: string, now: number, retryAfterMs = 5_000): OutboxEntry {
  // The server answered, so this attempt is no silence: it does not count towards failing.
  if (code === 'RATE_LIMITED') return { ...entry, attempts: Math.max(0, entry.attempts - 1), dueAt: now + retryAfterMs, limited: true };
  if (TRANSIENT.has(code) && entry.attempts < MAX_ATTEMPTS) return { ...entry, dueAt: now + retryAfterMs };
  return { ...entry, state: 'failed', error: message || code };
}

/**
 * When the next message may go without passing the server's limit of `limit` per `windowMs`
 * (a sliding window over the times of recent sends, oldest first; pruned in place). Staying
 * within a sliding window stays within the server's fixed ones too.
 */
export function nextSendAt(sent: number[], limit: number, windowMs: number, now: number): number {
  while (sent.length && sent[0]! <= now - windowMs) sent.shift();
  return sent.length < limit ? now : sent[0]! + windowMs;
}

/** The retry button: a fresh start. */
export function retryEntry(entry: OutboxEntry): OutboxEntry {
  const { error: _error, ...rest } = entry;
  return { ...rest, state: 'pending', attempts: 0, dueAt: 0 };
}

/**
 * After a reconnect every pending entry is due at once. Silence before the drop is explained by
 * the drop, so attempts start over — otherwise a flapping connection would fail messages that
 * never had a fair chance.
 */
export function makeAllDue(outbox: readonly OutboxEntry[]): OutboxEntry[] {
  return outbox.map((e) => (e.state === 'pending' ? { ...e, dueAt: 0, attempts: 0 } : e));
}

/** Drop entries the server has confirmed. Returns the same array if nothing was confirmed. */
export function dropConfirmed(outbox: readonly OutboxEntry[], confirmed: ReadonlySet<string>): OutboxEntry[] {
  const next = outbox.filter((e) => !confirmed.has(e.clientId));
  return next.length === outbox.length ? (outbox as OutboxEntry[]) : next;
}

/** When the next timer should fire, or null if nothing is waiting on time. */
export function nextWake(outbox: readonly OutboxEntry[]): number | null {
  let min: number | null = null;
  for (const e of outbox) if (e.state === 'pending' && (min === null || e.dueAt < min)) min = e.dueAt;
  return min;
}
