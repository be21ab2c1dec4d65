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
// Clean-up only: a token stops working after VISITOR_TOKEN_TTL_DAYS unused (services/visitors.ts,
// at most 180 so it always expires before this drops it). Changing this index's option would make
// existing databases refuse to rebuild it, which is why the lifetime is not read from here.
visitorSessionSchema.index({ lastUsedAt: 1 }, { expireAfterSeconds: 180 * 86_400 });

export type VisitorSessionDoc = InferSchemaType<typeof visitorSessionSchema> & { _id: Types.ObjectId };
export const visitorSessionModel = (conn: Connection) => conn.model('VisitorSession', visitorSessionSchema, 'visitor_sessions');
