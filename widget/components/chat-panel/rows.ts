// What the transcript lists, worked out apart from the rendering: the messages with the local
// notices (agent joined) slotted in after their seq, and where the day separators and the times
// of each run go (see internal/message-time).
import type { Notice } from '../../controllers/chat-types';
import type { TranscriptItem } from '../../controllers/message-store';
import { dayBefore, dayLabel, timeAfter } from '../../internal/message-time';

export type Row = TranscriptItem | { kind: 'notice'; key: string; notice: Notice };
/** Per confirmed message: the day separator above it, and whether the run's time goes under it. */
export type Stamps = Map<string, { day: string | null; time: boolean }>;

export function transcriptRows(items: TranscriptItem[], notices: readonly Notice[]): Row[] {
  if (!notices.length) return items;
  const rows: Row[] = [];
  // On auto-assignment the team's assigned message ("You're now chatting with Cara", stored as
  // Cara's own message) follows right after; then the local "Cara joined the chat" would say
  // the same thing twice.
  const announced = (n: Notice): boolean => {
    const name = (n.params as { name?: string } | undefined)?.name;
    return items.some(
      (i) => i.kind === 'message' && i.message.author.kind !== 'contact' && i.message.seq > n.afterSeq && i.message.seq <= n.afterSeq + 2 && name !== undefined && i.message.text.includes(name),
    );
  };
  const pending = notices.filter((n) => !announced(n));
  for (const item of items) {
    const seq = item.kind === 'message' ? item.message.seq : Infinity;
    while (pending.length && pending[0]!.afterSeq < seq) rows.push({ kind: 'notice', key: pending[0]!.key, notice: pending.shift()! });
    rows.push(item);
  }
  for (const n of pending) rows.push({ kind: 'notice', key: n.key, notice: n });
  return rows;
}

export function transcriptStamps(rows: readonly Row[], now: number, locale: string): Stamps {
  const msgs = rows.flatMap((r) => (r.kind === 'message' && !Number.isNaN(Date.parse(r.message.createdAt)) ? [r] : []));
  const timed = msgs.map((r) => ({ author: `${r.message.author.kind}:${r.message.author.id}`, at: Date.parse(r.message.createdAt) }));
  const after = timeAfter(timed);
  const days = dayBefore(timed);
  return new Map(msgs.map((r, i) => [r.key, { day: days[i] ? dayLabel(timed[i]!.at, now, locale) : null, time: after[i]! }]));
}
