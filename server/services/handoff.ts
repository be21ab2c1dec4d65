// The bot platform's side of a chat: hand a conversation to agents (contact + transcript +
// routing), relay the contact's messages, assign, end. Everything is scoped to the API key's
// organization; ids of other organizations read as 404.
//
// Decisions:
// - Everything the request carries is validated before the first write, so a bad custom field
//   or an unknown agent is a 400 with nothing created.
// - Idempotent on `handoffId`: the unique (orgId, handoffId) index decides between racing
//   requests; the loser answers with the winner's chat. A repeat for another contact (botUserId,
//   channel) is not a retry but a reused id: 409 IDEMPOTENCY_CONFLICT naming body.contact, so a
//   bot bug never lands one person's conversation in another's chat. Transcript entries are stored with
//   client ids derived from their position, so a retry after a failure completes the transcript
//   without duplicating it.
// - Routing runs after the transcript is in, so the agent (and the "assigned" message routing may
//   post) come after the bot's conversation, in seq order. openChat therefore does not announce
//   `chat.created` to routing; it is emitted here once the transcript is stored. When the
//   bot names an agent, routing is skipped and the chat is assigned to that agent (automation
//   may assign in every permission mode).
// - Contact messages are relayed only into chats of channel `api`: a widget chat's contact is
//   in the browser, not on the bot's channel. A resend of a clientId must carry the same text;
//   other text under a used clientId is a 409 IDEMPOTENCY_CONFLICT naming body.clientId.
import type { ObjectId } from '../db/ids';
import type { MessageDto } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { AppError, badRequest, conflict, notFound } from '../errors';
import type { ChatDoc, ContactDoc, TeamDoc } from '../db/types';
import { objectId } from './access';
import type { ApiAuth } from './api-keys';
import type { EventActor } from './chat-events';
import { assignChat, chatDto, endChat, openChat } from './chats';
import { addTag, checkFieldKey, customFieldValue, normalizeTags, setCustomField, upsertContactByExternalId } from './contacts';
import { toMessageDto } from './mappers';
import { storeMessage } from './messages';
import { isDuplicateKey } from './organizations';
import { answerVisitorChoice } from './visitor-choice';
import { checkTranscriptFiles, relayAttachmentIds, transcriptAttachmentIds } from './handoff-attachments';
import type { HandoffChatDto } from '../../shared/contract/chats';
import type { HandoffContactInput, HandoffInput, TranscriptEntry } from '../../shared/contract/handoff';

export const V1_FILES_BASE = '/api/v1/files';

export const automationActor = (auth: ApiAuth): EventActor => ({ kind: 'automation', id: null, name: auth.key.name });

export async function handoffChatDto(ctx: AppContext, chat: ChatDoc): Promise<HandoffChatDto> {
  return { ...(await chatDto(ctx, chat)), handoffId: chat.handoffId ?? null, url: `${ctx.config.publicUrl}/chats/${chat._id.toString()}` };
}

export async function chatOfOrg(ctx: AppContext, orgId: ObjectId, id: string): Promise<ChatDoc> {
  const chat = await ctx.repos.forOrg(orgId).chats.findById(objectId(id, 'Chat'));
  if (!chat) throw notFound('Chat');
  return chat;
}

/** Checks the contact part of a handoff without writing; returns the values to store. */
function prepareContact(input: HandoffContactInput) {
  const tags = normalizeTags(input.tags ?? [], 'body.contact.tags');
  const seen = new Set<string>();
  const fields = (input.customFields ?? []).map((f, i) => {
    const at = `body.contact.customFields[${i}]`;
    checkFieldKey(f.key, `${at}.key`);
    if (seen.has(f.key)) throw badRequest(`The field "${f.key}" is given twice`, `${at}.key`);
    seen.add(f.key);
    customFieldValue(f.type, f.value, `${at}.value`);
    return f;
  });
  return { tags, fields };
}

/** Timestamps of the bot's conversation: as given, but never in the future. */
function transcriptTimes(ctx: AppContext, entries: TranscriptEntry[]): Date[] {
  const now = ctx.clock.now();
  return entries.map((e, i) => {
    if (e.createdAt === undefined) return now;
    const at = new Date(e.createdAt);
    if (Number.isNaN(at.getTime())) throw badRequest('Enter a date and time such as 2026-01-31T09:30:00Z', `body.transcript[${i}].createdAt`);
    return at.getTime() > now.getTime() ? now : at;
  });
}

