// An organization's chats, with the reads that several features share and the conditional
// updates of the chat lifecycle. Every state change is one update guarded by the state it was
// decided on, so of two racing writers exactly one wins (the other gets null).
import type { FindCursor } from 'mongodb';
import type { PipelineStage } from 'mongoose';
import type { ObjectId } from '../ids';
import type { ChatDoc } from '../models/chat';
import { ScopedCollection, type FindOneAndUpdateOptions, type FindOptions, type ScopedFilter, type Sort, type Update, type WriteResult } from '../scoped-collection';

/**
 * Which chats an agent may see, team by team, as the permission rules decided it (the caller
 * turns roles and team modes into this; see services/chats.ts `chatViewer`).
 */
export interface ChatViewer {
  agentId: ObjectId;
  /** Teams whose chats the agent sees, all of them. */
  allOf: readonly ObjectId[];
  /** Teams where the agent sees the queue (unassigned chats) but not others' chats. */
  queueOf: readonly ObjectId[];
}

/** The list preview a new message leaves on its chat. */
export interface MessagePreview {
  text: string;
  authorKind: string;
  authorName: string | null;
  createdAt: Date;
}

export interface OpenChatCount {
  _id: { teamId: ObjectId; status: string; mine: boolean };
  n: number;
}

const OPEN = { status: { $in: ['unassigned', 'assigned'] } } as const;

/** The agent's own chats (past the queue) and whatever their teams let them see. */
function visibleTo(viewer: ChatViewer): ScopedFilter {
  const or: Record<string, unknown>[] = [{ assigneeId: viewer.agentId, status: { $ne: 'unassigned' } }];
  if (viewer.allOf.length > 0) or.push({ teamId: { $in: [...viewer.allOf] } });
  if (viewer.queueOf.length > 0) or.push({ teamId: { $in: [...viewer.queueOf] }, status: 'unassigned' });
  return { $or: or };
}

/**
 * `update` plus a bump of the chat's `rev` (see the model): every write but the seq writer's goes
 * through here, so the message writer's cached copy of a chat is used only while it is current.
 */
export function withRevBump(update: Update): Update {
  if (Array.isArray(update)) return [...update, { $set: { rev: { $add: [{ $ifNull: ['$rev', 0] }, 1] } } }];
  const operators = Object.keys(update).some((key) => key.startsWith('$'));
  const base: Record<string, unknown> = operators ? { ...update } : { $set: update };
  const inc = (base.$inc ?? {}) as Record<string, unknown>;
  return { ...base, $inc: { ...inc, rev: 1 } };
}

export class ChatsRepo extends ScopedCollection<ChatDoc> {
  override updateOne(filter: ScopedFilter, update: Update, opts: { upsert?: boolean } = {}): Promise<WriteResult> {
    return super.updateOne(filter, withRevBump(update), opts);
  }

  override updateMany(filter: ScopedFilter, update: Update): Promise<WriteResult> {
    return super.updateMany(filter, withRevBump(update));
  }

  override findOneAndUpdate<T = ChatDoc>(filter: ScopedFilter, update: Update, opts: FindOneAndUpdateOptions = {}): Promise<T | null> {
    return super.findOneAndUpdate<T>(filter, withRevBump(update), opts);
  }

  /** The chat a bot platform handoff opened (unique per organization). */
  byHandoffId(handoffId: string): Promise<ChatDoc | null> {
    return this.findOne({ handoffId });
  }

  /**
   * One page of chats in (updatedAt, _id) order after `after` (exclusive): the bot platform's
   * catch-up list. Ties on updatedAt are broken by _id, so no chat is skipped or repeated.
   */
  changedSince(filters: readonly ScopedFilter[], after: { at: Date; id: ObjectId } | null, limit: number): Promise<ChatDoc[]> {
    const position = after ? [{ $or: [{ updatedAt: { $gt: after.at } }, { updatedAt: after.at, _id: { $gt: after.id } }] }] : [];
    return this.find({ $and: [{ updatedAt: { $type: 'date' } }, ...filters, ...position] }, { sort: { updatedAt: 1, _id: 1 }, limit });
  }

  /** Chats stored before updatedAt existed get one (now): they join the change list once. */
  async stampMissingUpdatedAt(): Promise<void> {
    if (await this.exists({ updatedAt: null })) await this.updateMany({ updatedAt: null }, { $set: { updatedAt: new Date() } });
  }

  /** The contact's newest chat that has not ended (a visitor has at most one open). */
  openOfContact(contactId: ObjectId): Promise<ChatDoc | null> {
    return this.findOne({ contactId, status: { $ne: 'ended' } }, { sort: { createdAt: -1 } });
  }

  /** The chats `viewer` may open among those matching every one of `filters`. */
  visibleTo(viewer: ChatViewer, filters: readonly ScopedFilter[], opts: FindOptions = {}): Promise<ChatDoc[]> {
    return this.find({ $and: [visibleTo(viewer), ...filters] }, opts);
  }

