// The message writer's two database steps for a whole batch of messages (group commit, see
// services/message-writer.ts): one `update` command that takes the seqs of every chat in the batch
// and one `insert` command that stores every message. Both are raw commands, not the driver's bulk
// API or mongoose: this is the hottest path of the product, and a command's reply already says,
// statement by statement, what happened. Where the connection allows, they go over a bare OP_MSG
// socket instead of the driver (hot-wire.ts: a tenth of the CPU per command). Every statement
// names its organization.
import type { Connection } from 'mongoose';
import { createHotWire, plainHost, type HotWire } from '../hot-wire';
import type { ObjectId } from '../ids';
import type { MessageDoc } from '../models/message';
import type { MessagePreview } from './chats';

/** Take seqs on a chat whose state this instance knows: only if it is still exactly that state. */
export interface SeqStep {
  orgId: ObjectId;
  chatId: ObjectId;
  /** The chat's lastSeq and rev as last seen; the step applies only if both are still so. */
  expectSeq: number;
  expectRev: number | null;
  /** lastSeq after the step (expectSeq + the number of messages). */
  newSeq: number;
  lastMessage: MessagePreview & { seq: number };
  updatedAt: Date;
  /** Refuse if the chat has ended meanwhile (visitor messages). */
  openOnly: boolean;
}

export type InsertFailure = { index: number; reason: 'clientId' | 'seq' | 'other'; message: string };

interface WriteReply {
  ok: number;
  n?: number;
  upserted?: { index: number; _id: unknown }[];
  writeErrors?: { index: number; code: number; errmsg?: string; keyPattern?: Record<string, unknown> }[];
}

/** Marks the document an upsert creates when a chat vanished under a step (removed right away). */
const VANISHED = '__seqStepOnVanishedChat';

export function createMessageBatches(conn: Connection) {
  const db = () => conn.db!;
  let wire: HotWire | null | undefined;
  conn.on('close', () => wire?.close());
  /** The hot wire when this connection allows one (decided once, when first needed), else the driver. */
  const run = (cmd: Record<string, unknown>): Promise<Record<string, unknown>> => {
    if (wire === undefined) {
      const target = plainHost(conn.getClient());
      wire = target ? createHotWire(target, db().databaseName) : null;
    }
    return wire?.usable ? wire.command(cmd) : db().command(cmd);
  };
  return {
    /**
     * Applies every step, each on its own: which of them applied, in order. A step whose condition
     * fails must be told apart from one that applied without a reply per statement: each is an
     * upsert on the chat's `_id`, so a chat that is no longer in the expected state makes the
     * upsert's insert collide with it (E11000 on `_id`), and that comes back as a write error at
     * the step's index. (A chat that no longer exists at all would be created instead: that is
     * undone at once and counts as not applied.)
     */
    async advanceSeqs(steps: readonly SeqStep[]): Promise<boolean[]> {
      if (steps.length === 0) return [];
      const reply = (await run({
        update: 'chats',
        ordered: false,
        // Answered once applied, not once journaled: the batch's insert right after it is
        // journaled, and the journal (the stand-in's, mongod's) is written in order, so the insert's
        // acknowledgement covers this step too. Lost in a crash before that insert, the step is
        // lost with messages nobody was told were stored, and the writer's next step on the chat
        // finds the old seq and reads the chat afresh. Half the journal syncs per batch.
        writeConcern: { j: false },
        updates: steps.map((s) => ({
          q: { _id: s.chatId, orgId: s.orgId, lastSeq: s.expectSeq, rev: s.expectRev, ...(s.openOnly ? { status: { $ne: 'ended' } } : {}) },
          u: { $set: { lastSeq: s.newSeq, lastMessage: s.lastMessage, updatedAt: s.updatedAt }, $setOnInsert: { [VANISHED]: true } },
          upsert: true,
        })),
      })) as unknown as WriteReply;
      const applied = steps.map(() => true);
      for (const error of reply.writeErrors ?? []) applied[error.index] = false;
      if (reply.upserted && reply.upserted.length > 0) {
        for (const up of reply.upserted) applied[up.index] = false;
        await run({ delete: 'chats', deletes: reply.upserted.map((up) => ({ q: { _id: up._id, [VANISHED]: true }, limit: 1 })) });
      }
      if (reply.ok !== 1 || (reply.writeErrors ?? []).some((e) => e.code !== 11000)) {
        const other = (reply.writeErrors ?? []).find((e) => e.code !== 11000);
        if (other || reply.ok !== 1) throw new Error(`taking seqs failed: ${other?.errmsg ?? JSON.stringify(reply)}`);
      }
      return applied;
    },

    /**
     * Inserts every message (each complete, with its organization), continuing past failures:
     * which failed and why. A repeated clientId is a resend (the unique index decides; the caller
     * reads the original); a repeated seq means the seq was not this writer's to take.
     */
    async insertMessages(docs: readonly MessageDoc[]): Promise<InsertFailure[]> {
      if (docs.length === 0) return [];
      const reply = (await run({ insert: 'messages', ordered: false, documents: docs as MessageDoc[] })) as unknown as WriteReply;
      if (reply.ok !== 1) throw new Error(`storing messages failed: ${JSON.stringify(reply)}`);
      return (reply.writeErrors ?? []).map((e) => ({
        index: e.index,
        reason: e.code !== 11000 ? 'other' : (e.keyPattern && 'clientId' in e.keyPattern) || /clientId/.test(e.errmsg ?? '') ? 'clientId' : 'seq',
        message: e.errmsg ?? `code ${e.code}`,
      }));
    },
  };
}

export type MessageBatches = ReturnType<typeof createMessageBatches>;
