import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { CHAT_EVENT_KINDS } from '../../../shared/types/enums';
import { schemaOptions } from './common';

const chatEventSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    chatId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: CHAT_EVENT_KINDS, required: true },
    actor: {
      kind: { type: String, enum: ['agent', 'system', 'automation', 'contact'], required: true },
      id: { type: Schema.Types.ObjectId, default: null },
      name: { type: String, default: null },
    },
    fromAssigneeId: { type: Schema.Types.ObjectId, default: null },
    toAssigneeId: { type: Schema.Types.ObjectId, default: null },
    fromTeamId: { type: Schema.Types.ObjectId, default: null },
    toTeamId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
chatEventSchema.index({ chatId: 1, createdAt: 1 });

export type ChatEventDoc = InferSchemaType<typeof chatEventSchema> & { _id: Types.ObjectId };
export const chatEventModel = (conn: Connection) => conn.model('ChatEvent', chatEventSchema, 'chat_events');
