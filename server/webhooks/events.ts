// Which bus events become webhooks, and what they carry.
//
// Decisions:
// - Only chats of channel `api` (opened by the bot platform) produce webhooks: the bot platform
//   cannot reach a widget visitor, and did not start those chats.
// - `message.created` is sent for messages the contact must see on the bot's channel: the
//   agents' and the system's (assigned message, after-hours notice, the unresponsive-agent
//   offer with its `actions`). Contact and bot lines came from the bot platform and are not
//   echoed back.
// - The event id is derived from what happened (the message, the chat + assignee + time of
//   assignment, the chat's end), so every server instance computes the same id for the same
//   bus event; the delivery's unique index then keeps exactly one.
import type { ChatDto, MessageDto } from '../../shared/types/dto';
import type { WebhookChat, WebhookContact, WebhookEnvelope, WebhookEventType } from '../../shared/types/integrations';
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import type { ChatDoc } from '../db/types';
import type { ContactDoc } from '../db/types';
import type { BusEvent } from '../bus/bus';
import { sha256 } from '../services/crypto';
import { V1_FILES_BASE } from '../services/handoff';

export interface WebhookEvent {
  eventId: string;
  type: WebhookEventType;
  orgId: string;
  chatId: string | null;
  position: number;
  payload: WebhookPayload;
}

/** The body sent: the envelope of shared/types/integrations.ts (`WebhookEventPayload` by type). */
export type WebhookPayload = WebhookEnvelope;

export const eventIdFor = (orgId: string, key: string): string => `evt_${sha256(`${orgId}:${key}`).slice(0, 32)}`;

/** What is known about a bus event before touching the database: its id, type and order. */
export function classify(event: BusEvent): { type: WebhookEventType; key: string; chat: ChatDto; position: number } | null {
  if (event.kind === 'message.created') {
    const kind = event.message.author.kind;
    if (event.chat.channel !== 'api' || (kind !== 'agent' && kind !== 'system')) return null;
    return { type: 'message.created', key: `message:${event.message.id}`, chat: event.chat, position: event.message.seq };
  }
  if (event.kind === 'chat.changed' && event.chat.channel === 'api') {
    const position = event.chat.lastSeq + 0.5;
    if (event.change === 'assigned' && event.chat.assigneeId) {
      return { type: 'chat.assigned', key: `assigned:${event.chat.id}:${event.chat.assigneeId}:${event.chat.assignedAt ?? ''}`, chat: event.chat, position };
    }
    if (event.change === 'ended') return { type: 'chat.ended', key: `ended:${event.chat.id}`, chat: event.chat, position };
  }
  return null;
}

function chatPart(ctx: AppContext, chat: ChatDto, doc: Pick<ChatDoc, 'handoffId'> | null): WebhookChat {
  return {
    id: chat.id,
    handoffId: doc?.handoffId ?? null,
    status: chat.status,
    teamId: chat.teamId,
    assigneeId: chat.assigneeId,
    assigneeName: chat.assigneeName,
    lastSeq: chat.lastSeq,
    endedAt: chat.endedAt,
    url: `${ctx.config.publicUrl}/chats/${chat.id}`,
  };
}

function contactPart(chat: ChatDto, contact: Pick<ContactDoc, 'externalIds' | 'name'> | null): WebhookContact {
  return {
    id: chat.contactId,
    botUserId: contact?.externalIds?.botUserId ?? null,
    channel: contact?.externalIds?.channel ?? null,
    name: contact?.name ?? chat.contact.name,
  };
}

function messagePart(ctx: AppContext, m: MessageDto): MessageDto {
  // Attachment links are absolute and on the API (the key authorizes the download).
  return { ...m, attachments: m.attachments.map((a) => ({ ...a, url: `${ctx.config.publicUrl}${V1_FILES_BASE}/${a.id}` })) };
}

/** The full event for a bus event, or null when it is not one the bot platform receives. */
export async function webhookEventFor(ctx: AppContext, event: BusEvent): Promise<WebhookEvent | null> {
  const kind = classify(event);
  if (kind === null || !('orgId' in event)) return null;
  const orgId = event.orgId;
  const repos = ctx.repos.forOrg(new ObjectId(orgId));
  const [chatDoc, contact] = await Promise.all([
    repos.chats.findOne<Pick<ChatDoc, 'handoffId'>>({ _id: new ObjectId(kind.chat.id) }, { projection: { handoffId: 1 } }),
    repos.contacts.findOne<Pick<ContactDoc, 'externalIds' | 'name'>>({ _id: new ObjectId(kind.chat.contactId) }, { projection: { externalIds: 1, name: 1 } }),
  ]);
  const data: Record<string, unknown> = { chat: chatPart(ctx, kind.chat, chatDoc), contact: contactPart(kind.chat, contact) };
  if (event.kind === 'message.created') data.message = messagePart(ctx, event.message);
  if (kind.type === 'chat.assigned') data.agent = { id: kind.chat.assigneeId, name: kind.chat.assigneeName };
  if (kind.type === 'chat.ended') {
    // Hand-back to the bot: where to read the whole conversation (with the same API key).
    data.transcript = { url: `${ctx.config.publicUrl}/api/v1/chats/${kind.chat.id}/messages`, lastSeq: kind.chat.lastSeq };
  }
  const eventId = eventIdFor(orgId, kind.key);
  return {
    eventId,
    type: kind.type,
    orgId,
    chatId: kind.chat.id,
    position: kind.position,
    payload: { id: eventId, type: kind.type, createdAt: ctx.clock.now().toISOString(), organizationId: orgId, data },
  };
}
