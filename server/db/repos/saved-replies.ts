// An organization's saved replies (models/saved-reply.ts): the shared ones and each member's own.
import type { ObjectId } from '../ids';
import type { SavedReplyDoc } from '../models/saved-reply';
import { ScopedCollection } from '../scoped-collection';

export class SavedRepliesRepo extends ScopedCollection<SavedReplyDoc> {
  /** What `userId` may use: the shared replies and their own, by shortcut. */
  usableBy(userId: ObjectId): Promise<SavedReplyDoc[]> {
    return this.find({ $or: [{ ownerId: null }, { ownerId: userId }] }, { sort: { shortcut: 1, _id: 1 } });
  }

  /** How many replies one scope holds (the shared ones when `ownerId` is null). */
  countInScope(ownerId: ObjectId | null): Promise<number> {
    return this.count({ ownerId });
  }
}
