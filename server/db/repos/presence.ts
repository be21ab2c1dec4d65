// Members' presence facts (models/presence.ts). Tab counts are per server instance, changed with
// $inc so two instances never overwrite each other's count.
import type { ObjectId } from '../ids';
import type { PresenceDoc } from '../models/presence';
import { ScopedCollection } from '../scoped-collection';
import type { Presence } from '../../../shared/types/enums';

/** The field of one instance's tab count (instance ids are generated, never user input). */
const safe = (instanceId: string) => instanceId.replace(/[^A-Za-z0-9_-]/g, '');
const tabsField = (instanceId: string) => `tabs.${safe(instanceId)}`;
const beatField = (instanceId: string) => `beats.${safe(instanceId)}`;

/** What a user's tabs on one instance did since the last write (realtime/presence.ts coalesces them). */
export interface TabChange {
  /** Opened minus closed. */
  delta: number;
  opened: boolean;
  closed: boolean;
}

export class PresenceRepo extends ScopedCollection<PresenceDoc> {
  /**
   * Tabs of `userId` opened and closed on `instanceId` since the last write, as one net change:
   * an opening makes the agent active at `now` (and creates the facts), a closing stamps when.
   */
  tabsChanged(userId: ObjectId, instanceId: string, change: TabChange, now: Date): Promise<PresenceDoc | null> {
    const $set: Record<string, Date> = {};
    if (change.opened) Object.assign($set, { lastActivityAt: now, [beatField(instanceId)]: now });
    if (change.closed) $set.lastTabClosedAt = now;
    return this.findOneAndUpdate({ userId }, { $inc: { [tabsField(instanceId)]: change.delta }, $set }, { upsert: change.opened });
  }

  /** Forgets an instance's count (its sockets are all gone: shutdown). */
  async dropInstance(userIds: readonly ObjectId[], instanceId: string, now: Date): Promise<void> {
    if (userIds.length === 0) return;
    await this.updateMany({ userId: { $in: [...userIds] } }, { $unset: { [tabsField(instanceId)]: 1, [beatField(instanceId)]: 1 }, $set: { lastTabClosedAt: now } });
  }

  /** This instance still holds its tabs of these users (see PRESENCE_HEARTBEAT_MS). */
  async heartbeat(userIds: readonly ObjectId[], instanceId: string, now: Date): Promise<void> {
    if (userIds.length === 0) return;
    await this.updateMany({ userId: { $in: [...userIds] } }, { $set: { [beatField(instanceId)]: now } });
  }

  activity(userId: ObjectId, now: Date): Promise<PresenceDoc | null> {
    return this.findOneAndUpdate({ userId }, { $set: { lastActivityAt: now } });
  }

  setManualAway(userId: ObjectId, away: boolean, now: Date): Promise<PresenceDoc | null> {
    return this.findOneAndUpdate({ userId }, { $set: { manualAway: away, ...(away ? {} : { lastActivityAt: now }) } }, { upsert: true });
  }

  /** Stores a newly derived state; false when another instance already stored it (announce once). */
  async announce(userId: ObjectId, state: Presence, now: Date): Promise<boolean> {
    const res = await this.updateOne({ userId, state: { $ne: state } }, { $set: { state, since: now } });
    return res.modifiedCount > 0;
  }

  ofUsers(userIds: readonly ObjectId[]): Promise<PresenceDoc[]> {
    return this.find({ userId: { $in: [...userIds] } });
  }
}
