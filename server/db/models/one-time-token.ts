import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// Single-use secrets sent by e-mail or API: password resets and console login links.
// Redemption is one conditional update on `usedAt: null`, so parallel redemptions get one winner.
const oneTimeTokenSchema = new Schema(
  {
    kind: { type: String, enum: ['password_reset', 'login_link'], required: true },
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
oneTimeTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 86_400 });

export type OneTimeTokenDoc = InferSchemaType<typeof oneTimeTokenSchema> & { _id: Types.ObjectId };
export const oneTimeTokenModel = (conn: Connection) => conn.model('OneTimeToken', oneTimeTokenSchema, 'one_time_tokens');
