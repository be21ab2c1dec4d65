// Which bus events become webhooks, and what they carry.
//
// Decisions:
// - Only chats of channel `api` (opened by the bot platform) produce webhooks: the bot platform
//   cannot reach a widget visitor, and did not start those chats.
// - `message.created` is sent for messages the contact must see on the bot's channel: the
//   agents' and the system's (assigned message, after-hours notice, the unresponsive-agent
//   offer with its `actions`). Contact and bot lines came from the bot platform and are not
//   echoed back.
// - The event id of a chat event is derived from what happened (the message, the chat + assignee
//   + time of assignment, the chat's end), so every server instance computes the same id for
//   the same bus event; the delivery's unique index then keeps exactly one.
// - `contact.updated` comes from the chat lifecycle emitter instead (the contacts service
//   announces its writes there), so it is produced once, where the change happened.
// - There is no `chat.reopened`: chats cannot be reopened in Phoenix Chat.
import type { ChatDto, MessageDto } from '../../shared/types/dto';
import type { ContactChange, WebhookChat, WebhookContact, WebhookEnvelope, WebhookEventType } from '../../shared/types/integrations';
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import type { ChatDoc } from '../db/types';
import type { ContactDoc } from '../db/types';
import type { BusEvent } from '../bus/bus';
import { randomToken, sha256 } from '../services/crypto';
import { toContactDto } from '../services/mappers';
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

/** Order within a chat of its chat events, after the message they follow (see webhook-delivery.ts). */
const AFTER_SEQ = { created: 0.2, transferred: 0.4, assigned: 0.5, ended: 0.5 } as const;

/** What is known about a bus event before touching the database: its id, type and order. */
export function classify(event: BusEvent): { type: WebhookEventType; key: string; chat: ChatDto; position: number } | null {
  if (event.kind === 'message.created') {
    const kind = event.message.author.kind;
    if (event.chat.channel !== 'api' || (kind !== 'agent' && kind !== 'system')) return null;
    return { type: 'message.created', key: `message:${event.message.id}`, chat: event.chat, position: event.message.seq };
  }
  if (event.kind === 'chat.changed' && event.chat.channel === 'api') {
    const chat = event.chat;
    if (event.change === 'created') return { type: 'chat.created', key: `created:${chat.id}`, chat, position: chat.lastSeq + AFTER_SEQ.created };
    if (event.change === 'assigned' && chat.assigneeId) {
      return { type: 'chat.assigned', key: `assigned:${chat.id}:${chat.assigneeId}:${chat.assignedAt ?? ''}`, chat, position: chat.lastSeq + AFTER_SEQ.assigned };
    }
    if (event.change === 'ended') return { type: 'chat.ended', key: `ended:${chat.id}`, chat, position: chat.lastSeq + AFTER_SEQ.ended };
  }
  return null;
}

/**
 * A chat that moved: another team, another agent, or from an agent back to the queue. A chat's
 * first assignment from the queue is not a transfer (it is `chat.assigned` alone). One bus
 * event can be both: a reassignment to another agent is `chat.assigned` and `chat.transferred`.
 */
