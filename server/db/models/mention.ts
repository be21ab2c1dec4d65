import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// One member named in one note: the member's "Mentions" list reads these newest first.
const mentionSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    chatId: { type: Schema.Types.ObjectId, required: true },
    noteId: { type: Schema.Types.ObjectId, required: true },
    by: {
      id: { type: Schema.Types.ObjectId, required: true },
      name: { type: String, default: null },
    },
    excerpt: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  schemaOptions,
);
mentionSchema.index({ orgId: 1, userId: 1, createdAt: -1 });
mentionSchema.index({ noteId: 1, userId: 1 }, { unique: true });

export type MentionDoc = InferSchemaType<typeof mentionSchema> & { _id: Types.ObjectId };
export const mentionModel = (conn: Connection) => conn.model('Mention', mentionSchema, 'mentions');
