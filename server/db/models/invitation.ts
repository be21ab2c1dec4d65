import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../../../shared/types/enums';
import { schemaOptions } from './common';

const invitationSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true, index: true },
    email: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    teamIds: { type: [Schema.Types.ObjectId], default: [] },
    tokenHash: { type: String, required: true, unique: true },
    /**
     * Links e-mailed again by a resend (SHA-256 each): every link of a pending invitation
     * works, so resending never breaks the one the person already has.
     */
    resentTokenHashes: { type: [String], default: [] },
    invitedBy: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);

invitationSchema.index({ resentTokenHashes: 1 });

export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: Types.ObjectId };
export const invitationModel = (conn: Connection) => conn.model('Invitation', invitationSchema, 'invitations');
