// Group commit of new messages (DESIGN §5, §9). Messages that arrive while a batch is being
// written wait for the next one, and a batch costs two database round trips however many
// messages and chats it holds: one `update` that takes every chat's seqs, one `insert` of every
// message (db/repos/message-batches.ts). Under load batches grow by themselves, so the cost per
// message falls as the rate rises; at a trickle a batch is one message and the latency is that
// of two round trips.
//
// Seqs without a read: the writer keeps the chats it has written in memory and takes seqs with an
// update conditional on the chat's (lastSeq, rev). `rev` moves with every other write to a chat,
// on any instance (repos/chats.ts), so a copy that is not current fails the condition and the
// chat is read afresh with the atomic $inc (allocateSeq) that returns it, as with a chat never
// seen. The same copy is what the published event carries, so a message needs no chat read.
//
// Order: one batch at a time; inside a batch a chat's messages take consecutive seqs in arrival
// order. What one sender sends is therefore stored in the order sent, and seqs of a chat are never
// taken twice (the unique (chatId, seq) index would refuse it anyway).
//
// Resends: no pre-read of the clientId. The unique (chatId, clientId) index decides; a resend's
// insert fails, the original is read and returned, and the seq the resend had taken is announced
// as skipped (bus `message.skipped`) so hubs do not wait on a gap that will never fill. A resend
// of a message still in this instance's memory (same batch, or written here a moment ago) is
// answered without touching the database at all.
import { ObjectId } from '../db/ids';
import type { MessagePreview } from '../db/repos/chats';
import type { NewMessageDoc } from '../db/repos/messages';
import type { SeqStep } from '../db/repos/message-batches';
import type { ChatDoc, MessageDoc } from '../db/types';
import type { AppContext } from '../context';
import { messageBatchSize, messageStoreTime } from '../metrics/process-metrics';

export interface WriteRequest {
  orgId: ObjectId;
  chatId: ObjectId;
  /** The message complete but for its id, organization and seq. */
  fields: Omit<NewMessageDoc, 'seq'>;
  preview: MessagePreview;
  /** Refuse if the chat has ended (visitors). */
  openOnly: boolean;
}

export type WriteOutcome =
  /** Stored at `message.seq`; `chat` is the chat as that message left it. */
  | { kind: 'stored'; message: MessageDoc; chat: ChatDoc }
  /** A resend: the message stored before under the same clientId. */
  | { kind: 'duplicate'; message: MessageDoc }
  | { kind: 'refused'; reason: 'ended' | 'gone' };

interface Pending {
  req: WriteRequest;
  resolve(outcome: WriteOutcome): void;
  reject(err: unknown): void;
}

/** Most messages one batch takes (a bigger backlog goes in the next batches, in order). */
const MAX_BATCH = 500;
/** Chats whose state is kept; the idle longest is forgotten first (and read again when it speaks). */
const MAX_CHATS = 20_000;
/** A batch started this recently means messages are flowing: the next one lingers (batchLingerMs). */
const FLOWING_MS = 10;
/** Recent clientIds answered from memory, per instance. */
const MAX_RECENT = 20_000;

export class MessageWriter {
  private pending: Pending[] = [];
  private running = false;
  private scheduled = false;
  /** When the latest batch started (performance.now()), to tell a flow of messages from a lone one. */
  private lastBatchAt = -Infinity;
  private readonly chats = new Map<string, ChatDoc>();
  private readonly recent = new Map<string, MessageDoc>();
  private idle: (() => void)[] = [];
  /** What the writer did since it started (tests, diagnostics): batches, their messages, and how seqs were taken. */
  readonly stats = { batches: 0, messages: 0, seqSteps: 0, seqReads: 0 };

  constructor(private readonly ctx: AppContext) {}