  /**
   * `visibleTo` among the chats with these ids (search hits). The ids stay at the top level of the
   * filter, where an index (the `_id` index; the stand-in's document map) finds them without a scan.
   */
  visibleAmong(viewer: ChatViewer, ids: readonly ObjectId[], filters: readonly ScopedFilter[], opts: FindOptions = {}): Promise<ChatDoc[]> {
    return this.find({ _id: { $in: [...ids] }, $and: [visibleTo(viewer), ...filters] }, opts);
  }

  /**
   * The matching chats one batch at a time from a driver cursor, for exports that must never hold
   * a whole range in memory. The caller iterates it (`for await`) and closes it when it stops early.
   */
  cursor(filter: ScopedFilter, opts: { sort: Sort; batchSize?: number }): FindCursor<ChatDoc> {
    return this.model.collection.find(this.scoped(filter), { sort: opts.sort, batchSize: opts.batchSize ?? 200 }) as unknown as FindCursor<ChatDoc>;
  }

  /** The open chats `viewer` may see, counted by team, status and whether they are the viewer's. */
  visibleOpenCounts(viewer: ChatViewer): Promise<OpenChatCount[]> {
    return this.aggregate<OpenChatCount>([
      { $match: { $and: [visibleTo(viewer), OPEN] } },
      { $group: { _id: { teamId: '$teamId', status: '$status', mine: { $eq: ['$assigneeId', viewer.agentId] } }, n: { $sum: 1 } } },
    ]);
  }

  /** The chats an agent holds (to hand back to the queue when they can no longer answer). */
  assignedTo(agentId: ObjectId): Promise<ChatDoc[]> {
    return this.find({ assigneeId: agentId, status: 'assigned' });
  }

  /**
   * Takes the chat's next `count` seqs and moves its list preview to the last of them, in one
   * atomic step, so previews follow seq order even when messages are stored at once. Straight
   * through the driver: the message writer runs it for a chat it has no current copy of (see
   * message-batches.ts for the cheap path). User text goes in as a literal, never as an
   * expression. `openOnly`: null (nothing taken) if the chat has ended. Returns the chat after.
   */
  async allocateSeq(chatId: ObjectId, preview: MessagePreview, opts: { openOnly?: boolean; count?: number } = {}): Promise<ChatDoc | null> {
    const next = { $add: [{ $ifNull: ['$lastSeq', 0] }, opts.count ?? 1] };
    const lastMessage = {
      seq: next,
      text: { $literal: preview.text },
      authorKind: { $literal: preview.authorKind },
      authorName: { $literal: preview.authorName },
      createdAt: { $literal: preview.createdAt },
    };
    return (await this.model.collection.findOneAndUpdate(
      this.scoped({ _id: chatId, ...(opts.openOnly ? { status: { $ne: 'ended' } } : {}) }),
      // The driver bypasses mongoose's timestamps: updatedAt is set here, on the same clock.
      [{ $set: { lastSeq: next, lastMessage, updatedAt: { $literal: new Date() } } }],
      { returnDocument: 'after' },
    )) as ChatDoc | null;
  }

  /** Stamps the first agent answer unless one is already there; whether this call stamped it. */
  async stampFirstResponse(chatId: ObjectId, at: Date): Promise<boolean> {
    return (await this.updateOne({ _id: chatId, firstResponseAt: null }, { $set: { firstResponseAt: at } })).modifiedCount > 0;
  }

  /** An agent takes a chat from its team's queue; null if it left the queue (or the team) meanwhile. */
  claim(chat: Pick<ChatDoc, '_id' | 'teamId'>, agentId: ObjectId, at: Date): Promise<ChatDoc | null> {
    return this.findOneAndUpdate(
      { _id: chat._id, status: 'unassigned', teamId: chat.teamId },
      { $set: { status: 'assigned', assigneeId: agentId, assignedAt: at, autoAssigned: false, awaitingChoice: false } },
    );
  }

  /** Applies `set` if status, assignee and team are still as read; null if any changed. */
  updateIfStill(chat: Pick<ChatDoc, '_id' | 'status' | 'assigneeId' | 'teamId'>, set: Record<string, unknown>): Promise<ChatDoc | null> {
    return this.findOneAndUpdate(
      { _id: chat._id, status: chat.status, assigneeId: chat.assigneeId ?? null, teamId: chat.teamId },
      { $set: set },
    );
  }

  /** Ends the chat; null if it had already ended. */
  end(chatId: ObjectId, at: Date): Promise<ChatDoc | null> {
    return this.findOneAndUpdate({ _id: chatId, status: { $ne: 'ended' } }, { $set: { status: 'ended', endedAt: at, awaitingChoice: false } });
  }

  /**
   * A `$lookup` stage adding, as `as`, the first chat ever (any team, this organization only) of
   * the contact whose id is in `contactIdField` (index { orgId, contactId, createdAt }).
   */
  firstChatOfContactStage(contactIdField: string, as: string): PipelineStage.Lookup {
    return {
      $lookup: {
        from: this.collectionName,
        let: { contactId: contactIdField },
        pipeline: [
          { $match: { orgId: this.scope, $expr: { $eq: ['$contactId', '$$contactId'] } } },
          { $sort: { createdAt: 1 } },
          { $limit: 1 },
          { $project: { _id: 0, createdAt: 1 } },
        ],
        as,
      },
    };
  }
}
