// Storing messages. The writing itself is group commit (message-writer.ts): order is a per-chat
// `seq`, taken atomically; idempotency is a unique (chatId, clientId) index, so a resend — even two
// resends racing — stores one message.
//
// A stored message is always published (DESIGN §5). The message is acknowledged only after it
// is stored *and* handed to the bus (publish delivers to this instance's sockets before it
// resolves, see bus/redis-bus.ts). If anything between the insert and the publish fails (the
// lookups the event needs, the process dying), the sender gets no ack and resends with the same
// clientId; that resend takes the duplicate path, which publishes the stored message again before
// acking it. Subscribers drop the copy if they had the first (hub sequencers dedupe by seq). Only
// recent messages are republished (REPUBLISH_WITHIN_MS): a resend is a retry of a fresh send.
import { ObjectId } from '../db/ids';
import type { MessageDto } from '../../shared/types/dto';
import type { AuthorKind } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { badRequest, conflict } from '../errors';
import type { ChatDoc, MessageDoc, StoredFile } from '../db/types';
import { assigneeName, contactSummary } from './chat-events';
import { toChatDto, toMessageDto } from './mappers';
import { messageWriter, type WriteOutcome } from './message-writer';
import { messageLatency } from '../metrics/process-metrics';

export interface NewMessage {
  chat: ChatDoc;
  author: { kind: AuthorKind; id: ObjectId | null; name: string | null };
  text: string;
  clientId?: string | null;
  attachmentIds?: string[];
  actions?: { id: string; label: string }[];
  /** Refuse (409) if the chat has ended — checked in the same atomic step that takes the seq. */
  openOnly?: boolean;
  /**
   * Written by the product in an agent's name (the assigned message): it is not the agent's
   * answer, so it neither stamps the first response nor stops the unresponsive-agent clock.
   */
  automatic?: boolean;
}

export const MAX_ATTACHMENTS = 10;

async function attachmentsFor(ctx: AppContext, chat: ChatDoc, ids: string[], author: NewMessage['author']) {
  if (ids.length === 0) return [];
  if (ids.length > MAX_ATTACHMENTS) throw badRequest(`At most ${MAX_ATTACHMENTS} attachments`, 'attachmentIds');
  const oids = ids.map((id, i) => {
    if (!/^[0-9a-fA-F]{24}$/.test(id)) throw badRequest('Not a file id', `attachmentIds[${i}]`);
    return new ObjectId(id);
  });
  const files = await ctx.repos.forOrg(chat.orgId).files.findInChat(chat._id, oids);
  const byId = new Map(files.map((f) => [f._id.toString(), f]));
  return oids.map((oid, i) => {
    const file = byId.get(oid.toString());
    // Only the uploader may attach a file: ids of other people's uploads are refused.
    const meta = file?.metadata as Partial<StoredFile['metadata']> | undefined;
    if (!file || meta?.uploaderKind !== author.kind || String(meta?.uploaderId ?? '') !== String(author.id ?? '')) {
      throw badRequest('No such upload in this chat', `attachmentIds[${i}]`);
    }
    return { fileId: oid, name: meta.name ?? file.filename, contentType: meta.contentType ?? 'application/octet-stream', size: file.length };
  });
}

// "Last seen" needs minute precision, not one write per message: each instance writes it at
// most once a minute per contact.
const SEEN_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();
function shouldTouch(contactId: string, at: number): boolean {
  const previous = lastTouched.get(contactId);
  if (previous !== undefined && at - previous < SEEN_EVERY_MS && at >= previous) return false;
  if (lastTouched.size > 50_000) lastTouched.clear();
  lastTouched.set(contactId, at);
  return true;
}

export interface StoredMessage {
  message: MessageDoc;
  chat: ChatDoc;
  duplicate: boolean;
}

/** A message that has its place in the writer's queue (its order is fixed); `done` once stored and published. */
export interface SubmittedMessage {
  done: Promise<StoredMessage>;
}

/**
 * Checks a new message and hands it to the message writer. Resolves as soon as it has its place
 * in the writer's queue, so a socket may send its next message before this one is stored (they go
 * in the order submitted); `done` resolves once it is stored and published (acknowledgeable).
 * Timed for /metrics (phoenix_message_latency_seconds): new messages, not resends or refusals.
 */
