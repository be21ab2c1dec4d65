// Figures over the whole installation that /metrics samples on each scrape (operators watch the
// installation, not one organization): no document leaves here, only a time and a count.
import type { Connection } from 'mongoose';
import type { Models } from '../models';

export function createOperatorGauges(models: Models, conn: Connection) {
  return {
    /**
     * The run time of the oldest job of `names` that is due and not taken by any instance
     * (Agenda's own collection, `jobs`): how far the schedulers are behind. Null when none waits.
     */
    oldestWaitingJobRunAt: async (now: Date, names: string[]): Promise<Date | null> => {
      const [job] = await conn.db!.collection<{ nextRunAt: Date | null }>('jobs')
        .find({ name: { $in: names }, nextRunAt: { $lte: now }, lockedAt: null, disabled: { $ne: true } }, { projection: { nextRunAt: 1 } })
        .sort({ nextRunAt: 1 })
        .limit(1)
        .toArray();
      return job?.nextRunAt ?? null;
    },
    /** Webhook deliveries stored and neither delivered nor given up yet. */
    pendingWebhookDeliveries: (): Promise<number> => models.WebhookDelivery.countDocuments({ status: 'pending' }).exec(),
  };
}
