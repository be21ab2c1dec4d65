// What follows a visitor's conversation (issue 18): the auto-resolve timer and transcript mails.
// Installed once per instance before jobs start (runtime.ts): it defines the jobs (thin handlers
// over the services) and listens to the chat lifecycle. A listener failing is logged, never turned
// into the caller's error: the message is stored, the chat ended, whatever follows.
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import { autoResolveAfterAgent, autoResolveDue, clearAutoResolve } from './auto-resolve';
import { sendTranscript, transcriptOnEnd } from './transcripts';
import { JOB, type AutoResolveJob, type TranscriptEmailJob } from '../jobs/names';

export function installVisitorFollowUps(ctx: AppContext): () => void {
  ctx.jobs.define<AutoResolveJob>(
    JOB.autoResolve,
    async (data, job) => {
      const rearm = await autoResolveDue(ctx, data);
      if (rearm) job.schedule(rearm);
    },
    { removeOnComplete: true },
  );
  ctx.jobs.define<TranscriptEmailJob>(
    JOB.transcriptEmail,
    async (data) => {
      if (!ObjectId.isValid(data.orgId) || !ObjectId.isValid(data.chatId)) return;
      await sendTranscript(ctx, new ObjectId(data.orgId), new ObjectId(data.chatId), data.to);
    },
    { attempts: 5, retryDelayMs: 5_000, maxDelayMs: 300_000, removeOnComplete: true },
  );

  const guarded =
    <P>(label: string, run: (payload: P) => Promise<void>) =>
    async (payload: P): Promise<void> => {
      try {
        await run(payload);
      } catch (err) {
        ctx.log.error('visitor follow-up failed', { event: label, err });
      }
    };
  const off = [
    ctx.events.on('chat.agentReplied', guarded('chat.agentReplied', ({ chat }) => autoResolveAfterAgent(ctx, chat))),
    ctx.events.on('chat.contactReplied', guarded('chat.contactReplied', ({ chat }) => clearAutoResolve(ctx, chat))),
    ctx.events.on(
      'chat.ended',
      guarded('chat.ended', async ({ chat }) => {
        if (chat.autoResolveDueAt) await clearAutoResolve(ctx, chat);
        await transcriptOnEnd(ctx, chat);
      }),
    ),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
