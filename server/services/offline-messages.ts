// The widget's offline form (issue 18.3): while the team is closed (its schedule) — or, when the
// team asks for it, while no member has the console open — the visitor leaves a message and an
// e-mail address instead of waiting in a chat nobody reads.
//
// Decisions:
// - The message becomes an ordinary chat in the team's queue (status `unassigned`), marked with
//   `replyByEmail`. No new status: the queue, badges, the permission table, the drain at the next
//   opening and the reports already work on `unassigned`, and agents answer it like any chat.
//   What is different is only where answers go: every agent message of such a chat is also
//   e-mailed to the address given, because the visitor may never come back to the page.
// - E-mails go through jobs with retries (SMTP has bad minutes): one per team member who gets
//   e-mail notifications, a confirmation to the visitor, and one per agent answer.
// - "Online" is the presence of routing (console open: online or away), so the form and
//   online-only routing agree on whether somebody is there.
import type { OfflineMessageInput } from '../../shared/contract/widget-api';
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import type { ChatDoc, OrganizationDoc, TeamDoc } from '../db/types';
import { isOpen } from '../domain/schedule';
import { badRequest, conflict } from '../errors';
import { openChat } from './chats';
import { updateContact } from './contacts';
import { plainSchedule } from './mappers';
import { storeMessage } from './messages';
import { isEmailShaped } from './prechat';
import { presenceOf } from './presence';
import type { VisitorAuth } from './visitors';

export const OFFLINE_MAIL_JOB = 'notify.offline-mail';

export interface OfflineMailJob extends Record<string, unknown> {
  orgId: string;
  chatId: string;
  kind: 'team' | 'confirmation' | 'reply';
  /** team: the member to tell. */
  userId?: string;
  /** reply: the agent message to send. */
  seq?: number;
}

/** Someone of the team has the console open (online or away). */
export async function anyAgentOnline(ctx: AppContext, orgId: ObjectId, teamId: ObjectId): Promise<boolean> {
  const members = await ctx.repos.forOrg(orgId).members.activeInTeams([teamId]);
  const presence = await presenceOf(ctx, orgId, members.map((m) => m._id));
  return [...presence.values()].some((p) => p.presence !== 'offline');
}

/** Whether the widget offers the offline form instead of a chat, with the team's open state. */
export async function teamAvailability(ctx: AppContext, org: OrganizationDoc, team: TeamDoc): Promise<{ open: boolean; offline: boolean }> {
  const open = org.disabled !== true && isOpen(plainSchedule(team.schedule), ctx.clock.now());
  if (!open) return { open, offline: true };
  const offline = team.offlineWhenNoAgentOnline === true && !(await anyAgentOnline(ctx, org._id, team._id));
  return { open, offline };
}

/** The visitor leaves a message: a chat in the queue, the team and the visitor get e-mails. */
export async function leaveOfflineMessage(ctx: AppContext, visitor: VisitorAuth, team: TeamDoc, input: OfflineMessageInput): Promise<ChatDoc> {
  const { org } = visitor;
  if (org.disabled === true) throw conflict('Chat is currently unavailable.');
  const email = input.email.trim().toLowerCase();
  if (email === '') throw badRequest('Your e-mail address is required, so we can answer you', 'body.email');
  if (!isEmailShaped(email)) throw badRequest('Enter an e-mail address like name@example.com', 'body.email');
  const text = input.message.trim();
  if (text === '') throw badRequest('Write your message', 'body.message');
  if (!(await teamAvailability(ctx, org, team)).offline) throw conflict('The team is available: start a chat instead');

  const name = input.name?.trim() || undefined;
  await updateContact(ctx, org._id, visitor.contact._id, { email, ...(name && !visitor.contact.name ? { name } : {}) });
  const repos = ctx.repos.forOrg(org._id);
  // One open chat per visitor: a message left while a chat is open goes into that chat.
  const chat = (await repos.chats.openOfContact(visitor.contact._id)) ?? (await openChat(ctx, { orgId: org._id, contactId: visitor.contact._id, teamId: team._id, channel: 'web' }));
  await repos.chats.updateOne({ _id: chat._id }, { $set: { replyByEmail: email } });
  await storeMessage(ctx, { chat, author: { kind: 'contact', id: visitor.contact._id, name: name ?? visitor.contact.name ?? null }, text, openOnly: true });

  // Due now in Agenda's own time (real time), not the business clock: these are sent at once.
  const now = new Date();
  const base = { orgId: org._id.toString(), chatId: chat._id.toString() };
  const members = await repos.members.find({ active: { $ne: false }, teamIds: team._id, 'notifications.email': { $ne: false } }, { projection: { _id: 1 } });
  for (const m of members) await ctx.jobs.schedule<OfflineMailJob>(now, OFFLINE_MAIL_JOB, { ...base, kind: 'team', userId: m._id.toString() });
  await ctx.jobs.schedule<OfflineMailJob>(now, OFFLINE_MAIL_JOB, { ...base, kind: 'confirmation' });
  return (await repos.chats.findById(chat._id)) ?? chat;
}

