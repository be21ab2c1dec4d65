// The transcript is assembled from three sources that overlap: the REST history, the socket
// replay after (re)subscribing, and live frames, plus our own acks. Every message is keyed by
// its `seq` (unique and strictly increasing per chat), so merging is idempotent: applying the
// same message twice, or in any order, yields the same transcript — no gaps, no duplicates.
import type { MessageDto } from '../../shared/types/dto';

/** Merge `incoming` into `current` (sorted by seq); returns `current` itself when nothing changed. */
export function mergeMessages(current: readonly MessageDto[], incoming: readonly MessageDto[]): MessageDto[] {
  if (incoming.length === 0) return current as MessageDto[];
  const bySeq = new Map<number, MessageDto>();
  for (const m of current) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    const prev = bySeq.get(m.seq);
    // Same seq = same message; a later copy may carry updated actions, so prefer it, but only
    // count it as a change if it differs (keeps re-renders down during a replay).
    if (prev && prev.id === m.id && JSON.stringify(prev) === JSON.stringify(m)) continue;
    bySeq.set(m.seq, m);
    changed = true;
  }
  if (!changed) return current as MessageDto[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Highest seq we hold: what `chat.subscribe { afterSeq }` resumes from. */
export function lastSeq(messages: readonly MessageDto[]): number {
  return messages.length ? messages[messages.length - 1]!.seq : 0;
}

/** Client ids the server has confirmed (by ack, replay or history). */
export function confirmedClientIds(messages: readonly MessageDto[]): Set<string> {
  const ids = new Set<string>();
  for (const m of messages) if (m.clientId) ids.add(m.clientId);
  return ids;
}

/** Messages from someone other than the visitor, after the last one the visitor has seen. */
export function countUnread(messages: readonly MessageDto[], lastReadSeq: number): number {
  let n = 0;
  for (const m of messages) if (m.seq > lastReadSeq && m.author.kind !== 'contact') n++;
  return n;
}
