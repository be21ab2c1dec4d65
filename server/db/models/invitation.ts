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
    invitedBy: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);

export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: Types.ObjectId };
export const invitationModel = (conn: Connection) => conn.model('Invitation', invitationSchema, 'invitations');
