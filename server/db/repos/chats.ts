// An organization's chats, with the reads that several features share.
import type { ObjectId } from '../ids';
import type { ChatDoc } from '../models/chat';
import { ScopedCollection } from '../scoped-collection';

export class ChatsRepo extends ScopedCollection<ChatDoc> {
  /** The chat a bot platform handoff opened (unique per organization). */
  byHandoffId(handoffId: string): Promise<ChatDoc | null> {
    return this.findOne({ handoffId });
  }

  /** The contact's newest chat that has not ended (a visitor has at most one open). */
  openOfContact(contactId: ObjectId): Promise<ChatDoc | null> {
    return this.findOne({ contactId, status: { $ne: 'ended' } }, { sort: { createdAt: -1 } });
  }
}
