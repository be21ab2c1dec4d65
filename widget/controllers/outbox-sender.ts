// Delivers the outbox (see internal/outbox for the retry policy, controllers/message-store for
// where entries live): one timer wakes it when the next entry is due. Sends go over the socket
// when it is up and over REST (idempotent on clientId) when it is not, so a visitor behind a
// WebSocket-hostile proxy can still write. A message written before any chat exists opens the
// chat first; it is sent on the next wake.
import type { ClientMessage } from '../../shared/protocol/messages';
import type { ErrorCode } from '../../shared/errors';
import type { MessageDto } from '../../shared/types/dto';
import { ApiError, isNetworkError, type WidgetApi } from '../internal/api';
import {
  deferEntry,
  dueEntries,
  makeAllDue,
  markTransmitted,
  nextSendAt,
  nextWake,
  onAckTimeout,
  onRefused,
  retryEntry,
  type OutboxEntry,
} from '../internal/outbox';
import type { NamedTimers } from '../internal/timer';
import type { MessageStoreController } from './message-store';

const REST_SEND_WINDOW_MS = 16_000;
const OFFLINE_RETRY_MS = 5_000;

export interface OutboxSenderOptions {
  store: MessageStoreController;
  api: WidgetApi;
  timers: NamedTimers<'tick'>;
  /** Sends only on an authenticated socket (ConnectionController.send). */
  send(frame: ClientMessage): boolean;
  /** Nothing goes before the session and the chat are loaded. */
  isReady(): boolean;
  currentChatId(): string | null;
  /** `chat.subscribe` went out for this chat on the current socket. */
  isSubscribed(chatId: string): boolean;
  ensureChat(): Promise<unknown>;
  receive(messages: MessageDto[]): void;
  /** The server's message limit (widget config), the sender paces itself by; null: unknown. */
  limit(): { limit: number; windowSeconds: number } | null;
  /** REST said the token is no longer good (expired): the chat controller starts a fresh session. */
  onUnauthorized(): void;
}

export class OutboxSender {
  /** When recent messages went out (oldest first), for the pacing. */
  private readonly sent: number[] = [];

  constructor(private readonly opts: OutboxSenderOptions) {}

  /** The retry button. */
  retry(clientId: string): void {
    this.opts.store.update(clientId, retryEntry);
    this.tick();
  }

  /** Reconnected and caught up: everything pending goes now. */
  flush(): void {
    this.opts.store.updateAll(makeAllDue);
    this.tick();
  }

  /** An `error` frame answering one of our sends. Returns false when `clientId` is not ours. */
  refused(clientId: string, code: ErrorCode, message: string, retryAfterSeconds?: number): boolean {
    const { store } = this.opts;
    if (!store.outbox.some((e) => e.clientId === clientId)) return false;
    store.update(clientId, (e) => onRefused(e, code, message, Date.now(), retryMs(retryAfterSeconds)));
    this.schedule();
    return true;
  }

  tick(): void {
    this.opts.timers.clear('tick');
    if (!this.opts.isReady()) return;
    const now = Date.now();
    for (const entry of dueEntries(this.opts.store.outbox, now)) {
      const checked = onAckTimeout(entry);
      if (checked.state === 'failed') this.opts.store.update(entry.clientId, () => checked);
      else void this.transmit(checked);
    }
    this.schedule();
  }

  schedule(): void {
    const wake = nextWake(this.opts.store.outbox);
    if (wake === null) this.opts.timers.clear('tick');
    else this.opts.timers.set('tick', Math.max(50, wake - Date.now()), () => this.tick());
  }

  private async transmit(entry: OutboxEntry): Promise<void> {
    if (!entry.chatId) return this.openChat(entry);
    if (entry.chatId !== this.opts.currentChatId()) return;
    const { store } = this.opts;
    const { clientId } = entry;
    const now = Date.now();
    const pace = this.opts.limit();
    const at = pace ? nextSendAt(this.sent, pace.limit, pace.windowSeconds * 1000, now) : now;
    if (at > now) return store.update(clientId, (e) => deferEntry(e, at));
    this.sent.push(now);
    const body = {
      clientId,
      text: entry.text,
      ...(entry.attachments.length ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
    };
    if (this.opts.isSubscribed(entry.chatId) && this.opts.send({ type: 'message.send', chatId: entry.chatId, ...body })) {
      store.update(clientId, (e) => markTransmitted(e, now));
      return;
    }
    if (navigator.onLine === false) {
      store.update(clientId, (e) => deferEntry(e, now + OFFLINE_RETRY_MS));
      return;
    }
    // No socket: REST is idempotent on clientId too. Hold the entry for the request's lifetime.
    store.update(clientId, (e) => deferEntry(e, now + REST_SEND_WINDOW_MS));
    try {
      const message = await this.opts.api.send(entry.chatId, body);
      this.opts.receive([message]);
    } catch (e) {
      const code = codeOf(e);
      store.update(clientId, (x) =>
        // A refused token: the entry goes as soon as the fresh session is up (isReady holds it till then).
        code === 'UNAUTHENTICATED'
          ? deferEntry(x, 0)
          : isNetworkError(e)
            ? deferEntry(x, Date.now() + OFFLINE_RETRY_MS)
            : onRefused(markTransmitted(x, Date.now()), code, messageOf(e), Date.now(), retryMs((e as ApiError).details?.retryAfterSeconds)),
      );
      if (code === 'UNAUTHENTICATED') this.opts.onUnauthorized();
    }
    this.schedule();
  }

  /** The first message of a chat: create the chat (the entry joins it), then wake again. */
  private async openChat(entry: OutboxEntry): Promise<void> {
    const { store } = this.opts;
    store.update(entry.clientId, (e) => deferEntry(e, Date.now() + REST_SEND_WINDOW_MS));
    try {
      await this.opts.ensureChat();
    } catch (e) {
      store.update(entry.clientId, (x) =>
        isNetworkError(e) ? deferEntry(x, Date.now() + OFFLINE_RETRY_MS) : onRefused(x, codeOf(e), messageOf(e), Date.now()),
      );
    }
    return this.tick();
  }
}

/** The server's `retryAfterSeconds` in ms (5 s when it gave none). */
function retryMs(seconds: unknown): number {
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : 5_000;
}

function codeOf(e: unknown): Exclude<ApiError['code'], 'NETWORK'> {
  return e instanceof ApiError && e.code !== 'NETWORK' ? e.code : 'INTERNAL';
}
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'error';
}
