// @mentions in private notes: who may be named (members who may see the chat, per the permission
// table), the mention records behind each member's "Mentions" view, the live `mention.created`
// frame (the console rings), and an e-mail through a retried job when the member is not at the
// console (presence away or offline).
import { ObjectId } from '../db/ids';
import { NOTE_LIMITS, type MentionableMember, type MentionDto } from '../../shared/contract/notes';
import type { AppContext } from '../context';
import type { ChatDoc, MentionDoc, NoteDoc, UserDoc } from '../db/types';
import { canOnChat, type TeamFacts } from '../domain/permissions';
import { badRequest, notFound } from '../errors';
import { actorOf, chatFacts, chatForAgent, objectId } from './access';
import { chatDtos } from './chats';
import { presenceOf } from './presence';
import type { AgentAuth } from './sessions';
import { escapeHtml } from './transcripts';

export const MENTION_MAIL_JOB = 'notify.mention-email';
export interface MentionMailJob extends Record<string, unknown> {
  orgId: string;
  mentionId: string;
}

const mayView = (user: UserDoc, chat: ChatDoc, team: TeamFacts): boolean => user.active !== false && canOnChat(actorOf(user), 'view', chatFacts(chat), team);

async function membersWhoSee(ctx: AppContext, chat: ChatDoc, team: TeamFacts): Promise<UserDoc[]> {
  const members = await ctx.repos.forOrg(chat.orgId).members.find({ active: { $ne: false } }, { sort: { name: 1, _id: 1 } });
  return members.filter((m) => mayView(m, chat, team));
}

/** The members the `@` popup offers in this chat (the caller excluded). */
export async function mentionableMembers(ctx: AppContext, auth: AgentAuth, chatId: string): Promise<MentionableMember[]> {
  const { chat, team } = await chatForAgent(ctx, auth, chatId, 'view');
  return (await membersWhoSee(ctx, chat, team))
    .filter((m) => !m._id.equals(auth.user._id))
    .map((m) => ({ id: m._id.toString(), name: m.name ?? m.email, email: m.email }));
}

/** The members a note names, each checked: one who may not see the chat is a 400 on its index. */
export async function mentionTargets(ctx: AppContext, auth: AgentAuth, chat: ChatDoc, team: TeamFacts, raw: readonly string[]): Promise<UserDoc[]> {
  const unique = [...new Set(raw)];
  if (unique.length > NOTE_LIMITS.mentions) throw badRequest(`A note names at most ${NOTE_LIMITS.mentions} members`, 'body.mentions');
  const ids = unique.map((id, i) => objectId(id, 'Member', `body.mentions[${i}]`));
  const found = ids.length > 0 ? await ctx.repos.forOrg(auth.org._id).members.find({ _id: { $in: ids } }) : [];
  const byId = new Map(found.map((m) => [m._id.toString(), m]));
  return ids
    .map((id, i) => {
      const member = byId.get(id.toString());
      if (!member || !mayView(member, chat, team)) throw badRequest('This member cannot see this chat', `body.mentions[${i}]`);
      return member;
    })
    .filter((m) => !m._id.equals(auth.user._id));
}

const excerptOf = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

function toMentionDto(m: MentionDoc, chat: MentionDto['chat']): MentionDto {
  return {
    id: m._id.toString(),
    chatId: m.chatId.toString(),
    noteId: m.noteId.toString(),
    by: { id: m.by?.id?.toString() ?? '', name: m.by?.name ?? null },
    excerpt: m.excerpt ?? '',
    createdAt: m.createdAt.toISOString(),
    read: m.readAt != null,
    chat,
  };
}

