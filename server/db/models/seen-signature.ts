import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// Signatures of signed API requests already accepted, kept until their timestamp leaves the
// acceptance window. The unique index makes "first use wins" atomic across server instances.
const seenSignatureSchema = new Schema(
  {
    keyId: { type: Schema.Types.ObjectId, required: true },
    signature: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  schemaOptions,
);
seenSignatureSchema.index({ keyId: 1, signature: 1 }, { unique: true });
seenSignatureSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type SeenSignatureDoc = InferSchemaType<typeof seenSignatureSchema> & { _id: Types.ObjectId };
export const seenSignatureModel = (conn: Connection) => conn.model('SeenSignature', seenSignatureSchema, 'seen_signatures');
