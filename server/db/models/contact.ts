import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { CONTACT_STATUSES, CUSTOM_FIELD_TYPES } from '../../../shared/types/enums';
import { schemaOptions } from './common';

const customFieldSchema = new Schema(
  { key: { type: String, required: true }, type: { type: String, enum: CUSTOM_FIELD_TYPES, required: true }, value: Schema.Types.Mixed },
  { _id: false },
);

const contactSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, default: null },
    username: { type: String, default: null },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    status: { type: String, enum: CONTACT_STATUSES, default: 'open' },
    tags: { type: [String], default: [] },
    customFields: { type: [customFieldSchema], default: [] },
    externalIds: {
      botUserId: { type: String, default: null },
      channel: { type: String, default: null },
      /** The customer's own user id, verified by the widget's identity hash. */
      userId: { type: String, default: null },
    },
    lastAgentId: { type: Schema.Types.ObjectId, default: null },
    visitor: {
      pageUrl: { type: String, default: null },
      referrer: { type: String, default: null },
      browser: { type: String, default: null },
      language: { type: String, default: null },
    },
    /** The widget's language for this visitor (en, fr, …): automatic messages are written in it. */
    locale: { type: String, default: null },
    /** Lower-cased name/username/email/tags joined, for substring search without $text. */
    searchText: { type: String, default: '' },
    chatCount: { type: Number, default: 0 },
    firstChatAt: { type: Date, default: null },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
  },
  schemaOptions,
);
contactSchema.index({ orgId: 1, lastSeenAt: -1 });
contactSchema.index({ orgId: 1, tags: 1 });
contactSchema.index(
  { orgId: 1, 'externalIds.botUserId': 1, 'externalIds.channel': 1 },
  { unique: true, partialFilterExpression: { 'externalIds.botUserId': { $type: 'string' } } },
);
contactSchema.index(
  { orgId: 1, 'externalIds.userId': 1 },
  { unique: true, partialFilterExpression: { 'externalIds.userId': { $type: 'string' } } },
);

export type ContactDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId };
export const contactModel = (conn: Connection) => conn.model('Contact', contactSchema, 'contacts');
