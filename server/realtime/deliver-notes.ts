// Private notes and mentions → frames. Only agent sockets are ever looked at here: a visitor's
// socket cannot receive a note whatever the event says (DESIGN §4: notes never reach the visitor).
import type { ServerMessage } from '../../shared/protocol/messages';
import { canOnChat } from '../domain/permissions';
import type { BusEvent } from '../bus/bus';
import type { ConnectionRegistry } from './connections';

export function deliverNote(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'note.created' }>): void {
  const frame = JSON.stringify({ type: 'note.created', note: event.note } satisfies ServerMessage);
  const facts = { teamId: event.chat.teamId, status: event.chat.status, assigneeId: event.chat.assigneeId };
  for (const conn of registry.agents(event.orgId)) {
    if (canOnChat(conn.actor, 'view', facts, event.team)) conn.raw.send(frame);
  }
}

export function deliverMention(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'mention.created' }>): void {
  const frame = JSON.stringify({ type: 'mention.created', mention: event.mention } satisfies ServerMessage);
  for (const conn of registry.agents(event.orgId)) {
    if (conn.actor.userId === event.userId) conn.raw.send(frame);
  }
}
