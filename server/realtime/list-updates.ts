// The list row a message moves (`chat.updated`), coalesced per chat per turn of the event loop:
// several messages of one chat in one turn (a stored batch, a burst from the bus) send one
// `chat.updated`, the latest, to the chat's viewers (viewers.ts). Whoever has the chat open gets
// each message itself on the chat's topic; when every viewer has it open, the row goes to nobody.
// Order with the chat's other frames is kept: a `chat.changed` of the chat flushes its pending
// row first (hub.ts), so an older row never lands after a newer change.
import type { ServerMessage } from '../../shared/protocol/messages';
import type { BusEvent } from '../bus/bus';
import type { ConnectionRegistry } from './connections';
import { sendToViewers, viewersOf } from './viewers';

type MessageCreated = Extract<BusEvent, { kind: 'message.created' }>;

export class ListUpdates {
  private readonly pending = new Map<string, MessageCreated>();
  private scheduled: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly registry: ConnectionRegistry) {}

  /** Keeps the chat's latest row for the end of this turn. */
  queue(event: MessageCreated): void {
    const before = this.pending.get(event.chat.id);
    if (before && before.message.seq > event.message.seq) return;
    this.pending.set(event.chat.id, event);
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.flushAll();
    });
  }

  /** Sends the chat's pending row now (before a change of the chat goes out). */
  flush(chatId: string): void {
    const event = this.pending.get(chatId);
    if (!event) return;
    this.pending.delete(chatId);
    this.send(event);
  }

  flushAll(): void {
    const events = [...this.pending.values()];
    this.pending.clear();
    for (const event of events) this.send(event);
  }

  /** Drops what is pending (resync, shutdown: the sockets are closing). */
  clear(): void {
    this.pending.clear();
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }

  private send(event: MessageCreated): void {
    const facts = { teamId: event.chat.teamId, status: event.chat.status, assigneeId: event.chat.assigneeId };
    const reach = viewersOf(this.registry, event.orgId, facts, event.team);
    // Subscribers are viewers (checked at subscribe, dropped with access): all of them have it open.
    if (reach.size <= this.registry.chatAgentCount(event.chat.id)) return;
    sendToViewers(this.registry, reach, JSON.stringify({ type: 'chat.updated', chat: event.chat } satisfies ServerMessage));
  }
}
