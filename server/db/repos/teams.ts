// An organization's teams, with the queries that mean something: the order every list shows,
// the team chats fall back to, and which of some ids are teams of this organization.
import type { ObjectId } from '../ids';
import type { TeamDoc } from '../models/team';
import { ScopedCollection } from '../scoped-collection';

export class TeamsRepo extends ScopedCollection<TeamDoc> {
  /** Every team, oldest first (the order the console and the API list them in). */
  inOrder(): Promise<TeamDoc[]> {
    return this.find({}, { sort: { createdAt: 1 } });
  }

  /**
   * Where chats without a team go: the default team (`Inbox`), else the oldest team other than
   * `exceptId` (a team being deleted).
   */
  async fallback(exceptId?: ObjectId): Promise<TeamDoc | null> {
    return (
      (await this.findOne({ isDefault: true })) ??
      (await this.findOne(exceptId ? { _id: { $ne: exceptId } } : {}, { sort: { createdAt: 1 } }))
    );
  }

  /** Those of `ids` that are teams of this organization, in stored order. */
  async idsAmong(ids: readonly ObjectId[]): Promise<ObjectId[]> {
    if (ids.length === 0) return [];
    const found = await this.find<Pick<TeamDoc, '_id'>>({ _id: { $in: [...ids] } }, { projection: { _id: 1 } });
    return found.map((t) => t._id);
  }
}
