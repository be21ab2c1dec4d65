// Bus events → frames, for exactly the sockets allowed to see them (DESIGN §5, permission table).
import type { ServerMessage } from '../../shared/protocol/messages';
import { canOnChat } from '../domain/permissions';
import type { BusEvent } from '../bus/bus';
import { agentChatTopic, sendFrame, type ConnectionRegistry } from './connections';
import type { ListUpdates } from './list-updates';

type ChatChanged = Extract<BusEvent, { kind: 'chat.changed' }>;

const CHANGE_FRAME: Record<ChatChanged['change'], 'chat.created' | 'chat.updated' | 'chat.assigned' | 'chat.ended'> = {
  created: 'chat.created',
  updated: 'chat.updated',
  assigned: 'chat.assigned',
  ended: 'chat.ended',
};

function changeFrame(event: ChatChanged): ServerMessage {
  const type = CHANGE_FRAME[event.change];
  if (type === 'chat.assigned') return { type, chat: event.chat, byUserId: event.byUserId };
  return { type, chat: event.chat };
}

export function deliverChatChanged(registry: ConnectionRegistry, event: ChatChanged, onBadgesStale: (orgId: string) => void): void {
  const frame = JSON.stringify(changeFrame(event));
  const removed = JSON.stringify({ type: 'chat.removed', chatId: event.chat.id } satisfies ServerMessage);
  const facts = { teamId: event.chat.teamId, status: event.chat.status, assigneeId: event.chat.assigneeId };
  const previous = event.previous;
  // A change is rarer than a message and decides who just lost sight of the chat: one check per
  // agent socket of the organization (visitors are not in this index).
  for (const conn of [...registry.agents(event.orgId)]) {
    const sees = canOnChat(conn.actor, 'view', facts, event.team);
    if (sees) {
      conn.raw.send(frame);
      if (event.change === 'assigned' && event.chat.assigneeId === conn.actor.userId && event.byUserId !== conn.actor.userId) {
        sendFrame(conn, { type: 'notify.assigned', chat: event.chat });
      }
      continue;
    }
    const saw = previous !== null && canOnChat(conn.actor, 'view', { teamId: previous.teamId, status: previous.status, assigneeId: previous.assigneeId }, previous.team);
    if (saw || conn.chats.has(event.chat.id)) {
      registry.unsubscribe(conn, event.chat.id);
      conn.raw.send(removed);
    }
  }
  // The visitor's copy leaves out what is the team's alone (labels).
  const { labels: _labels, ...visitorChat } = event.chat;
  const visitorFrame = JSON.stringify(changeFrame({ ...event, chat: visitorChat }));
  for (const conn of registry.visitors(event.orgId, event.chat.contactId)) conn.raw.send(visitorFrame);
  if (event.change !== 'updated' || previous !== null) onBadgesStale(event.orgId);
}

/**
 * A message: serialized once per audience. Agents with the chat open get it on the chat's native
 * topic (their subscription was permission-checked and is dropped the moment a change takes the
 * chat from them); the rest of the chat's viewers see its list row move, coalesced per turn
 * (list-updates.ts); the visitor gets their copy on their own socket(s).
 */
export function deliverMessage(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'message.created' }>, rows: ListUpdates): void {
  if (registry.chatAgentCount(event.chat.id) > 0) {
    registry.publish(agentChatTopic(event.chat.id), JSON.stringify({ type: 'message.created', message: event.message } satisfies ServerMessage));
  }
  rows.queue(event);
  const visitors = registry.visitors(event.orgId, event.chat.contactId);
  if (visitors.length === 0) return;
  // Visitors download through their own route, so their copy points there.
  const visitorFrame = JSON.stringify({
    type: 'message.created',
    message: { ...event.message, attachments: event.message.attachments.map((a) => ({ ...a, url: `/api/widget/files/${a.id}` })) },
  } satisfies ServerMessage);
  for (const conn of visitors) conn.raw.send(visitorFrame);
}

export function deliverTyping(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'typing' }>): void {
  const frame = JSON.stringify({ type: 'typing', chatId: event.chatId, author: event.author, typing: event.typing } satisfies ServerMessage);
  for (const conn of registry.byChat.get(event.chatId) ?? []) {
    if (conn.orgId !== event.orgId) continue;
    const self = conn.kind === 'agent' ? event.author.kind === 'agent' && event.author.id === conn.actor.userId : event.author.kind === 'contact';
    if (!self) conn.raw.send(frame);
  }
}

/** A read receipt goes to the other side: the visitor's to agents with the chat open, an agent's to the visitor. */
export function deliverRead(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'chat.read' }>): void {
  const frame = JSON.stringify({ type: 'chat.read', chatId: event.chatId, side: event.side, seq: event.seq, at: event.at } satisfies ServerMessage);
  if (event.side === 'agent') {
    for (const conn of registry.visitors(event.orgId, event.contactId)) conn.raw.send(frame);
    return;
  }
  for (const conn of registry.byChat.get(event.chatId) ?? []) {
    if (conn.kind === 'agent' && conn.orgId === event.orgId) conn.raw.send(frame);
  }
}
