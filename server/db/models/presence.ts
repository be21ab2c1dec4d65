import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { PRESENCES } from '../../../shared/types/enums';
import { schemaOptions } from './common';

// One document per member: the facts presence is derived from (server/domain/presence.ts) and the
// state last announced. Kept apart from the user document: it changes with every tab and
// activity report, and user changes are what routing and permission refreshes listen to.
const presenceSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** Open console tabs per server instance id: each instance counts only its own sockets. */
    tabs: { type: Schema.Types.Mixed, default: {} },
    /** Per instance id, when it last vouched for its counts (heartbeat): stale counts are ignored. */
    beats: { type: Schema.Types.Mixed, default: {} },
    lastTabClosedAt: { type: Date, default: null },
    lastActivityAt: { type: Date, default: null },
    manualAway: { type: Boolean, default: false },
    /** The state last derived and announced (member.presence). */
    state: { type: String, enum: PRESENCES, default: 'offline' },
    since: { type: Date, default: null },
  },
  { ...schemaOptions, minimize: false },
);
presenceSchema.index({ orgId: 1, userId: 1 }, { unique: true });

export type PresenceDoc = InferSchemaType<typeof presenceSchema> & { _id: Types.ObjectId; tabs: Record<string, number>; beats: Record<string, Date> };
export const presenceModel = (conn: Connection) => conn.model('Presence', presenceSchema, 'presence');
