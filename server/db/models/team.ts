import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { ASSIGNMENT_STRATEGIES, PERMISSION_MODES, UNRESPONSIVE_STRATEGIES } from '../../../shared/types/enums';
import { scheduleSchema, schemaOptions } from './common';

const teamSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    isDefault: { type: Boolean, default: false },
    permissionMode: { type: String, enum: PERMISSION_MODES, default: 'collaborative' },
    schedule: { type: scheduleSchema, default: null },
    afterHoursMessage: { type: String, default: '' },
    assignmentStrategy: { type: String, enum: ASSIGNMENT_STRATEGIES, default: 'none' },
    assignedMessage: { type: String, default: '' },
    unresponsiveStrategy: { type: String, enum: UNRESPONSIVE_STRATEGIES, default: 'none' },
    unresponsiveTimeoutSeconds: { type: Number, default: 300 },
    unresponsiveMessage: { type: String, default: '' },
    maxChatsPerAgent: { type: Number, default: null },
    /** Round robin picks only agents with a console tab open (presence not offline). */
    onlineOnlyRouting: { type: Boolean, default: true },
    /** Auto-resolve (services/auto-resolve.ts): null is off. */
    autoResolveMinutes: { type: Number, default: null },
    autoResolveMessage: { type: String, default: null },
    /** The widget's pre-chat form (services/prechat.ts); off by default. */
    prechatForm: {
      type: new Schema(
        { enabled: { type: Boolean, default: false }, fields: { type: [new Schema({ field: String, label: String, required: Boolean }, { _id: false })], default: [] } },
        { _id: false },
      ),
      default: () => ({ enabled: false, fields: [] }),
    },
    /** Offer the offline form while open but nobody has the console open (services/offline-messages.ts). */
    offlineWhenNoAgentOnline: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
teamSchema.index({ orgId: 1, name: 1 }, { unique: true });

export type TeamDoc = InferSchemaType<typeof teamSchema> & { _id: Types.ObjectId };
export const teamModel = (conn: Connection) => conn.model('Team', teamSchema, 'teams');
