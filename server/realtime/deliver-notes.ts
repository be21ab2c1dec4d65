// Private notes and mentions → frames. Only agent sockets are ever looked at here: a visitor's
// socket cannot receive a note whatever the event says (DESIGN §4: notes never reach the visitor).
import type { ServerMessage } from '../../shared/protocol/messages';
import type { BusEvent } from '../bus/bus';
import type { ConnectionRegistry } from './connections';
import { sendToViewers, viewersOf } from './viewers';

export function deliverNote(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'note.created' }>): void {
  const frame = JSON.stringify({ type: 'note.created', note: event.note } satisfies ServerMessage);
  const facts = { teamId: event.chat.teamId, status: event.chat.status, assigneeId: event.chat.assigneeId };
  // Agent audience topics only (viewers.ts): a visitor's socket never joins one.
  sendToViewers(registry, viewersOf(registry, event.orgId, facts, event.team), frame);
}

export function deliverMention(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'mention.created' }>): void {
  const frame = JSON.stringify({ type: 'mention.created', mention: event.mention } satisfies ServerMessage);
  for (const conn of registry.agentTabs(event.orgId, event.userId)) conn.raw.send(frame);
}