  write(req: WriteRequest): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.pending.push({ req, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or being written (shutdown, tests). */
  settled(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Forgets a chat's state (its next message reads it afresh). */
  forget(chatId: string): void {
    this.chats.delete(chatId);
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.drain();
    };
    // While messages are flowing, wait a moment for more: a batch's two round trips cost the same
    // for one message or fifty (measured at 1,000 msg/s: 1 ms of waiting took a quarter off the
    // CPU per message of both server and database). A lone message goes at once, on the next turn
    // of the loop (setImmediate, not a microtask: every frame that arrived in this turn joins).
    const linger = this.ctx.config.realtime.batchLingerMs;
    if (linger > 0 && performance.now() - this.lastBatchAt < FLOWING_MS) setTimeout(go, linger);
    else setImmediate(go);
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.lastBatchAt = performance.now();
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.running = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    // Chats in first-arrival order, each with its messages in arrival order; a clientId already
    // in this batch or in memory is a resend, answered with the original.
    const groups = new Map<string, Pending[]>();
    const followers: { of: Pending; p: Pending }[] = [];
    const inBatch = new Map<string, Pending>();
    for (const p of batch) {
      const chatKey = p.req.chatId.toString();
      const clientId = p.req.fields.clientId;
      if (clientId !== null) {
        const key = `${chatKey}:${clientId}`;
        const known = this.recent.get(key);
        if (known) {
          p.resolve({ kind: 'duplicate', message: known });
          continue;
        }
        const first = inBatch.get(key);
        if (first) {
          followers.push({ of: first, p });
          continue;
        }
        inBatch.set(key, p);
      }
      const group = groups.get(chatKey);
      if (group) group.push(p);
      else groups.set(chatKey, [p]);
    }

    this.stats.batches++;
    this.stats.messages += batch.length;
    messageBatchSize.observe(batch.length);
    const outcomes = new Map<Pending, WriteOutcome>();
    const seqs = await this.takeSeqs(groups, outcomes);

    const docs: MessageDoc[] = [];
    const owners: Pending[] = [];
    for (const taken of seqs.values()) {
      taken.items.forEach((p, i) => {
        docs.push({ _id: new ObjectId(), orgId: p.req.orgId, ...p.req.fields, seq: taken.first + i } as MessageDoc);
        owners.push(p);
      });
    }
    const started = performance.now();
    const failures = await this.ctx.repos.messageBatches.insertMessages(docs);
    messageStoreTime.observe((performance.now() - started) / 1000);
    const failed = new Map(failures.map((f) => [f.index, f]));

    const skipped: MessageDoc[] = [];
    const resends: Promise<void>[] = [];
    docs.forEach((doc, i) => {
      const p = owners[i]!;
      const failure = failed.get(i);
      if (!failure) {
        const chat = seqs.get(p.req.chatId.toString())!.chat;
        outcomes.set(p, { kind: 'stored', message: doc, chat: { ...chat, lastSeq: doc.seq, lastMessage: { ...p.req.preview, seq: doc.seq } } as ChatDoc });
        if (doc.clientId !== null) this.remember(`${p.req.chatId.toString()}:${doc.clientId}`, doc);
        return;
      }
      if (failure.reason !== 'seq') skipped.push(doc);
      if (failure.reason === 'clientId') {
        resends.push(
          this.ctx.repos
            .forOrg(p.req.orgId)
            .messages.byClientId(p.req.chatId, doc.clientId!)
            .then((original) => {
              if (original) outcomes.set(p, { kind: 'duplicate', message: original });
              else p.reject(new Error(`message ${doc.clientId} refused as a resend, but no original was found`));
            }, p.reject),
        );
      } else {
        // The chat's state was not what this instance believed: read it afresh next time.
        this.chats.delete(p.req.chatId.toString());
        p.reject(new Error(`message not stored: ${failure.message}`));
      }
    });
    await Promise.all(resends);
    // Seqs taken by messages that were not stored will never exist: hubs skip them at once.
    for (const doc of skipped) {
      void this.ctx.bus.publish({ kind: 'message.skipped', orgId: doc.orgId.toString(), chatId: doc.chatId.toString(), seq: doc.seq });
    }

    for (const [p, outcome] of outcomes) p.resolve(outcome);
    for (const { of, p } of followers) {
      const first = outcomes.get(of);
      if (!first) p.reject(new Error('the original send failed'));
      else p.resolve(first.kind === 'refused' ? first : { kind: 'duplicate', message: first.message });
    }
  }

  /**
   * Seqs for every chat of the batch: the cheap conditional step where this instance knows the
   * chat, the atomic $inc with a read where it does not (or the step found it changed). Refusals
   * (ended, gone) go to `outcomes`.
   */
  private async takeSeqs(groups: Map<string, Pending[]>, outcomes: Map<Pending, WriteOutcome>): Promise<Map<string, { first: number; items: Pending[]; chat: ChatDoc }>> {
    const taken = new Map<string, { first: number; items: Pending[]; chat: ChatDoc }>();
    const known: { chatKey: string; step: SeqStep; chat: ChatDoc }[] = [];
    const unknown: string[] = [];
    const now = new Date();
    for (const [chatKey, group] of groups) {
      const chat = this.chats.get(chatKey);
      if (!chat) {
        unknown.push(chatKey);
        continue;
      }
      const last = group[group.length - 1]!.req;
      const expectSeq = chat.lastSeq ?? 0;
      const newSeq = expectSeq + group.length;
      known.push({
        chatKey,
        chat,
        step: {
          orgId: last.orgId,
          chatId: last.chatId,
          expectSeq,
          expectRev: chat.rev ?? null,
          newSeq,
          lastMessage: { ...last.preview, seq: newSeq },
          updatedAt: now,
          openOnly: group.some((p) => p.req.openOnly),
        },
      });
    }
    this.stats.seqSteps += known.length;
    this.stats.seqReads += unknown.length;
    const [applied] = await Promise.all([
      this.ctx.repos.messageBatches.advanceSeqs(known.map((k) => k.step)),
      Promise.all(unknown.map((chatKey) => this.allocate(chatKey, groups.get(chatKey)!, taken, outcomes))),
    ]);
    const retry: string[] = [];
    known.forEach(({ chatKey, step, chat }, i) => {
      if (!applied[i]) {
        this.chats.delete(chatKey);
        retry.push(chatKey);
        return;
      }
      const after = { ...chat, lastSeq: step.newSeq, lastMessage: step.lastMessage, updatedAt: step.updatedAt } as ChatDoc;
      this.keep(chatKey, after);
      taken.set(chatKey, { first: step.expectSeq + 1, items: groups.get(chatKey)!, chat: after });
    });
    this.stats.seqReads += retry.length;
    await Promise.all(retry.map((chatKey) => this.allocate(chatKey, groups.get(chatKey)!, taken, outcomes)));
    return taken;
  }

  /** The atomic $inc on a chat for `group`; an ended chat refuses its visitors' messages only. */
  private async allocate(
    chatKey: string,
    group: Pending[],
    taken: Map<string, { first: number; items: Pending[]; chat: ChatDoc }>,
    outcomes: Map<Pending, WriteOutcome>,
  ): Promise<void> {
    const { orgId, chatId } = group[0]!.req;
    const chats = this.ctx.repos.forOrg(orgId).chats;
    const openOnly = group.some((p) => p.req.openOnly);
    let items = group;
    let chat = await chats.allocateSeq(chatId, items[items.length - 1]!.req.preview, { openOnly, count: items.length });
    if (!chat && openOnly) {
      // Ended (or gone): visitors are refused; anyone else's messages still go in.
      for (const p of items) if (p.req.openOnly) outcomes.set(p, { kind: 'refused', reason: 'ended' });
      items = items.filter((p) => !p.req.openOnly);
      if (items.length > 0) chat = await chats.allocateSeq(chatId, items[items.length - 1]!.req.preview, { count: items.length });
    }
    if (!chat) {
      for (const p of items) outcomes.set(p, { kind: 'refused', reason: 'gone' });
      return;
    }
    this.keep(chatKey, chat);
    taken.set(chatKey, { first: chat.lastSeq - items.length + 1, items, chat });
  }

  private keep(chatKey: string, chat: ChatDoc): void {
    this.chats.delete(chatKey);
    this.chats.set(chatKey, chat);
    if (this.chats.size > MAX_CHATS) this.chats.delete(this.chats.keys().next().value!);
  }

  private remember(key: string, message: MessageDoc): void {
    this.recent.set(key, message);
    if (this.recent.size > MAX_RECENT) this.recent.delete(this.recent.keys().next().value!);
  }
}

const writers = new WeakMap<AppContext, MessageWriter>();

/** The context's one writer (one per server instance: batches must not overlap). */
export function messageWriter(ctx: AppContext): MessageWriter {
  let writer = writers.get(ctx);
  if (!writer) writers.set(ctx, (writer = new MessageWriter(ctx)));
  return writer;
}
