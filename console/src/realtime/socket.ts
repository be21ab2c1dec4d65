// One WebSocket to `/ws` for the whole console. It reconnects with jittered exponential backoff,
// and on every (re)connect — after any close but 4401, including the server's resume closes
// (4012, 4029) — re-subscribes to the open chats from the highest contiguous seq the store
// holds, so the server replays exactly the gap. A 4401 close means the session is gone: no retry.
// The socket lifecycle (retry, keep-alive, 4401) is the widget's too: shared/protocol.
import type { ClientMessage } from '../../../shared/protocol/messages';
import { ReconnectingSocket } from '../../../shared/protocol/reconnecting-socket';

export type SocketStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

export interface RealtimeOptions {
  url: string;
  onFrame(frame: unknown): void;
  onStatus(status: SocketStatus): void;
  /** Called after every open except the first: frames may have been missed meanwhile. */
  onReconnected(): void;
  /** The chat's highest contiguous seq in the store: the resume point for `chat.subscribe`. */
  afterSeq(chatId: string): number;
  WebSocketImpl?: typeof WebSocket;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const SILENCE_LIMIT = 60_000;

export class RealtimeClient {
  status: SocketStatus = 'idle';
  private everOpened = false;
  private stopped = true;
  private readonly subscriptions = new Set<string>();
  private readonly opts: RealtimeOptions;
  private readonly socket: ReconnectingSocket;

  constructor(opts: RealtimeOptions) {
    this.opts = opts;
    this.socket = new ReconnectingSocket({
      url: opts.url,
      silenceLimitMs: SILENCE_LIMIT,
      WebSocketImpl: opts.WebSocketImpl,
      setTimer: opts.setTimer,
      clearTimer: opts.clearTimer,
      beforeConnect: () => {
        if (this.stopped) return false;
        this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
        return true;
      },
      onOpen: () => this.opened(),
      onFrame: (frame) => this.opts.onFrame(frame),
      onLost: () => this.setStatus('reconnecting'),
      onUnauthorized: () => {
        this.stopped = true;
        this.setStatus('unauthorized');
      },
    });
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.socket.connect();
  }

  stop() {
    this.stopped = true;
    this.socket.stop();
    this.subscriptions.clear();
    this.everOpened = false;
    this.socket.attempt = 0;
    this.setStatus('closed');
  }

  /** Retry at once instead of after the backoff (the browser is back online). */
  retryNow() {
    if (this.stopped || this.status === 'open') return;
    this.socket.connect();
  }

  subscribe(chatId: string) {
    this.subscriptions.add(chatId);
    this.send({ type: 'chat.subscribe', chatId, afterSeq: this.opts.afterSeq(chatId) });
  }

  unsubscribe(chatId: string) {
    if (!this.subscriptions.delete(chatId)) return;
    this.send({ type: 'chat.unsubscribe', chatId });
  }

  /** Best effort: frames sent while disconnected are dropped (subscriptions are replayed on open). */
  send(frame: ClientMessage): boolean {
    return this.socket.send(frame);
  }

  private setStatus(s: SocketStatus) {
    this.status = s;
    this.opts.onStatus(s);
  }

  private opened() {
    const reconnected = this.everOpened;
    this.everOpened = true;
    this.socket.up();
    this.setStatus('open');
    for (const chatId of this.subscriptions) {
      this.send({ type: 'chat.subscribe', chatId, afterSeq: this.opts.afterSeq(chatId) });
    }
    if (reconnected) this.opts.onReconnected();
  }
}