export async function recordMentions(ctx: AppContext, auth: AgentAuth, chat: ChatDoc, note: NoteDoc, targets: readonly UserDoc[]): Promise<void> {
  if (targets.length === 0) return;
  const repos = ctx.repos.forOrg(auth.org._id);
  const now = ctx.clock.now();
  const docs = (await repos.mentions.insertMany(
    targets.map((t) => ({ userId: t._id, chatId: chat._id, noteId: note._id, by: { id: auth.user._id, name: auth.user.name ?? null }, excerpt: excerptOf(note.text), createdAt: now, readAt: null })),
  )) as MentionDoc[];
  const [dto] = await chatDtos(ctx, auth.org._id, [chat]);
  const presence = await presenceOf(ctx, auth.org._id, targets.map((t) => t._id));
  for (const [i, doc] of docs.entries()) {
    const target = targets[i]!;
    await ctx.bus.publish({ kind: 'mention.created', orgId: auth.org._id.toString(), userId: target._id.toString(), mention: toMentionDto(doc, dto ?? null) });
    const away = presence.get(target._id.toString())?.presence !== 'online';
    if (away && target.notifications?.email !== false) {
      await ctx.jobs.schedule<MentionMailJob>(now, MENTION_MAIL_JOB, { orgId: auth.org._id.toString(), mentionId: doc._id.toString() });
    }
  }
}

/** The job: one e-mail per mention, if the member may still see the chat. Throws to be retried. */
export async function sendMentionEmail(ctx: AppContext, data: MentionMailJob): Promise<void> {
  if (!ObjectId.isValid(data.orgId) || !ObjectId.isValid(data.mentionId)) return;
  const repos = ctx.repos.forOrg(new ObjectId(data.orgId));
  const mention = await repos.mentions.findById(new ObjectId(data.mentionId));
  if (!mention || mention.readAt) return;
  const [member, chat] = await Promise.all([repos.members.findById(mention.userId), repos.chats.findById(mention.chatId)]);
  if (!member || !chat) return;
  const team = await ctx.lookups.teamFacts(chat.orgId, chat.teamId);
  if (!team || !mayView(member, chat, team)) return;
  const who = mention.by?.name ?? 'A colleague';
  const link = `${ctx.config.publicUrl}/chats/${chat._id.toString()}`;
  await ctx.mailer.send({
    to: member.email,
    subject: `${who.replace(/[\r\n]+/g, ' ').slice(0, 80)} mentioned you in a private note`,
    text: [`${who} mentioned you in a private note:`, '', mention.excerpt ?? '', '', `Open the chat: ${link}`].join('\n'),
    html: [`<p><strong>${escapeHtml(who)}</strong> mentioned you in a private note:</p>`, `<blockquote>${escapeHtml(mention.excerpt ?? '')}</blockquote>`, `<p><a href="${escapeHtml(link)}">Open the chat</a></p>`].join('\n'),
  });
}

/** The caller's mentions, newest first, with the chat when they may still see it. */
export async function listMentions(ctx: AppContext, auth: AgentAuth): Promise<{ items: MentionDto[]; unread: number }> {
  const repos = ctx.repos.forOrg(auth.org._id);
  const [docs, unread] = await Promise.all([repos.mentions.ofUser(auth.user._id, 100), repos.mentions.count({ userId: auth.user._id, readAt: null })]);
  const chatIds = [...new Set(docs.map((d) => d.chatId.toString()))].map((id) => new ObjectId(id));
  const chats = chatIds.length > 0 ? await repos.chats.find({ _id: { $in: chatIds } }) : [];
  const actor = actorOf(auth.user);
  const visible: ChatDoc[] = [];
  for (const chat of chats) {
    const team = await ctx.lookups.teamFacts(auth.org._id, chat.teamId);
    if (team && canOnChat(actor, 'view', chatFacts(chat), team)) visible.push(chat);
  }
  const dtos = await chatDtos(ctx, auth.org._id, visible);
  const byId = new Map(dtos.map((d) => [d.id, d]));
  return { items: docs.map((d) => toMentionDto(d, byId.get(d.chatId.toString()) ?? null)), unread };
}

export async function markMentionRead(ctx: AppContext, auth: AgentAuth, mentionId: string): Promise<MentionDto> {
  const repos = ctx.repos.forOrg(auth.org._id);
  const id = objectId(mentionId, 'Mention');
  // Read once: the first reading's time stays.
  const doc = (await repos.mentions.findOneAndUpdate({ _id: id, userId: auth.user._id, readAt: null }, { $set: { readAt: ctx.clock.now() } })) ?? (await repos.mentions.findOne({ _id: id, userId: auth.user._id }));
  if (!doc) throw notFound('Mention');
  return toMentionDto(doc, null);
}