/** An agent answered a chat left through the offline form: the answer goes out by e-mail too. */
export async function agentAnswered(ctx: AppContext, chat: ChatDoc): Promise<void> {
  if (!chat.replyByEmail) return;
  const data: OfflineMailJob = { orgId: chat.orgId.toString(), chatId: chat._id.toString(), kind: 'reply', seq: chat.lastSeq };
  await ctx.jobs.schedule<OfflineMailJob>(new Date(), OFFLINE_MAIL_JOB, data);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const paragraphs = (text: string): string => text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');

/** Job body: builds the mail from what is stored now; throws on a failed delivery (retried). */
export async function sendOfflineMail(ctx: AppContext, data: OfflineMailJob): Promise<void> {
  if (!ObjectId.isValid(data.orgId) || !ObjectId.isValid(data.chatId)) return;
  const repos = ctx.repos.forOrg(new ObjectId(data.orgId));
  const chat = await repos.chats.findById(new ObjectId(data.chatId));
  if (!chat?.replyByEmail) return;
  const [org, team, contact] = await Promise.all([repos.organization.findOne(), repos.teams.findById(chat.teamId), repos.contacts.findById(chat.contactId)]);
  const orgName = oneLine(org?.name ?? 'Phoenix Chat', 80);
  const visitorLabel = oneLine(contact?.name || chat.replyByEmail, 80);
  const first = (await repos.messages.page(chat._id, { afterSeq: 0 }, 50, false)).find((m) => m.author?.kind === 'contact');
  const question = first?.text ?? '';

  if (data.kind === 'team') {
    if (!data.userId || !ObjectId.isValid(data.userId)) return;
    const member = await repos.members.findById(new ObjectId(data.userId));
    if (!member || member.active === false || member.notifications?.email === false) return;
    const link = `${ctx.config.publicUrl}/chats/${chat._id.toString()}`;
    await ctx.mailer.send({
      to: member.email,
      subject: `New offline message from ${visitorLabel} (${oneLine(team?.name ?? 'your team', 60)})`,
      text: [`${visitorLabel} <${chat.replyByEmail}> left a message while ${team?.name ?? 'the team'} was away:`, '', question, '', `Answer it: ${link}`].join('\n'),
      html: [`<p><strong>${escapeHtml(visitorLabel)}</strong> &lt;${escapeHtml(chat.replyByEmail)}&gt; left a message while the team was away:</p>`, `<blockquote>${paragraphs(question)}</blockquote>`, `<p><a href="${escapeHtml(link)}">Answer it</a></p>`].join('\n'),
    });
    return;
  }
  if (data.kind === 'confirmation') {
    await ctx.mailer.send({
      to: chat.replyByEmail,
      subject: `We got your message — ${orgName}`,
      text: [`Thanks for your message to ${orgName}. We'll answer you here by e-mail, and in the chat on the website.`, '', 'Your message:', question].join('\n'),
      html: [`<p>Thanks for your message to ${escapeHtml(orgName)}. We'll answer you here by e-mail, and in the chat on the website.</p>`, `<blockquote>${paragraphs(question)}</blockquote>`].join('\n'),
    });
    return;
  }
  // reply: only what the visitor may read — an agent's message of this chat.
  const seq = typeof data.seq === 'number' ? data.seq : -1;
  const [message] = await repos.messages.page(chat._id, { afterSeq: seq - 1 }, 1, false);
  if (!message || message.seq !== seq || message.author?.kind !== 'agent' || message.text.trim() === '') return;
  const agent = oneLine(message.author?.name ?? orgName, 80);
  await ctx.mailer.send({
    to: chat.replyByEmail,
    subject: `${agent} answered your message — ${orgName}`,
    text: [`${agent} (${orgName}) wrote:`, '', message.text, '', '—', 'Your message:', question].join('\n'),
    html: [`<p>${escapeHtml(agent)} (${escapeHtml(orgName)}) wrote:</p>`, paragraphs(message.text), '<hr>', '<p>Your message:</p>', `<blockquote>${paragraphs(question)}</blockquote>`].join('\n'),
  });
}
