// The transcript of the current chat: confirmed messages (merged by seq, see internal/merge)
// and the outbox of messages the visitor wrote that the server has not confirmed yet (see
// internal/outbox). A message moves from the outbox to the transcript the moment its clientId
// shows up from any source — ack, live frame, replay or REST — so it is shown exactly once.
// The outbox is kept in sessionStorage: a reload in this tab still delivers what was typed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageDto } from '../../shared/types/dto';
import { confirmedClientIds, countUnread, lastSeq, mergeMessages } from '../internal/merge';
import { dropConfirmed, type OutboxEntry } from '../internal/outbox';
import { outboxKey, readJson, removeKey, writeJson } from '../internal/storage';

export type TranscriptItem =
  | { kind: 'message'; key: string; message: MessageDto }
  | { kind: 'outbox'; key: string; entry: OutboxEntry };

export class MessageStoreController implements ReactiveController {
  messages: MessageDto[] = [];
  outbox: OutboxEntry[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly org: string,
  ) {
    host.addController(this);
    const saved = readJson<OutboxEntry[]>(outboxKey(org), 'session');
    if (Array.isArray(saved)) this.outbox = saved.filter((e) => e && typeof e.clientId === 'string');
  }

  hostConnected(): void {}

  get lastSeq(): number {
    return lastSeq(this.messages);
  }

  /** Apply messages from any source; returns those that were new to us. */
  merge(incoming: readonly MessageDto[], chatId: string): MessageDto[] {
    const mine = incoming.filter((m) => m.chatId === chatId);
    const known = new Set(this.messages.map((m) => m.seq));
    const next = mergeMessages(this.messages, mine);
    if (next === this.messages) return [];
    this.messages = next;
    this.setOutbox(dropConfirmed(this.outbox, confirmedClientIds(mine)));
    this.host.requestUpdate();
    return mine.filter((m) => !known.has(m.seq));
  }

  unread(lastReadSeq: number): number {
    return countUnread(this.messages, lastReadSeq);
  }

  /** Entries of the current chat only; others wait for their chat to be shown again. */
  pendingFor(chatId: string | null): OutboxEntry[] {
    return this.outbox.filter((e) => !e.chatId || e.chatId === chatId);
  }

  add(entry: OutboxEntry): void {
    this.setOutbox([...this.outbox, entry]);
  }

  update(clientId: string, fn: (e: OutboxEntry) => OutboxEntry): void {
    this.setOutbox(this.outbox.map((e) => (e.clientId === clientId ? fn(e) : e)));
  }

  updateAll(fn: (outbox: OutboxEntry[]) => OutboxEntry[]): void {
    this.setOutbox(fn(this.outbox));
  }

  /**
   * Another chat is shown: the old transcript goes, and so do unsent messages of other chats.
   * Messages written before any chat existed (chatId '') stay: they will open the next chat.
   */
  reset(keepOutboxOf?: string): void {
    this.messages = [];
    this.setOutbox(this.outbox.filter((e) => !e.chatId || e.chatId === keepOutboxOf));
    this.host.requestUpdate();
  }

  items(chatId: string | null): TranscriptItem[] {
    // A confirmed message keeps its outbox key (clientId), so the bubble the visitor saw while
    // sending is updated in place rather than replaced (and not announced twice).
    const items: TranscriptItem[] = this.messages.map((m) => ({
      kind: 'message',
      key: m.clientId ? `c${m.clientId}` : `s${m.seq}`,
      message: m,
    }));
    for (const e of this.pendingFor(chatId)) items.push({ kind: 'outbox', key: `c${e.clientId}`, entry: e });
    return items;
  }

  private setOutbox(next: OutboxEntry[]): void {
    if (next === this.outbox) return;
    this.outbox = next;
    if (next.length) writeJson(outboxKey(this.org), next, 'session');
    else removeKey(outboxKey(this.org), 'session');
    this.host.requestUpdate();
  }
}