async function resolveTeam(ctx: AppContext, orgId: ObjectId, teamId: string | undefined): Promise<TeamDoc> {
  const teams = ctx.repos.forOrg(orgId).teams;
  if (teamId !== undefined) {
    const team = await teams.findById(objectId(teamId, 'Team', 'body.teamId'));
    if (!team) throw badRequest('There is no such team in this organization', 'body.teamId');
    return team;
  }
  const team = await teams.fallback();
  if (!team) throw conflict('This organization has no team to hand chats to');
  return team;
}

async function checkAgent(ctx: AppContext, orgId: ObjectId, agentId: string, team: TeamDoc): Promise<void> {
  const agent = await ctx.repos.forOrg(orgId).members.findById(objectId(agentId, 'Agent', 'body.agentId'));
  if (!agent) throw badRequest('There is no such member in this organization', 'body.agentId');
  if (agent.active === false) throw badRequest('This member is deactivated', 'body.agentId');
  if (!(agent.teamIds ?? []).some((t) => t.equals(team._id))) throw badRequest('This member is not in the chat’s team', 'body.agentId');
}

/** Stores the transcript in order with its own timestamps; entries already stored are skipped. */
async function importTranscript(ctx: AppContext, chat: ChatDoc, contact: ContactDoc, entries: TranscriptEntry[], times: Date[], botName: string): Promise<ChatDoc> {
  let current = chat;
  for (const [i, entry] of entries.entries()) {
    const at = times[i]!;
    // The clock is the message's own time, so createdAt and the chat's preview carry it.
    const author = entry.author === 'contact' ? { kind: 'contact' as const, id: contact._id, name: contact.name ?? null } : { kind: 'bot' as const, id: null, name: botName };
    const stored = await storeMessage({ ...ctx, clock: { now: () => at } }, {
      chat: current,
      author,
      text: entry.text,
      clientId: `handoff:${i}`,
      attachmentIds: await transcriptAttachmentIds(ctx, current, i, entry, author),
    });
    current = stored.chat;
  }
  if (entries.length > 0) {
    // Contact lines moved lastSeenAt back to their own times; the contact is here now.
    await ctx.repos.forOrg(chat.orgId).contacts.updateOne({ _id: contact._id }, { $max: { lastSeenAt: ctx.clock.now() } });
  }
  return current;
}

export async function openHandoff(ctx: AppContext, auth: ApiAuth, input: HandoffInput): Promise<{ chat: ChatDoc; contact: ContactDoc; created: boolean }> {
  const orgId = auth.org._id;
  const { tags, fields } = prepareContact(input.contact);
  const entries = input.transcript ?? [];
  const times = transcriptTimes(ctx, entries);
  checkTranscriptFiles(ctx, entries);
  const botName = input.botName?.trim() || 'Bot';
  const repos = ctx.repos.forOrg(orgId);

  const existing = await repos.chats.byHandoffId(input.handoffId);
  if (existing) return replay(ctx, existing, input, entries, times, botName);

  const team = await resolveTeam(ctx, orgId, input.teamId);
  if (input.agentId !== undefined) await checkAgent(ctx, orgId, input.agentId, team);

  const c = input.contact;
  let { contact } = await upsertContactByExternalId(ctx, orgId, { botUserId: c.botUserId, channel: c.channel }, {
    name: c.name,
    username: c.username,
    email: c.email,
    phone: c.phone,
    status: c.status,
  });
  for (const tag of tags) contact = await addTag(ctx, orgId, contact._id, tag, { tag: 'body.contact.tags' });
  for (const [i, f] of fields.entries()) {
    const at = `body.contact.customFields[${i}]`;
    contact = await setCustomField(ctx, orgId, contact._id, f.key, f.type, f.value, { key: `${at}.key`, value: `${at}.value` });
  }

  let chat: ChatDoc;
  try {
    chat = await openChat(ctx, { orgId, contactId: contact._id, teamId: team._id, channel: 'api', handoffId: input.handoffId }, { route: false });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await repos.chats.byHandoffId(input.handoffId);
    if (!winner) throw err;
    return replay(ctx, winner, input, entries, times, botName);
  }

  chat = await importTranscript(ctx, chat, contact, entries, times, botName);
  if (input.agentId !== undefined) {
    chat = await assignChat(ctx, { orgId, chat, actor: null, eventActor: automationActor(auth), agentId: input.agentId });
  } else {
    await ctx.events.emit('chat.created', { chat });
    chat = (await repos.chats.findById(chat._id)) ?? chat;
  }
  // Opening the chat counted it on the contact; answer with that.
  contact = (await repos.contacts.findById(contact._id)) ?? contact;
  return { chat, contact, created: true };
}

