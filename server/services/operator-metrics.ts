// What /metrics reads from the database on each scrape (server/modules/metrics): the scheduler's
// lag and the webhook backlog, over the whole installation.
import type { AppContext } from '../context';

/**
 * Seconds the oldest due, untaken job has waited past its run time; 0 when none waits. Only jobs
 * this version defines: a job of a name nobody runs any more is not lag.
 */
export async function jobLagSeconds(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const runAt = await ctx.repos.crossOrg.oldestWaitingJobRunAt(now, Object.keys(ctx.jobs.agenda.definitions));
  return runAt ? Math.max(0, (now.getTime() - runAt.getTime()) / 1000) : 0;
}

export function pendingWebhookDeliveries(ctx: AppContext): Promise<number> {
  return ctx.repos.crossOrg.pendingWebhookDeliveries();
}
