// Bookkeeping that scheduled work does over the whole installation, before any one
// organization is in hand. Named here, beside the other cross-organization operations; each
// result carries its orgId, and the caller continues through forOrg().
import type { Models } from '../models';
import type { UserDoc } from '../models/user';
import type { ObjectId } from '../ids';

export type ScheduledAgent = Pick<UserDoc, '_id' | 'orgId' | 'schedule'>;

export function createJobBookkeeping(models: Models) {
  return {
    /** At boot: every active member with personal hours, so their next opening gets its job. */
    agentsWithSchedules: () =>
      models.User.find({ active: true, schedule: { $ne: null } }, { orgId: 1, schedule: 1 }).lean<ScheduledAgent[]>().exec(),
    /** Webhook jobs stored before deliveries named their organization carry only the delivery id. */
    webhookDeliveryOrgId: async (deliveryId: ObjectId): Promise<ObjectId | null> =>
      (await models.WebhookDelivery.findById(deliveryId, { orgId: 1 }).lean<{ orgId: ObjectId }>().exec())?.orgId ?? null,
    /**
     * The webhook sweep: pending deliveries due before `dueBefore` that nobody is sending, i.e.
     * left behind by a crash between storing an event and its attempt (or its retry's job).
     */
    overdueWebhookDeliveries: (dueBefore: Date, now: Date, limit: number) =>
      models.WebhookDelivery.find(
        { status: 'pending', nextAttemptAt: { $lt: dueBefore }, $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
        { orgId: 1, chatId: 1 },
      )
        .sort({ nextAttemptAt: 1 })
        .limit(limit)
        .lean<{ _id: ObjectId; orgId: ObjectId; chatId: ObjectId | null }[]>()
        .exec(),
  };
}

export type JobBookkeeping = ReturnType<typeof createJobBookkeeping>;
