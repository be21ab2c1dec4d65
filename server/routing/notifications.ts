// "A chat was assigned to you" by e-mail and SMS. Scheduling happens where the assignment
// happened (once, on that instance); delivery runs in Agenda jobs with retries, and re-checks at
// send time that the assignment still stands and the agent still wants the notice.
import type { AppContext } from '../context';
import { JOB, type AssignedNoticeJob } from '../jobs/names';
import type { ChatDoc, UserDoc } from '../db/types';
import { parseIds } from './ids';

type NoticeUser = Pick<UserDoc, '_id' | 'active' | 'phone' | 'notifications'>;

/** Schedules the agent's e-mail/SMS for an assignment; self-assignments notify nobody. */
export async function scheduleAssignmentNotices(ctx: AppContext, chat: ChatDoc, agent: NoticeUser, byUserId: string | null): Promise<void> {
  if (!chat.assignedAt || chat.assigneeId?.toString() !== agent._id.toString()) return;
  if (byUserId === agent._id.toString() || agent.active === false) return;
  const data: AssignedNoticeJob = {
    orgId: chat.orgId.toString(),
    chatId: chat._id.toString(),
    userId: agent._id.toString(),
    assignedAt: chat.assignedAt.toISOString(),
  };
  const now = new Date();
  if (agent.notifications?.email !== false) await ctx.jobs.schedule(now, JOB.assignedEmail, data);
  if (wantsSms(ctx, agent)) await ctx.jobs.schedule(now, JOB.assignedSms, data);
}

const wantsSms = (ctx: AppContext, agent: NoticeUser): boolean =>
  ctx.sms !== null && agent.notifications?.sms === true && typeof agent.phone === 'string' && agent.phone.trim() !== '';

interface Notice {
  agent: UserDoc;
  contactLabel: string;
  teamName: string;
  preview: string | null;
  link: string;
}

/** The facts for a notice, or null when it no longer applies (reassigned, ended, deactivated). */
async function loadNotice(ctx: AppContext, data: AssignedNoticeJob): Promise<Notice | null> {
  const ids = parseIds({ orgId: data.orgId, chatId: data.chatId, userId: data.userId });
  if (!ids) return null;
  const repos = ctx.repos.forOrg(ids.orgId);
  const chat = await repos.chats.findById(ids.chatId);
  if (!chat || chat.status !== 'assigned' || chat.assigneeId?.toString() !== data.userId) return null;
  if (chat.assignedAt?.toISOString() !== data.assignedAt) return null;
  const agent = await repos.members.findById(ids.userId);
  if (!agent || agent.active === false) return null;
  const [contact, team] = await Promise.all([
    repos.contacts.findById(chat.contactId, { projection: { name: 1, username: 1, email: 1 } }),
    repos.teams.findById(chat.teamId, { projection: { name: 1 } }),
  ]);
  return {
    agent,
    contactLabel: contact?.name || contact?.username || contact?.email || 'a visitor',
    teamName: team?.name ?? 'your team',
    preview: chat.lastMessage?.authorKind === 'contact' ? (chat.lastMessage.text ?? null) : null,
    // The console's own inbox route for a chat assigned to the reader.
    link: `${ctx.config.publicUrl}/chats/${chat._id.toString()}`,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** One line, no control characters: names come from visitors and end up in a mail header. */
const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function assignmentEmail(n: Notice): { subject: string; text: string; html: string } {
  const contact = oneLine(n.contactLabel, 80);
  const team = oneLine(n.teamName, 80);
  const preview = n.preview ? oneLine(n.preview, 300) : null;
  return {
    subject: `New chat assigned to you: ${contact}`,
    text: [
      `Hi ${n.agent.name},`,
      '',
      `A chat with ${contact} (${team}) was assigned to you.`,
      ...(preview ? ['', `Last message: "${preview}"`] : []),
      '',
      `Open it: ${n.link}`,
    ].join('\n'),
    html: [
      `<p>Hi ${escapeHtml(n.agent.name)},</p>`,
      `<p>A chat with <strong>${escapeHtml(contact)}</strong> (${escapeHtml(team)}) was assigned to you.</p>`,
      ...(preview ? [`<blockquote>${escapeHtml(preview)}</blockquote>`] : []),
      `<p><a href="${escapeHtml(n.link)}">Open the chat</a></p>`,
    ].join('\n'),
  };
}

export function assignmentSms(n: Notice): string {
  return `Phoenix Chat: a chat with ${oneLine(n.contactLabel, 60)} (${oneLine(n.teamName, 40)}) was assigned to you. ${n.link}`;
}

/** Job body: throws on delivery failure so Agenda retries. */
export async function sendAssignedEmail(ctx: AppContext, data: AssignedNoticeJob): Promise<void> {
  const notice = await loadNotice(ctx, data);
  if (!notice || notice.agent.notifications?.email === false) return;
  await ctx.mailer.send({ to: notice.agent.email, ...assignmentEmail(notice) });
}

export async function sendAssignedSms(ctx: AppContext, data: AssignedNoticeJob): Promise<void> {
  const notice = await loadNotice(ctx, data);
  if (!notice || !ctx.sms || !wantsSms(ctx, notice.agent)) return;
  await ctx.sms.send({ to: notice.agent.phone!.trim(), body: assignmentSms(notice) });
}
