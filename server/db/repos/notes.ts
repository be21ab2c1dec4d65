// An organization's private notes (models/note.ts) and the members they mention (models/mention.ts).
import type { ObjectId } from '../ids';
import type { MentionDoc } from '../models/mention';
import type { NoteDoc } from '../models/note';
import { ScopedCollection, type ScopedFilter } from '../scoped-collection';

export interface TextHit {
  _id: ObjectId;
  chatId: ObjectId;
  text: string;
  createdAt: Date;
}

export class NotesRepo extends ScopedCollection<NoteDoc> {
  ofChat(chatId: ObjectId, limit: number): Promise<NoteDoc[]> {
    return this.find({ chatId }, { sort: { createdAt: 1, _id: 1 }, limit });
  }

  /** Notes whose text matches `search` ($text), best first; `within` narrows to some chats. */
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

export class MentionsRepo extends ScopedCollection<MentionDoc> {
  ofUser(userId: ObjectId, limit: number): Promise<MentionDoc[]> {
    return this.find({ userId }, { sort: { createdAt: -1, _id: -1 }, limit });
  }
}
