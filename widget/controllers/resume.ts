// Where the visitor's view of the chat resumes from, and when the outbox may go: the subscription
// on the socket, the resume point (`syncedSeq`) and the wait for `chat.replayed`.
//
// The resume point only advances when we know nothing before it is missing:
// - a REST history page (`loadHistory`);
// - `chat.replayed {lastSeq}` (`onReplayed`);
// - a live frame that is exactly the next seq (`onLive`).
// Acks never move it: a REST-acked send (seq 5 while 3 and 4 were posted during an outage), or an
// ack overtaking a broadcast, would make the replay skip messages. Lagging behind is always safe
// (the replay overlaps and merging dedupes); jumping ahead is not. The REST history and the
// socket replay overlap on purpose for the same reason: merging by seq makes it harmless.
import type { ChatDto, MessageDto } from '../../shared/types/dto';
import type { ClientMessage } from '../../shared/protocol/messages';
import type { NamedTimers } from '../internal/timer';

const HISTORY_PAGE = 100;
const REPLAY_WAIT_MS = 3_000;

export interface ResumeOptions {
  send(frame: ClientMessage): boolean;
  timers: NamedTimers<'replay'>;
  /** Caught up with the server (or gave up waiting): the outbox may go now. */
  onCaughtUp(): void;
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

  constructor(private readonly opts: ResumeOptions) {}

  /** Another chat (or none) is shown: it resumes from its start. */
  reset(): void {
    this.subscribedTo = null;
    this.syncedSeq = 0;
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

  /** A live `message.created` of the shown chat: only exactly the next seq moves the resume point. */
  onLive(chatId: string, seq: number): void {
    if (this.subscribedTo === chatId && seq === this.syncedSeq + 1) this.syncedSeq++;
  }

  /** `chat.replayed`: everything up to `lastSeq` has been sent to us. */
  onReplayed(lastSeq: number): void {
    this.syncedSeq = Math.max(this.syncedSeq, lastSeq);
    this.caughtUp();
  }

  /** REST pages from the resume point on; a full page means there may be more. */
  async loadHistory(chatId: string, source: HistorySource): Promise<void> {
    for (let page = 0; page < 50; page++) {
      const { items } = await source.page(chatId, this.syncedSeq, HISTORY_PAGE);
      if (!source.isCurrent(chatId)) return;
      source.receive(items);
      if (items.length) this.syncedSeq = Math.max(this.syncedSeq, items[items.length - 1]!.seq);
      if (items.length < HISTORY_PAGE) break;
    }
  }

  private caughtUp(): void {
    this.opts.timers.clear('replay');
    this.opts.onCaughtUp();
  }
}
