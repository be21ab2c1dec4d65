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
    /** Per-language widget texts, `{ fr: { greeting, afterHours, assigned, offline } }` (services/widget-texts.ts reads them). */
    widgetTexts: { type: Schema.Types.Mixed, default: undefined },
    /** E-mail every ended chat's transcript to its contact when they have an e-mail (services/transcripts.ts). */
    transcriptAutoEmail: { type: Boolean },
    handoff: {
      webhookUrl: { type: String, default: null },
      webhookSecret: { type: String, default: null },
      /** After a rotation the old secret also signs deliveries until `webhookPreviousSecretUntil`. */
      webhookPreviousSecret: { type: String, default: null },
      webhookPreviousSecretUntil: { type: Date, default: null },
      /** The event types the bot platform subscribed to; absent: all of them. */
      webhookEvents: { type: [String], default: undefined },
    },
    /**
     * Only on the demo organization (services/demo.ts): whether /demo is on, and while it is, the
     * demo owner's generated password in clear text — the page publishes it, so it is no secret
     * while on; switching the page off deletes it (the account keeps only its hash).
     */
    demo: { type: new Schema({ pageOn: { type: Boolean, required: true }, password: { type: String, default: null } }, { _id: false }), required: false },
    /** The bot platform's account this organization was enrolled from (/api/platform/v1); null for sign-ups. */
    externalAccountId: { type: String, default: null },
    /** Disabled by the platform: API keys refused, members cannot sign in, the widget is unavailable. */
    disabled: { type: Boolean },
    /** The API key enrollment issued, revoked when the platform asks for a new one. */
    platformApiKeyId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
organizationSchema.index({ externalAccountId: 1 }, { unique: true, partialFilterExpression: { externalAccountId: { $type: 'string' } } });

export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: import('mongoose').Types.ObjectId };
export const organizationModel = (conn: Connection) => conn.model('Organization', organizationSchema, 'organizations');
