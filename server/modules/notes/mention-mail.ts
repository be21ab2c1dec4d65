// The mention e-mail job, defined once per context however often the module is composed.
import type { AppContext } from '../../context';
import { MENTION_MAIL_JOB, sendMentionEmail, type MentionMailJob } from '../../services/mentions';

const installed = new WeakSet<AppContext>();

export function installMentionMail(ctx: AppContext): void {
  if (installed.has(ctx)) return;
  installed.add(ctx);
  ctx.jobs.define<MentionMailJob>(MENTION_MAIL_JOB, (data) => sendMentionEmail(ctx, data), { attempts: 5, removeOnComplete: true });
}
