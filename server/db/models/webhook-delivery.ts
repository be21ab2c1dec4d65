import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../../../shared/types/integrations';
import { schemaOptions } from './common';

// The event types and statuses are part of the contract with the console (shared/types).
export { DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES };
export type { DeliveryStatus, WebhookEventType } from '../../../shared/types/integrations';

// One outbound webhook event and its delivery log. `eventId` is derived from what happened
// (message id, chat + assignment, chat end), so every server instance that sees the same bus
// event computes the same id and the unique index lets exactly one of them enqueue it.
const webhookDeliverySchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    eventId: { type: String, required: true, unique: true },
    type: { type: String, enum: WEBHOOK_EVENT_TYPES, required: true },
    chatId: { type: Schema.Types.ObjectId, default: null },
    /**
     * Order within the chat: a message's seq, or the chat's lastSeq + 0.5 for chat events, so
     * "assigned", the agent's messages and "ended" go out in the order they happened.
     */
    position: { type: Number, default: 0 },
    /** The exact JSON sent (and signed) on every attempt, so retries are byte-identical. */
    body: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    /** An attempt in progress holds the delivery until then, so two runners never both send. */
    lockedUntil: { type: Date, default: null },
    lastAttemptAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    responseCode: { type: Number, default: null },
    url: { type: String, default: null },
    nextAttemptAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
webhookDeliverySchema.index({ orgId: 1, createdAt: -1, _id: -1 });
webhookDeliverySchema.index({ chatId: 1, status: 1, position: 1 });

export type WebhookDeliveryDoc = InferSchemaType<typeof webhookDeliverySchema> & { _id: Types.ObjectId };
export const webhookDeliveryModel = (conn: Connection) => conn.model('WebhookDelivery', webhookDeliverySchema, 'webhook_deliveries');
