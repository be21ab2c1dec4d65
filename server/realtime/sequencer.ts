// Per-chat delivery in seq order (DESIGN §5), on one instance or many.
//
// Seqs are taken by whichever instance stores a message, and each publishes when its write is
// done, so `message.created` events of one chat can reach a hub out of seq order (two senders on
// one instance, or two instances), twice (a resend republishes, see services/messages.ts), or not
// at all (a bus outage, a process killed between storing and publishing). Every hub therefore
// puts each chat's events through this sequencer before they become frames:
//
// - the next expected seq is delivered at once, followed by any buffered successors;
// - a later seq is held until the gap before it fills; if it does not fill within `gapWaitMs`,
//   the missing seqs are read from the database and delivered in order. A seq still missing there
//   is waited for up to `gapGiveUpMs` (its writer may be slow) and then skipped: it was taken by a
//   process that died and will never exist (should it turn up after all, it is still delivered);
// - an older seq already delivered is a duplicate (a republish) and dropped.
//
// A chat this hub has not seen starts at the first seq it hears. State is kept for the most
// recently active `maxChats` chats; a chat evicted and heard again simply starts over.
import type { MessageDto } from '../../shared/types/dto';
import type { BusEvent } from '../bus/bus';

export type MessageEvent = Extract<BusEvent, { kind: 'message.created' }>;

export interface SequencerOptions {
  deliver(event: MessageEvent): void;
  /** Stored messages of a chat with afterSeq < seq < beforeSeq, in seq order. */
  fetchRange(orgId: string, chatId: string, afterSeq: number, beforeSeq: number): Promise<MessageDto[]>;
  onError(err: unknown, chatId: string): void;
  gapWaitMs?: number;
  gapGiveUpMs?: number;
  maxChats?: number;
}

interface ChatState {
  /** The next seq to deliver. */
  next: number;
  /** The first seq this hub heard for the chat: older ones were never seen, so not duplicates. */
  floor: number;
  /** Seqs below `floor` delivered late, and seqs skipped as missing: delivered if they turn up. */
  early: Set<number>;
  skipped: Set<number>;
  /** Seqs ahead of `next`: their event, or null for a seq announced as never to exist. */
  held: Map<number, MessageEvent | null>;
  timer: ReturnType<typeof setTimeout> | null;
  /** When the current gap was first noticed, for `gapGiveUpMs`. */
  gapSince: number;
  filling: boolean;
}

/** More held than this and the gap is filled from the database at once, without waiting. */
const MAX_HELD = 200;
/** A gap wider than this is not replayed live: the chat restarts at the held seq (clients fetch). */
const MAX_FILL = 500;

/** Whether a message is held behind a gap (announced skips alone wait for nothing). */
function waitsOnGap(state: ChatState): boolean {
  for (const event of state.held.values()) if (event !== null) return true;
  return false;
}

export class ChatSequencer {
  private readonly chats = new Map<string, ChatState>();
  private readonly gapWaitMs: number;
  private readonly gapGiveUpMs: number;
  private readonly maxChats: number;
  private closed = false;

  constructor(private readonly opts: SequencerOptions) {
    this.gapWaitMs = opts.gapWaitMs ?? 250;
    this.gapGiveUpMs = opts.gapGiveUpMs ?? 3_000;
    this.maxChats = opts.maxChats ?? 20_000;
  }

  push(event: MessageEvent): void {
    const chatId = event.chat.id;
    const seq = event.message.seq;
    let state = this.chats.get(chatId);
    if (!state) {
      state = { next: seq, floor: seq, early: new Set(), skipped: new Set(), held: new Map(), timer: null, gapSince: 0, filling: false };
      this.remember(chatId, state);
    } else {
      // Most recently active last, so eviction takes the chat idle longest.
      this.chats.delete(chatId);
      this.chats.set(chatId, state);
    }
    if (seq === state.next) {
      this.opts.deliver(event);
      state.next++;
      this.release(chatId, state);
    } else if (seq > state.next) {
      state.held.set(seq, event);
      if (state.held.size > MAX_HELD) void this.fill(chatId, state);
      else this.arm(chatId, state);
    } else if (seq < state.floor ? !state.early.has(seq) : state.skipped.delete(seq)) {
      state.early.add(seq);
      this.opts.deliver(event);
    }
  }

  /**
   * `seq` will never exist (its writer announced it): stop waiting for it. A chat this hub has not
   * seen has nothing to wait for.
   */
  skip(chatId: string, seq: number): void {
    const state = this.chats.get(chatId);
    if (!state || seq < state.next) return;
    if (seq === state.next) {
      state.next++;
      this.release(chatId, state);
    } else state.held.set(seq, null);
  }

  /** Forget every chat (after a resync every socket resumes from the database anyway). */
  reset(): void {
    for (const state of this.chats.values()) if (state.timer) clearTimeout(state.timer);
    this.chats.clear();
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  /** Chats with a gap being waited for or filled (tests, shutdown). */
  get pending(): number {
    let n = 0;
    for (const state of this.chats.values()) if (waitsOnGap(state)) n++;
    return n;
  }

  private remember(chatId: string, state: ChatState): void {
    this.chats.set(chatId, state);
    if (this.chats.size <= this.maxChats) return;
    for (const [id, old] of this.chats) {
      if (old.held.size > 0 || old.filling) continue;
      this.chats.delete(id);
      break;
    }
  }

  /** Delivers held successors of `next`; re-arms the gap timer while something is still held. */
  private release(chatId: string, state: ChatState): void {
    while (state.held.has(state.next)) {
      const event = state.held.get(state.next)!;
      state.held.delete(state.next);
      if (event) this.opts.deliver(event);
      state.next++;
    }
    for (const seq of state.held.keys()) if (seq < state.next) state.held.delete(seq);
    // Only announced skips ahead: nothing is waiting on the gap before them.
    if (!waitsOnGap(state)) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.gapSince = 0;
    } else this.arm(chatId, state);
  }

  private arm(chatId: string, state: ChatState): void {
    if (state.timer || state.filling || this.closed) return;
    if (state.gapSince === 0) state.gapSince = Date.now();
    state.timer = setTimeout(() => {
      state.timer = null;
      void this.fill(chatId, state);
    }, this.gapWaitMs);
  }

  /** Reads the missing seqs from the database and delivers them, in order, with what is held. */
  private async fill(chatId: string, state: ChatState): Promise<void> {
    if (state.filling || state.held.size === 0 || this.closed) return;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    state.filling = true;
    const held = [...state.held.keys()].sort((a, b) => a - b);
    const first = held[0]!;
    const template = held.map((seq) => state.held.get(seq)).findLast((event) => event !== null && event !== undefined);
    if (!template) {
      state.filling = false;
      return;
    }
    try {
      if (first - state.next > MAX_FILL) {
        state.next = first;
        return;
      }
      const found = await this.opts.fetchRange(template.orgId, chatId, state.next - 1, first);
      const bySeq = new Map(found.map((m) => [m.seq, m]));
      const givingUp = Date.now() - state.gapSince >= this.gapGiveUpMs;
      while (state.next < first) {
        const message = bySeq.get(state.next);
        if (message) this.opts.deliver({ ...template, message });
        else if (givingUp) state.skipped.add(state.next);
        else break;
        state.next++;
      }
    } catch (err) {
      this.opts.onError(err, chatId);
    } finally {
      state.filling = false;
      if (!this.closed) this.release(chatId, state);
    }
  }
}
