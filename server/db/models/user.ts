import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { ROLES, MANUAL_STATUSES } from '../../../shared/types/enums';
import { scheduleSchema, schemaOptions } from './common';

const userSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true, index: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    teamIds: { type: [Schema.Types.ObjectId], default: [] },
    phone: { type: String, default: null },
    active: { type: Boolean, default: true },
    notifications: {
      email: { type: Boolean, default: true },
      sms: { type: Boolean, default: false },
      sound: { type: Boolean, default: true },
    },
    manualStatus: { type: String, enum: MANUAL_STATUSES, default: 'available' },
    schedule: { type: scheduleSchema, default: null },
    maxConcurrentChats: { type: Number, default: null },
    lastAssignedAt: { type: Date, default: null },
    lastNewContactAssignedAt: { type: Date, default: null },
    /**
     * Routing lease (server/routing/agent-lease.ts): while a router holds it, only that router may
     * decide whether this agent takes one more chat, so capacity is checked and used atomically
     * across server instances. Expires on its own if the holder dies.
     */
    routingLeaseToken: { type: String, default: null },
    routingLeaseExpiresAt: { type: Date, default: null },
    /** Bumped on password change / deactivation; sessions minted before it are dead. */
    sessionEpoch: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
// E-mail identifies a login across the whole installation (login has no org picker).
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ orgId: 1, teamIds: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const userModel = (conn: Connection) => conn.model('User', userSchema, 'users');
