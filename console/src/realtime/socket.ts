// One WebSocket to `/ws` for the whole console. It reconnects with jittered exponential backoff,
// and on every (re)connect — after any close but 4401, including the server's resume closes
// (4012, 4029) — re-subscribes to the open chats from the highest contiguous seq the store
// holds, so the server replays exactly the gap. A 4401 close means the session is gone: no retry.
import type { ClientMessage } from '../../../shared/protocol/messages';
import { CLOSE_CODES } from '../../../shared/protocol/messages';

export type SocketStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

// Same reconnect policy as the widget: one implementation in shared/.
import { backoffDelay } from '../../../shared/protocol/backoff';

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

const PING_EVERY = 25_000;
const SILENCE_LIMIT = 60_000;

export class RealtimeClient {
  status: SocketStatus = 'idle';
  private ws: WebSocket | null = null;
  private attempt = 0;
  private everOpened = false;
  private stopped = true;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private lastFrameAt = 0;
  private readonly subscriptions = new Set<string>();
  private readonly opts: RealtimeOptions;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(opts: RealtimeOptions) {
    this.opts = opts;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.clearTimer(this.retryTimer);
    this.clearTimer(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000);
    }
    this.subscriptions.clear();
    this.everOpened = false;
    this.attempt = 0;
    this.setStatus('closed');
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
    if (!this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private setStatus(s: SocketStatus) {
    this.status = s;
    this.opts.onStatus(s);
  }

  private connect() {
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
    let ws: WebSocket;
    try {
      ws = new Impl(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setStatus('open');
      for (const chatId of this.subscriptions) {
        this.send({ type: 'chat.subscribe', chatId, afterSeq: this.opts.afterSeq(chatId) });
      }
      this.schedulePing();
      if (reconnected) this.opts.onReconnected();
    };
    ws.onmessage = (ev: MessageEvent) => {
      this.lastFrameAt = Date.now();
      if (typeof ev.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      this.opts.onFrame(frame);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimer(this.pingTimer);
      if (ev.code === CLOSE_CODES.UNAUTHORIZED) {
        this.stopped = true;
        this.setStatus('unauthorized');
        return;
      }
      if (!this.stopped) this.scheduleRetry();
    };
    ws.onerror = () => {
      // onclose follows and decides about the retry.
    };
  }

  private scheduleRetry() {
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt++);
    this.retryTimer = this.setTimer(() => {
      if (!this.stopped) this.connect();
    }, delay);
  }

  private schedulePing() {
    this.clearTimer(this.pingTimer);
    this.pingTimer = this.setTimer(() => {
      if (!this.ws) return;
      if (Date.now() - this.lastFrameAt > SILENCE_LIMIT) {
        // A half-open connection never fires onclose by itself; force it.
        const ws = this.ws;
        ws.close(4000);
        ws.onclose?.(new CloseEvent('close', { code: 4000 }));
        return;
      }
      this.send({ type: 'ping' });
      this.schedulePing();
    }, PING_EVERY);
  }
}