export function classifyTransfer(event: BusEvent): { key: string; chat: ChatDto; position: number; from: { teamId: string; agentId: string | null } } | null {
  if (event.kind !== 'chat.changed' || event.chat.channel !== 'api' || !event.previous) return null;
  if (event.change !== 'assigned' && event.change !== 'updated') return null;
  const { chat, previous } = event;
  const teamMoved = previous.teamId !== chat.teamId;
  const agentMoved = previous.assigneeId !== null && previous.assigneeId !== chat.assigneeId;
  if (!teamMoved && !agentMoved) return null;
  // Deterministic, so every instance computes the same id; lastSeq and assignedAt tell repeated moves apart.
  const key = `transferred:${chat.id}:${previous.teamId}:${previous.assigneeId ?? ''}:${chat.teamId}:${chat.assigneeId ?? ''}:${chat.assignedAt ?? ''}:${chat.lastSeq}`;
  return { key, chat, position: chat.lastSeq + AFTER_SEQ.transferred, from: { teamId: previous.teamId, agentId: previous.assigneeId } };
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
    // Only when rated (a rating comes after the end; see the WebhookChat schema).
    ...(chat.rating ? { rating: chat.rating } : {}),
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

async function chatFactsFor(ctx: AppContext, orgId: string, chat: ChatDto) {
  const repos = ctx.repos.forOrg(new ObjectId(orgId));
  const [chatDoc, contact] = await Promise.all([
    repos.chats.findOne<Pick<ChatDoc, 'handoffId'>>({ _id: new ObjectId(chat.id) }, { projection: { handoffId: 1 } }),
    repos.contacts.findOne<Pick<ContactDoc, 'externalIds' | 'name'>>({ _id: new ObjectId(chat.contactId) }, { projection: { externalIds: 1, name: 1 } }),
  ]);
  return { chat: chatPart(ctx, chat, chatDoc), contact: contactPart(chat, contact) };
}

function envelope(ctx: AppContext, orgId: string, type: WebhookEventType, key: string, chatId: string | null, position: number, data: Record<string, unknown>): WebhookEvent {
  const eventId = eventIdFor(orgId, key);
  return { eventId, type, orgId, chatId, position, payload: { id: eventId, type, createdAt: ctx.clock.now().toISOString(), organizationId: orgId, data } };
}

/**
 * The webhook events for a bus event (none, one, or two: a reassignment is also a transfer),
 * in the order they go out. `wanted` filters by the organization's subscription before any
 * database read.
 */
export async function webhookEventsFor(ctx: AppContext, event: BusEvent, wanted: (type: WebhookEventType) => boolean): Promise<WebhookEvent[]> {
  if (!('orgId' in event)) return [];
  const kind = classify(event);
  const transfer = classifyTransfer(event);
  const sendKind = kind !== null && wanted(kind.type);
  const sendTransfer = transfer !== null && wanted('chat.transferred');
  if (!sendKind && !sendTransfer) return [];
  const orgId = event.orgId;
  const chat = (kind ?? transfer)!.chat;
  const facts = await chatFactsFor(ctx, orgId, chat);
  const out: WebhookEvent[] = [];
  if (sendTransfer) {
    const data = { ...facts, from: transfer.from, to: { teamId: chat.teamId, agentId: chat.assigneeId, agentName: chat.assigneeName }, byUserId: event.kind === 'chat.changed' ? event.byUserId : null };
    out.push(envelope(ctx, orgId, 'chat.transferred', transfer.key, chat.id, transfer.position, data));
  }
  if (sendKind) {
    const data: Record<string, unknown> = { ...facts };
    if (event.kind === 'message.created') data.message = messagePart(ctx, event.message);
    if (kind.type === 'chat.assigned') data.agent = { id: chat.assigneeId, name: chat.assigneeName };
    if (kind.type === 'chat.ended') {
      // Hand-back to the bot: where to read the whole conversation (with the same API key).
      data.transcript = { url: `${ctx.config.publicUrl}/api/v1/chats/${chat.id}/messages`, lastSeq: chat.lastSeq };
    }
    out.push(envelope(ctx, orgId, kind.type, kind.key, chat.id, kind.position, data));
  }
  return out;
}

/**
 * `contact.updated`, for contacts the bot platform knows (a bot user: `externalIds.botUserId`).
 * It comes from the in-process lifecycle, on the one instance that made the change, so its id
 * only needs to be unique; per-contact order is kept by the sender (one contact, one queue).
 */
export function contactUpdatedEvent(ctx: AppContext, contact: ContactDoc, changed: ContactChange[]): WebhookEvent | null {
  if (!contact.externalIds?.botUserId || changed.length === 0) return null;
  const orgId = contact.orgId.toString();
  return envelope(ctx, orgId, 'contact.updated', `contact:${contact._id.toString()}:${randomToken(12)}`, null, 0, { contact: toContactDto(contact), changed });
}
