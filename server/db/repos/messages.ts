// An organization's messages. Sending a message is the hottest path of the product, so its two
// steps here (the resend lookup and the insert) go straight to the driver's collection, skipping
// mongoose's query and document machinery; they are still scoped by the organization.
import { ObjectId } from '../ids';
import type { MessageDoc } from '../models/message';
import { ScopedCollection, type ScopedFilter } from '../scoped-collection';
import type { TextHit } from './notes';

/** Every field of a message but its id and organization, which are added here (plain arrays: nothing goes through mongoose). */
export type NewMessageDoc = Omit<MessageDoc, '_id' | 'orgId' | 'attachments' | 'actions'> & {
  attachments: { fileId: ObjectId; name: string; contentType: string; size: number }[];
  actions: { id: string; label: string }[];
};

export class MessagesRepo extends ScopedCollection<MessageDoc> {
  /** The message a client already sent under `clientId` (unique per chat), if any. */
  async byClientId(chatId: ObjectId, clientId: string): Promise<MessageDoc | null> {
    return (await this.model.collection.findOne(this.scoped({ chatId, clientId }))) as MessageDoc | null;
  }

  /**
   * Inserts a message built complete by the caller (every field the schema has: nothing is
   * defaulted or cast). A resend racing past `byClientId` fails here with E11000 on the unique
   * (chatId, clientId) index, and so does a seq taken twice.
   */
  async insertRaw(fields: NewMessageDoc): Promise<MessageDoc> {
    const doc = { _id: new ObjectId(), orgId: this.scope, ...fields };
    await this.model.collection.insertOne(doc);
    return doc as MessageDoc;
  }

  /**
   * A page of a chat's messages in seq order, strictly between `afterSeq` and `beforeSeq` when
   * given. `newestFirst` takes the page nearest `beforeSeq` (returned in that order).
   */
  page(chatId: ObjectId, range: { afterSeq?: number; beforeSeq?: number }, limit: number, newestFirst: boolean): Promise<MessageDoc[]> {
    const seq: Record<string, number> = {};
    if (range.afterSeq !== undefined) seq.$gt = range.afterSeq;
    if (range.beforeSeq !== undefined) seq.$lt = range.beforeSeq;
    return this.find({ chatId, ...(Object.keys(seq).length > 0 ? { seq } : {}) }, { sort: { seq: newestFirst ? -1 : 1 }, limit });
  }

  /**
   * Messages whose text matches `search` through the collection's text index ($text: the same
   * query on mongod and on the stand-in), best first; `within` narrows to some chats. Messages
   * only ever hold what the visitor may read: private notes live in their own collection.
   */
  async textHits(search: string, limit: number, within: ScopedFilter = {}): Promise<TextHit[]> {
    return (await this.model.collection
      .find(this.scoped({ ...within, $text: { $search: search } }), {
        projection: { chatId: 1, text: 1, createdAt: 1, score: { $meta: 'textScore' } },
        sort: { score: { $meta: 'textScore' } },
        limit,
      })
      .toArray()) as TextHit[];
  }
}