/** A repeated handoff: the chat it opened, with any transcript lines a failed first try missed. */
async function replay(ctx: AppContext, chat: ChatDoc, input: HandoffInput, entries: TranscriptEntry[], times: Date[], botName: string) {
  const contact = await ctx.repos.forOrg(chat.orgId).contacts.findById(chat.contactId);
  if (!contact) throw notFound('Contact');
  const ext = contact.externalIds;
  if (ext?.botUserId !== input.contact.botUserId || ext?.channel !== input.contact.channel) {
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This handoffId already opened a chat for another contact (botUserId and channel); use a new handoffId',
      'body.contact',
    );
  }
  const current = chat.status === 'ended' ? chat : await importTranscript(ctx, chat, contact, entries, times, botName);
  return { chat: current, contact, created: false };
}

const clientIdConflict = () =>
  new AppError('IDEMPOTENCY_CONFLICT', 'This clientId was already sent with a different text; use a new clientId for a new message', 'body.clientId');

export async function relayContactMessage(
  ctx: AppContext,
  auth: ApiAuth,
  chatId: string,
  input: { text: string; clientId?: string; fileIds?: string[] },
): Promise<{ message: MessageDto; duplicate: boolean }> {
  const chat = await chatOfOrg(ctx, auth.org._id, chatId);
  const repos = ctx.repos.forOrg(auth.org._id);
  if (chat.channel !== 'api') throw conflict('This chat is not relayed through the API (its contact uses the web widget)');
  if (chat.status === 'ended') {
    const earlier = input.clientId ? await repos.messages.byClientId(chat._id, input.clientId) : null;
    if (earlier?.author?.kind === 'contact') {
      if (earlier.text !== input.text.trim()) throw clientIdConflict();
      return { message: toMessageDto(earlier, V1_FILES_BASE), duplicate: true };
    }
    throw conflict('This chat has ended; hand the contact off again to open a new one');
  }
  const contact = await repos.contacts.findById<Pick<ContactDoc, '_id' | 'name'>>(chat.contactId, { projection: { name: 1 } });
  const stored = await storeMessage(ctx, {
    chat,
    author: { kind: 'contact', id: chat.contactId, name: contact?.name ?? null },
    text: input.text,
    clientId: input.clientId ?? null,
    attachmentIds: await relayAttachmentIds(ctx, chat, input.fileIds ?? []),
  });
  // Client ids are unique per chat across authors: an agent's message with this id is not a resend.
  if (stored.duplicate && stored.message.author?.kind !== 'contact') throw conflict('This clientId is already used by another message of the chat', 'body.clientId');
  // Stored trimmed (messages.ts), so compared trimmed.
  if (stored.duplicate && stored.message.text !== input.text.trim()) throw clientIdConflict();
  return { message: toMessageDto(stored.message, V1_FILES_BASE), duplicate: stored.duplicate };
}

export async function assignByApi(ctx: AppContext, auth: ApiAuth, chatId: string, target: { teamId?: string; agentId?: string }): Promise<ChatDoc> {
  const chat = await chatOfOrg(ctx, auth.org._id, chatId);
  return assignChat(ctx, { orgId: auth.org._id, chat, actor: null, eventActor: automationActor(auth), ...target });
}

export async function endByApi(ctx: AppContext, auth: ApiAuth, chatId: string): Promise<ChatDoc> {
  const chat = await chatOfOrg(ctx, auth.org._id, chatId);
  if (chat.status === 'ended') throw conflict('This chat has already ended');
  return endChat(ctx, { orgId: auth.org._id, chat, eventActor: automationActor(auth) });
}

/** The contact's answer to the unresponsive-agent offer (a `system` message with `actions`). */
export async function answerChoiceByApi(ctx: AppContext, auth: ApiAuth, chatId: string, choice: 'another_agent' | 'keep_waiting'): Promise<ChatDoc> {
  const chat = await chatOfOrg(ctx, auth.org._id, chatId);
  return answerVisitorChoice(ctx, chat, choice);
}
