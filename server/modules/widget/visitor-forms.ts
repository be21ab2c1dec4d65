// What the visitor-forms feature (pre-chat form, offline form) runs besides its routes: the
// e-mail job and the listener that e-mails agents' answers to offline messages. Installed once
// per context, however often the module is composed.
import type { AppContext } from '../../context';
import { agentAnswered, OFFLINE_MAIL_JOB, sendOfflineMail, type OfflineMailJob } from '../../services/offline-messages';

const installed = new WeakSet<AppContext>();

export function installVisitorForms(ctx: AppContext): void {
  if (installed.has(ctx)) return;
  installed.add(ctx);
  ctx.jobs.define<OfflineMailJob>(OFFLINE_MAIL_JOB, (data) => sendOfflineMail(ctx, data), { attempts: 5, removeOnComplete: true });
  ctx.events.on('chat.agentReplied', async ({ chat }) => {
    try {
      await agentAnswered(ctx, chat);
    } catch (err) {
      // The answer is stored and delivered in the chat; only its e-mail copy failed to schedule.
      ctx.log.error('offline answer e-mail not scheduled', { chatId: chat._id.toString(), err });
    }
  });
}
