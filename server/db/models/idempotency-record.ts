import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// Answers of /api/v1 POSTs sent with an Idempotency-Key, kept 24 h so a retry replays the first
// answer instead of doing the work again. The unique index makes "first request wins" atomic
// across instances: a record without `status` is a request still being processed.
const idempotencyRecordSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    apiKeyId: { type: Schema.Types.ObjectId, required: true },
    /** The client's Idempotency-Key header. */
    key: { type: String, required: true },
    /** SHA-256 of method, path with query and body: a different request under the same key is a conflict. */
    fingerprint: { type: String, required: true },
    /** null while the first request runs. */
    status: { type: Number, default: null },
    /** The first request's answer as JSON text (text, so its keys are never field names). */
    body: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  schemaOptions,
);
idempotencyRecordSchema.index({ orgId: 1, apiKeyId: 1, key: 1 }, { unique: true });
idempotencyRecordSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type IdempotencyRecordDoc = InferSchemaType<typeof idempotencyRecordSchema> & { _id: Types.ObjectId };
export const idempotencyRecordModel = (conn: Connection) => conn.model('IdempotencyRecord', idempotencyRecordSchema, 'idempotency_records');
