import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { schemaOptions } from './common';

const organizationSchema = new Schema(
  {
    name: { type: String, required: true },
    timezone: { type: String, required: true, default: 'UTC' },
    widgetKey: { type: String, required: true, unique: true },
    /** HMAC secret for widget identity verification (data-user-hash). */
    identitySecret: { type: String, required: true },
    widget: {
      title: { type: String, default: 'Chat with us' },
      color: { type: String, default: '#4f46e5' },
      greeting: { type: String, default: 'Hi! How can we help you today?' },
      position: { type: String, enum: ['left', 'right'], default: 'right' },
      allowedOrigins: { type: [String], default: [] },
    },
    handoff: {
      webhookUrl: { type: String, default: null },
      webhookSecret: { type: String, default: null },
    },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);

export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: import('mongoose').Types.ObjectId };
export const organizationModel = (conn: Connection) => conn.model('Organization', organizationSchema, 'organizations');
