// Where the visitor's view of the chat resumes from, and when the outbox may go: the subscription
// on the socket, the resume point (`syncedSeq`) and the wait for `chat.replayed`.
//
// The resume point is the highest *contiguous* seq (rules in internal/gaps.ts): it advances
// through held messages only while nothing before them is missing — whatever brought them (REST
// page, replay, live frame, ack) — so a REST-acked send (seq 5 while 3 and 4 were posted during
// an outage), or an ack overtaking a broadcast, never makes the replay skip messages. Lagging
// behind is always safe (the replay overlaps and merging dedupes); jumping ahead is not.
// A live frame beyond a hole (seq N+2 while holding N: a frame lost on the way) makes the
// widget fetch the history from the resume point at once, not at the next reconnect; a seq
// that fetch shows to be missing while later ones exist will never exist and is skipped.
import type { ChatDto, MessageDto } from '../../shared/types/dto';
import type { ClientMessage } from '../../shared/protocol/messages';
import type { NamedTimers } from '../internal/timer';
import { afterGapFetch, afterReplay, contiguousSeq, gapTarget } from '../internal/gaps';

const HISTORY_PAGE = 100;
const REPLAY_WAIT_MS = 3_000;

export interface ResumeOptions {
  send(frame: ClientMessage): boolean;
  timers: NamedTimers<'replay'>;
  /** Caught up with the server (or gave up waiting): the outbox may go now. */
  onCaughtUp(): void;
  /** Seqs of the shown chat's messages, ascending. */
  held(): readonly number[];
  history: HistorySource;
}

export interface HistorySource {
  page(chatId: string, afterSeq: number, limit: number): Promise<{ items: MessageDto[] }>;
  /** False once another chat is shown: its pages are then dropped. */
  isCurrent(chatId: string): boolean;
  receive(messages: MessageDto[]): void;
}

export class ResumeTracker {
  /** The chat `chat.subscribe` was sent for on the current socket. */
  private subscribedTo: string | null = null;
  /** Every message up to this seq is held: where history and `chat.subscribe` resume. */
  private syncedSeq = 0;
  /** Bumped by `reset`: a gap fetch for the chat shown before must not move the new resume point. */
  private epoch = 0;
  private filling = false;

  constructor(private readonly opts: ResumeOptions) {}

  /** Another chat (or none) is shown: it resumes from its start. */
  reset(): void {
    this.subscribedTo = null;
    this.syncedSeq = 0;
    this.epoch++;
  }

  /** Where `chat.subscribe` and the history resume (exposed for tests and the panel). */
  get resumeSeq(): number {
    return this.syncedSeq;
  }

  isSubscribed(chatId: string): boolean {
    return this.subscribedTo === chatId;
  }

  /**
   * Every socket `ready`: resubscribe with the last seq we hold. The server replays the gap, then
   * sends `chat.replayed`, and only then is the outbox flushed — anything the server stored
   * before the drop has come back in the replay by then and is not resent needlessly. Without a
   * chat there is nothing to replay, and what waits (the first message) may go at once.
   */
  onReady(chat: ChatDto | null): void {
    this.subscribedTo = null;
    this.subscribe(chat);
    if (!chat) this.caughtUp();
  }

  subscribe(chat: ChatDto | null): void {
    if (!chat || this.subscribedTo === chat.id) return;
    if (!this.opts.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: this.syncedSeq })) return;
    this.subscribedTo = chat.id;
    // Should `chat.replayed` never come, do not hold the outbox hostage.
    this.opts.timers.set('replay', REPLAY_WAIT_MS, () => this.caughtUp());
  }

  /** Messages of the shown chat were merged (any source): advance through what now follows. */
  onMessages(): void {
    this.syncedSeq = contiguousSeq(this.syncedSeq, this.opts.held());
  }

  /** A live `message.created` of the shown chat was merged: a hole before it is fetched now. */
  onLive(chatId: string): void {
    this.onMessages();
    if (gapTarget(this.syncedSeq, this.opts.held())) void this.fillGap(chatId);
  }

  /** `chat.replayed`: everything after our resume point up to `lastSeq` has been sent to us. */
  onReplayed(lastSeq: number): void {
    this.syncedSeq = afterReplay(this.syncedSeq, lastSeq, this.opts.held());
    this.caughtUp();
  }

  /**
   * One fetch from the resume point up to the highest seq held. Frames that arrive meanwhile with
   * a new hole start one more once it is back; a failed fetch waits for the next live frame or
   * the reconnect's replay (never a loop).
   */
  private async fillGap(chatId: string): Promise<void> {
    if (this.filling) return;
    const { history } = this.opts;
    const epoch = this.epoch;
    const target = gapTarget(this.syncedSeq, this.opts.held());
    this.filling = true;
    try {
      let after = this.syncedSeq;
      for (let page = 0; page < 50; page++) {
        const { items } = await history.page(chatId, after, HISTORY_PAGE);
        if (epoch !== this.epoch || !history.isCurrent(chatId)) return;
        history.receive(items);
        const last = items[items.length - 1]?.seq;
        if (last === undefined || last >= target || items.length < HISTORY_PAGE) break;
        after = last;
      }
      this.syncedSeq = afterGapFetch(this.syncedSeq, target, this.opts.held());
    } catch {
      return;
    } finally {
      this.filling = false;
    }
    if (gapTarget(this.syncedSeq, this.opts.held())) void this.fillGap(chatId);
  }

  /** REST pages from the resume point on; a full page means there may be more. */
  async loadHistory(chatId: string, source: HistorySource): Promise<void> {
    for (let page = 0; page < 50; page++) {
      const { items } = await source.page(chatId, this.syncedSeq, HISTORY_PAGE);
      if (!source.isCurrent(chatId)) return;
      source.receive(items);
      // A page is what the server holds: a hole inside it is a seq that will never exist.
      if (items.length) this.syncedSeq = contiguousSeq(Math.max(this.syncedSeq, items[items.length - 1]!.seq), this.opts.held());
      if (items.length < HISTORY_PAGE) break;
    }
  }

  private caughtUp(): void {
    this.opts.timers.clear('replay');
    this.opts.onCaughtUp();
  }
}
