// A chat's transcript by e-mail (issue 18 item 6): on the visitor's request after the end, and
// (organization setting `transcriptAutoEmail`) for every ended chat whose contact has an e-mail.
// The mail goes out through a job with retries (jobs/visitor-follow-ups.ts), so a slow or failing
// SMTP server never holds up the visitor's request or the end of a chat.
//
// What it shows is what the visitor saw: contact, agent, bot and system messages — nothing that
// is agents-only (private notes never reach a transcript, DESIGN §4) — with the agents' names
// and the times in the organization's time zone, as plain text and as simple, escaped HTML.
import { DateTime } from 'luxon';
import { TRANSCRIPT_SENDS_PER_CHAT, type TranscriptInput } from '../../shared/contract/after-end';
import type { AppContext } from '../context';
import type { ObjectId } from '../db/ids';
import type { ChatDoc, MessageDoc, OrganizationDoc } from '../db/types';
import { badRequest, conflict } from '../errors';
import { JOB, type TranscriptEmailJob } from '../jobs/names';
import type { Mail } from '../notify/mailer';
import { updateContact } from './contacts';
import type { VisitorAuth } from './visitors';

const HOUR_MS = 3_600_000;
/** The author kinds a visitor sees in the widget; anything else (notes, if ever stored as messages) stays out. */
const VISITOR_VISIBLE = new Set(['contact', 'agent', 'bot', 'system']);
const PAGE = 500;

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface TranscriptLine {
  at: string;
  who: string;
  text: string;
}

function authorLabel(m: MessageDoc, orgName: string): string {
  switch (m.author?.kind) {
    case 'contact':
      return 'You';
    case 'agent':
      return m.author.name ?? 'Agent';
    case 'bot':
      return m.author.name ?? 'Bot';
    default:
      return orgName;
  }
}

/** The lines of a chat's transcript, oldest first, in the organization's zone. */
export async function transcriptLines(ctx: AppContext, org: Pick<OrganizationDoc, 'name' | 'timezone'>, chat: Pick<ChatDoc, '_id' | 'orgId'>): Promise<TranscriptLine[]> {
  const lines: TranscriptLine[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await ctx.repos.forOrg(chat.orgId).messages.page(chat._id, { afterSeq }, PAGE, false);
    for (const m of page) {
      if (!VISITOR_VISIBLE.has(m.author?.kind ?? '')) continue;
      const files = (m.attachments ?? []).map((a) => `📎 ${a.name ?? 'file'}`);
      const text = [m.text ?? '', ...files].filter((s) => s !== '').join('\n');
      const at = DateTime.fromJSDate(m.createdAt, { zone: org.timezone || 'UTC' }).toFormat('yyyy-MM-dd HH:mm');
      lines.push({ at, who: authorLabel(m, org.name), text });
    }
    if (page.length < PAGE) return lines;
    afterSeq = page[page.length - 1]!.seq;
  }
}

export function transcriptMail(org: Pick<OrganizationDoc, 'name' | 'timezone'>, to: string, lines: TranscriptLine[]): Mail {
  const subject = `Your conversation with ${org.name}`;
  const zone = org.timezone || 'UTC';
  const text = [`${subject} (times in ${zone})`, '', ...lines.map((l) => `[${l.at}] ${l.who}: ${l.text}`), ''].join('\n');
  const rows = lines
    .map((l) => `<tr><td style="color:#666;white-space:nowrap;vertical-align:top">${escapeHtml(l.at)}</td><td style="vertical-align:top"><strong>${escapeHtml(l.who)}</strong><br>${escapeHtml(l.text).replace(/\n/g, '<br>')}</td></tr>`)
    .join('');
  const html = `<!doctype html><html><body style="font-family:sans-serif"><h1 style="font-size:18px">${escapeHtml(subject)}</h1><p style="color:#666">Times in ${escapeHtml(zone)}</p><table cellpadding="6">${rows}</table></body></html>`;
  return { to, subject, text, html };
}

/** Queues the transcript mail (the job builds it when it runs, from the stored messages). */
export async function queueTranscript(ctx: AppContext, chat: Pick<ChatDoc, '_id' | 'orgId'>, to: string): Promise<void> {
  const data: TranscriptEmailJob = { orgId: chat.orgId.toString(), chatId: chat._id.toString(), to };
  await ctx.jobs.schedule(ctx.clock.now(), JOB.transcriptEmail, data);
}

/** The visitor asks for the transcript of their ended chat. */
export async function requestTranscript(ctx: AppContext, visitor: VisitorAuth, chat: ChatDoc, input: TranscriptInput): Promise<{ sentTo: string }> {
  if (chat.status !== 'ended') throw conflict('The transcript can be sent once the chat has ended');
  const given = input.email?.trim().toLowerCase();
  const to = given ?? visitor.contact.email ?? null;
  if (!to) throw badRequest('Give the e-mail address to send the transcript to', 'body.email');
  ctx.limiter.hit(`transcript:${chat._id.toString()}`, TRANSCRIPT_SENDS_PER_CHAT, HOUR_MS);
  // A contact without an e-mail keeps the one they gave (agents see where the transcript went).
  if (given && !visitor.contact.email) await updateContact(ctx, visitor.org._id, visitor.contact._id, { email: given });
  await queueTranscript(ctx, chat, to);
  return { sentTo: to };
}

/** Lifecycle hook: with the organization's setting on, an ended chat's contact gets the transcript. */
export async function transcriptOnEnd(ctx: AppContext, chat: ChatDoc): Promise<void> {
  const repos = ctx.repos.forOrg(chat.orgId);
  const org = await repos.organization.findOne();
  if (org?.transcriptAutoEmail !== true) return;
  const contact = await repos.contacts.findById(chat.contactId, { projection: { email: 1 } });
  if (!contact?.email) return;
  await queueTranscript(ctx, chat, contact.email);
}

/** Job: builds and sends one transcript mail (retried by the job on SMTP failures). */
export async function sendTranscript(ctx: AppContext, orgId: ObjectId, chatId: ObjectId, to: string): Promise<void> {
  const repos = ctx.repos.forOrg(orgId);
  const [org, chat] = await Promise.all([repos.organization.findOne(), repos.chats.findById(chatId)]);
  if (!org || !chat) return;
  const lines = await transcriptLines(ctx, org, chat);
  await ctx.mailer.send(transcriptMail(org, to, lines));
}
