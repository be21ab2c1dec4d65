import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// A widget visitor's token (server-issued, 256 random bits); only its hash is stored.
const visitorSessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    identified: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
  },
  schemaOptions,
);
visitorSessionSchema.index({ lastUsedAt: 1 }, { expireAfterSeconds: 180 * 86_400 });

export type VisitorSessionDoc = InferSchemaType<typeof visitorSessionSchema> & { _id: Types.ObjectId };
export const visitorSessionModel = (conn: Connection) => conn.model('VisitorSession', visitorSessionSchema, 'visitor_sessions');
