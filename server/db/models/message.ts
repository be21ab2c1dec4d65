import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { AUTHOR_KINDS } from '../../../shared/types/enums';
import { schemaOptions } from './common';

const attachmentSchema = new Schema(
  { fileId: Schema.Types.ObjectId, name: String, contentType: String, size: Number },
  { _id: false },
);

const messageSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    chatId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    clientId: { type: String, default: null },
    author: {
      kind: { type: String, enum: AUTHOR_KINDS, required: true },
      id: { type: Schema.Types.ObjectId, default: null },
      name: { type: String, default: null },
    },
    text: { type: String, default: '' },
    attachments: { type: [attachmentSchema], default: [] },
    actions: { type: [new Schema({ id: String, label: String }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
messageSchema.index({ chatId: 1, seq: 1 }, { unique: true });
// A resend with the same clientId must never store a second message, even when two arrive at once.
messageSchema.index({ chatId: 1, clientId: 1 }, { unique: true, partialFilterExpression: { clientId: { $type: 'string' } } });

// Chat search ($text, services/chat-search.ts). One text index per collection.
messageSchema.index({ text: 'text' }, { name: 'message_text', default_language: 'english' });

export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };
export const messageModel = (conn: Connection) => conn.model('Message', messageSchema, 'messages');