export async function submitMessage(ctx: AppContext, input: NewMessage): Promise<SubmittedMessage> {
  const started = performance.now();
  const { chat } = input;
  const text = input.text.trim();
  const attachments = await attachmentsFor(ctx, chat, input.attachmentIds ?? [], input.author);
  if (text === '' && attachments.length === 0) throw badRequest('A message needs text or an attachment', 'text');

  const now = ctx.clock.now();
  const preview = { text: text !== '' ? text.slice(0, 200) : `📎 ${attachments.map((a) => a.name).join(', ')}`, authorKind: input.author.kind, authorName: input.author.name, createdAt: now };
  // Built complete here (every field the schema has), so it goes in without a mongoose document.
  const outcome = messageWriter(ctx).write({
    orgId: chat.orgId,
    chatId: chat._id,
    preview,
    openOnly: input.openOnly ?? false,
    fields: {
      chatId: chat._id,
      clientId: input.clientId ?? null,
      author: { kind: input.author.kind, id: input.author.id, name: input.author.name },
      text,
      attachments,
      actions: (input.actions ?? []).map((a) => ({ id: a.id, label: a.label })),
      createdAt: now,
    },
  });
  const done = outcome.then((written) => afterWrite(ctx, input, written, now));
  void done.then((stored) => {
    if (!stored.duplicate) messageLatency.observe({ author: input.author.kind }, (performance.now() - started) / 1000);
  }, () => undefined);
  return { done };
}

/** Stores a message and resolves once it is stored and published. */
export async function storeMessage(ctx: AppContext, input: NewMessage): Promise<StoredMessage> {
  return (await submitMessage(ctx, input)).done;
}

/** What follows a write: the first response, "last seen", publishing, the reply events. */
async function afterWrite(ctx: AppContext, input: NewMessage, outcome: WriteOutcome, now: Date): Promise<StoredMessage> {
  const { chat } = input;
  if (outcome.kind === 'refused') throw conflict(outcome.reason === 'ended' ? 'This chat has ended; start a new one' : 'The chat is gone');
  if (outcome.kind === 'duplicate') return republished(ctx, chat, outcome.message);
  const { message } = outcome;
  const current: ChatDoc = outcome.chat;
  const answer = input.author.kind === 'agent' && input.automatic !== true;
  if (answer && !current.firstResponseAt && (await ctx.repos.forOrg(chat.orgId).chats.stampFirstResponse(chat._id, now))) {
    current.firstResponseAt = now;
  }
  // The contact's "last seen" is bookkeeping, not part of the message: it runs beside delivery.
  const seen = input.author.kind === 'contact' && shouldTouch(chat.contactId.toString(), now.getTime()) ? ctx.repos.forOrg(chat.orgId).contacts.seenAt(chat.contactId, now) : null;
  await Promise.all([publishMessage(ctx, current, message), seen]);
  if (answer) await ctx.events.emit('chat.agentReplied', { chat: current });
  if (input.author.kind === 'contact') {
    if ((current.pendingAutoMessages ?? []).length > 0) await flushAutomaticMessages(ctx, current);
    // Only chats with an auto-resolve pending pay for the event (this is the hottest path).
    if (current.autoResolveDueAt) await ctx.events.emit('chat.contactReplied', { chat: current });
  }
  return { message, chat: current, duplicate: false };
}

export interface AutomaticAuthor {
  kind: 'system' | 'agent';
  id: ObjectId | null;
  name: string | null;
}

/**
 * An automatic answer (after-hours notice, assigned message). A widget chat is opened just before
 * the visitor's first message is sent, and routing answers on opening: posted then, the answer
 * would take seq 1 and read above what the visitor wrote. So while a web chat has no message yet
 * the answer is held on the chat (conditional on `lastSeq: 0`, the same field the visitor's send
 * increments atomically) and stored right after the visitor's first message. If the visitor's
 * message won the race, the condition fails and the answer is stored at once — after it.
 */
