// An organization's contacts, with the lookups by external identity, the batched summaries chat
// lists show, and the bookkeeping chats and messages leave on their contact.
import type { ObjectId } from '../ids';
import type { ContactDoc } from '../models/contact';
import { ScopedCollection, type ScopedFilter, type Update } from '../scoped-collection';

export type ContactSummary = Pick<ContactDoc, '_id' | 'name' | 'username' | 'email'>;
export const CONTACT_SUMMARY = { name: 1, username: 1, email: 1 } as const;

export class ContactsRepo extends ScopedCollection<ContactDoc> {
  /** Name, username and e-mail by id (string), for chat lists. */
  async summariesById(ids: readonly ObjectId[]): Promise<Map<string, ContactSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.find<ContactSummary>({ _id: { $in: [...ids] } }, { projection: CONTACT_SUMMARY });
    return new Map(rows.map((c) => [c._id.toString(), c]));
  }

  /** The contact of a bot platform user on one channel. */
  byBotUser(external: { botUserId: string; channel: string }): Promise<ContactDoc | null> {
    return this.findOne(botUserFilter(external));
  }

  /**
   * Updates the bot user's contact, inserting it on first sight; `created` tells which happened.
   * Two first sightings at once: the unique index fails one of them with E11000 (callers retry).
   */
  async upsertBotUser(external: { botUserId: string; channel: string }, update: Update): Promise<{ contact: ContactDoc; created: boolean }> {
    const res = (await this.model
      .findOneAndUpdate(this.scoped(botUserFilter(external)), update, { returnDocument: 'after', upsert: true, includeResultMetadata: true })
      .lean()
      .exec()) as unknown as { value: ContactDoc; lastErrorObject?: { updatedExisting?: boolean } };
    return { contact: res.value, created: res.lastErrorObject?.updatedExisting === false };
  }

  /**
   * Stores `searchText` only if the fields it was computed from still hold what the caller read:
   * if another write came in between, that writer's own recomputation sees the later state.
   */
  async setSearchTextIfUnchanged(read: Pick<ContactDoc, '_id' | 'name' | 'username' | 'email' | 'tags'>, searchText: string): Promise<void> {
    await this.updateOne(
      { _id: read._id, name: read.name ?? null, username: read.username ?? null, email: read.email ?? null, tags: read.tags ?? [] },
      { $set: { searchText } },
    );
  }

  /** A new chat of the contact: counted, the contact seen now, and its first chat stamped once. */
  async noteNewChat(contactId: ObjectId, at: Date): Promise<void> {
    await this.updateOne({ _id: contactId }, { $inc: { chatCount: 1 }, $set: { lastSeenAt: at } });
    // $min would never replace the schema's default null (null sorts below every date).
    await this.updateOne({ _id: contactId, firstChatAt: null }, { $set: { firstChatAt: at } });
  }

  /** The agent who last had the contact (routing prefers them next time). */
  async setLastAgent(contactId: ObjectId, agentId: ObjectId): Promise<void> {
    await this.updateOne({ _id: contactId }, { $set: { lastAgentId: agentId } });
  }

  /** The contact was seen at `at` (a message or a chat from them). */
  async seenAt(contactId: ObjectId, at: Date): Promise<void> {
    await this.updateOne({ _id: contactId }, { $set: { lastSeenAt: at } });
  }
}

const botUserFilter = (external: { botUserId: string; channel: string }): ScopedFilter => ({
  'externalIds.botUserId': external.botUserId,
  'externalIds.channel': external.channel,
});
