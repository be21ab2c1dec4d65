import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// Organization API keys for the bot platform. Only the SHA-256 of the key is stored; `prefix`
// (the key's first characters) lets admins tell keys apart without keeping the secret.
const apiKeySchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    keyHash: { type: String, required: true, unique: true },
    /** Requests without a valid X-Phoenix-Signature are refused. */
    signatureRequired: { type: Boolean, default: false },
    rateLimitPerMinute: { type: Number, required: true },
    /**
     * What the key may reach under /api/v1 (API_KEY_SCOPES). Keys created before scopes
     * existed have none stored and read as all of them (scopesOf), so they keep working.
     */
    scopes: { type: [String], default: undefined },
    /** The admin who created it; member provisioning acts with this member's current rights. */
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  schemaOptions,
);
apiKeySchema.index({ orgId: 1, createdAt: -1 });

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema> & { _id: Types.ObjectId };
export const apiKeyModel = (conn: Connection) => conn.model('ApiKey', apiKeySchema, 'api_keys');