export async function postAutomaticMessage(ctx: AppContext, chat: ChatDoc, author: AutomaticAuthor, text: string): Promise<StoredMessage | null> {
  if (chat.channel === 'web') {
    const held = await ctx.repos
      .forOrg(chat.orgId)
      .chats.updateOne({ _id: chat._id, lastSeq: 0, status: { $ne: 'ended' } }, { $push: { pendingAutoMessages: { kind: author.kind, authorId: author.id, authorName: author.name, text } } });
    if (held.modifiedCount > 0) return null;
  }
  return storeMessage(ctx, { chat, author, text, automatic: true });
}

/** Stores the held automatic answers once, after the visitor's first message (whoever takes them posts them). */
async function flushAutomaticMessages(ctx: AppContext, chat: ChatDoc): Promise<void> {
  const taken = await ctx.repos
    .forOrg(chat.orgId)
    .chats.findOneAndUpdate({ _id: chat._id, 'pendingAutoMessages.0': { $exists: true } }, { $set: { pendingAutoMessages: [] } }, { returnDocument: 'before' });
  for (const held of taken?.pendingAutoMessages ?? []) {
    const kind = held.kind === 'agent' ? 'agent' : 'system';
    try {
      await storeMessage(ctx, { chat, author: { kind, id: held.authorId ?? null, name: held.authorName ?? null }, text: held.text ?? '', automatic: true });
    } catch (err) {
      // The visitor's message is stored and acknowledged; a lost notice must not turn it into an error.
      ctx.log.error('held automatic message not stored', { chatId: chat._id.toString(), err });
    }
  }
}

/** A resend within this long after the original is published again (its first publish may have failed). */
const REPUBLISH_WITHIN_MS = 10 * 60_000;

/** The duplicate path: answer with the stored message, publishing it again if it is recent. */
async function republished(ctx: AppContext, chat: ChatDoc, message: MessageDoc): Promise<StoredMessage> {
  if (ctx.clock.now().getTime() - message.createdAt.getTime() <= REPUBLISH_WITHIN_MS) {
    // The caller's chat may be a stub (a visitor's known chat): the event needs the real one.
    const current = await ctx.repos.forOrg(chat.orgId).chats.findById<ChatDoc>(chat._id);
    if (current) await publishMessage(ctx, current, message);
  }
  return { message, chat, duplicate: true };
}

async function publishMessage(ctx: AppContext, chat: ChatDoc, message: MessageDoc): Promise<void> {
  const [contact, team, agentName] = await Promise.all([
    contactSummary(ctx, chat),
    ctx.lookups.teamFacts(chat.orgId, chat.teamId),
    assigneeName(ctx, chat),
  ]);
  await ctx.bus.publish({
    kind: 'message.created',
    orgId: chat.orgId.toString(),
    chat: toChatDto(chat, contact, agentName),
    team: team ?? { id: chat.teamId.toString(), permissionMode: 'collaborative' },
    message: toMessageDto(message),
  });
}

/** A message from the system (after-hours notice, assigned message, unresponsive offer). */
export function postSystemMessage(ctx: AppContext, chat: ChatDoc, text: string, actions: { id: string; label: string }[] = []): Promise<StoredMessage | null> {
  // A notice with buttons is an offer the visitor answers now: it is never held.
  if (actions.length === 0) return postAutomaticMessage(ctx, chat, { kind: 'system', id: null, name: null }, text);
  return storeMessage(ctx, { chat, author: { kind: 'system', id: null, name: null }, text, actions });
}

export async function listMessages(
  ctx: AppContext,
  chat: Pick<ChatDoc, '_id' | 'orgId'>,
  q: { afterSeq?: number; beforeSeq?: number; limit?: number },
  filesBase = '/api/files',
): Promise<MessageDto[]> {
  const limit = Math.min(q.limit ?? 100, 500);
  // Paging backwards (beforeSeq) takes the newest page below it, still returned oldest first.
  const backwards = q.beforeSeq !== undefined && q.afterSeq === undefined;
  const docs = await ctx.repos.forOrg(chat.orgId).messages.page(chat._id, q, limit, backwards);
  if (backwards) docs.reverse();
  return docs.map((m) => toMessageDto(m, filesBase));
}
