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
}

export class OutboxSender {
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
  refused(clientId: string, code: ErrorCode, message: string): boolean {
    const { store } = this.opts;
    if (!store.outbox.some((e) => e.clientId === clientId)) return false;
    store.update(clientId, (e) => onRefused(e, code, message, Date.now()));
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
      store.update(clientId, (x) =>
        isNetworkError(e) ? deferEntry(x, Date.now() + OFFLINE_RETRY_MS) : onRefused(markTransmitted(x, Date.now()), codeOf(e), messageOf(e), Date.now()),
      );
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

function codeOf(e: unknown): Exclude<ApiError['code'], 'NETWORK'> {
  return e instanceof ApiError && e.code !== 'NETWORK' ? e.code : 'INTERNAL';
}
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'error';
}
