import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { SAVED_REPLY_SCOPES } from '../../../shared/contract/saved-replies';
import { schemaOptions } from './common';

// A canned response. `ownerId` is null for the organization's shared replies and the member's id
// for personal ones, so one unique index keeps a shortcut unique per scope: among the shared ones
// (ownerId null) and among each member's own.
const savedReplySchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    scope: { type: String, enum: SAVED_REPLY_SCOPES, required: true },
    ownerId: { type: Schema.Types.ObjectId, default: null },
    shortcut: { type: String, required: true },
    text: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);
savedReplySchema.index({ orgId: 1, ownerId: 1, shortcut: 1 }, { unique: true });

export type SavedReplyDoc = InferSchemaType<typeof savedReplySchema> & { _id: Types.ObjectId };
export const savedReplyModel = (conn: Connection) => conn.model('SavedReply', savedReplySchema, 'savedReplies');
