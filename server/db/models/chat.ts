import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { CHAT_CHANNELS, CHAT_STATUSES } from '../../../shared/types/enums';
import { schemaOptions } from './common';

const chatSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    teamId: { type: Schema.Types.ObjectId, required: true },
    assigneeId: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, enum: CHAT_STATUSES, required: true },
    channel: { type: String, enum: CHAT_CHANNELS, required: true },
    /** Last allocated message seq; incremented atomically per message. */
    lastSeq: { type: Number, default: 0 },
    /**
     * Bumped by every write to the chat except the one that takes seqs (repos/chats.ts). The
     * message writer keeps chats it has seen in memory and takes seqs with an update conditional
     * on (lastSeq, rev): a change by anyone, on any instance, fails that condition, so a stale copy
     * is never used (services/message-writer.ts).
     */
    rev: { type: Number, default: 0 },
    lastMessage: {
      type: new Schema({ seq: Number, text: String, authorKind: String, authorName: String, createdAt: Date }, { _id: false }),
      default: null,
    },
    /**
     * Read receipts: the highest seq an agent / the visitor has seen, and when. Only ever raised
     * (a conditional `$lt` update, services/read-receipts.ts), so a late frame never lowers it.
     */
    agentReadSeq: { type: Number, default: 0 },
    agentReadAt: { type: Date, default: null },
    visitorReadSeq: { type: Number, default: 0 },
    visitorReadAt: { type: Date, default: null },
    /** Set when routing assigned the chat (not a claim or a manual assignment). */
    autoAssigned: { type: Boolean, default: false },
    awaitingChoice: { type: Boolean, default: false },
    /**
     * When the unresponsive-agent job of the current auto-assignment fires; null when none is
     * pending. Cleared by whichever comes first — the agent's first message or the job — with
     * one conditional update, so exactly one of them wins.
     */
    unresponsiveDueAt: { type: Date, default: null },
    /** Agents who let this chat go unanswered; routing never offers it to them again. */
    unresponsiveAgentIds: { type: [Schema.Types.ObjectId], default: [] },
    /**
     * Automatic answers (after-hours notice, assigned message) written before the visitor's first
     * message: held here and stored right after that message, so the conversation reads in order
     * (services/messages.ts, postAutomaticMessage).
     */
    pendingAutoMessages: {
      type: [new Schema({ kind: String, authorId: { type: Schema.Types.ObjectId, default: null }, authorName: { type: String, default: null }, text: String }, { _id: false })],
      default: [],
    },
    /** The visitor's rating after the end (services/ratings.ts); null until they rate. */
    rating: {
      type: new Schema({ score: Number, comment: { type: String, default: null }, ratedAt: Date }, { _id: false }),
      default: null,
    },
    /** When the team's auto-resolve ends this idle chat; null when no job is pending (services/auto-resolve.ts). */
    autoResolveDueAt: { type: Date, default: null },
    /** Chat labels (normalized, see domain/chat-labels.ts); apart from the contact's tags. */
    labels: { type: [String], default: [] },
    /** Idempotency key of the bot handoff that opened it. */
    handoffId: { type: String, default: null },
    /**
     * Left through the widget's offline form (services/offline-messages.ts): agents' answers are
     * also e-mailed to this address, since the visitor may never come back to the page.
     */
    replyByEmail: { type: String, default: null },
    createdAt: { type: Date, required: true },
    assignedAt: { type: Date, default: null },
    firstResponseAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    /**
     * Moves on every write (mongoose timestamps; allocateSeq sets it itself), so the v1 chat list
     * can page by (updatedAt, _id) and a bot platform catch up on what changed (chats-list.ts).
     */
    updatedAt: { type: Date },
  },
  schemaOptions,
);
// Set after construction so the inferred document type stays the declared one.
chatSchema.set('timestamps', { createdAt: false, updatedAt: 'updatedAt' });
chatSchema.index({ orgId: 1, status: 1, teamId: 1, createdAt: -1 });
chatSchema.index({ orgId: 1, assigneeId: 1, status: 1 });
chatSchema.index({ orgId: 1, contactId: 1, createdAt: -1 });
chatSchema.index({ orgId: 1, createdAt: -1 });
// Dashboard figures per team over a date range.
chatSchema.index({ orgId: 1, teamId: 1, createdAt: -1 });
chatSchema.index({ orgId: 1, updatedAt: 1, _id: 1 });
// The list's ?label= filter (and the labels in use).
chatSchema.index({ orgId: 1, labels: 1, createdAt: -1 });
chatSchema.index({ orgId: 1, handoffId: 1 }, { unique: true, partialFilterExpression: { handoffId: { $type: 'string' } } });

export type ChatDoc = InferSchemaType<typeof chatSchema> & { _id: Types.ObjectId };
export const chatModel = (conn: Connection) => conn.model('Chat', chatSchema, 'chats');
