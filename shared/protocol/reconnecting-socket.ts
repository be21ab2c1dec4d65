// The WebSocket lifecycle the console and the widget share: open, keep alive, notice a drop and
// come back with backoff. It owns one socket at a time and ignores every event of an older one.
// - The constructor throwing, a close (any code but 4401) and silence all count as a lost socket:
//   `attempt` grows, `onLost` runs, and a retry is scheduled after `backoffDelay(attempt - 1)`.
// - 4401 (CLOSE_CODES.UNAUTHORIZED) means "do not retry": `onUnauthorized` runs, nothing else.
// - `up()` is the caller's "this connection works" (console: on open; widget: on `ready`): the
//   attempt count resets and a ping goes out every 25 s; no frame at all for `silenceLimitMs`
//   (pongs included) means a half-open socket, which never fires `close` by itself: closed (4000).
// What a frame means (auth, subscriptions, statuses) stays with the caller.
import { backoffDelay } from './backoff';
import { CLOSE_CODES } from './messages';

export interface ReconnectingSocketOptions {
  url: string;
  silenceLimitMs: number;
  pingEveryMs?: number;
  WebSocketImpl?: new (url: string) => WebSocket;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
  /** Before every attempt (first and retries); `false` skips it, no retry scheduled. */
  beforeConnect?(): boolean;
  onOpen(): void;
  /** Every text frame that parses as JSON. */
  onFrame(frame: unknown): void;
  /** The socket is gone (or never opened); a retry is scheduled right after. */
  onLost(): void;
  /** Closed with 4401: no retry. */
  onUnauthorized(): void;
}

export const SILENCE_CLOSE_CODE = 4000;

export class ReconnectingSocket {
  /** Consecutive lost sockets since the last `up()`; drives the backoff. */
  attempt = 0;
  private ws: WebSocket | null = null;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private lastFrameAt = 0;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly now: () => number;

  constructor(private readonly opts: ReconnectingSocketOptions) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = opts.now ?? Date.now;
  }

  /** A socket exists (connecting or open). */
  get active(): boolean {
    return this.ws !== null;
  }

  get retryPending(): boolean {
    return this.retryTimer !== null;
  }

  /** Connect now, replacing any current socket and cancelling a pending retry. */
  connect(): void {
    if (this.opts.beforeConnect?.() === false) return;
    this.clearRetry();
    this.drop();
    let ws: WebSocket;
    try {
      ws = new (this.opts.WebSocketImpl ?? WebSocket)(this.opts.url);
    } catch {
      this.failed();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastFrameAt = this.now();
      this.opts.onOpen();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (this.ws !== ws) return;
      this.lastFrameAt = this.now();
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
      if (ev.code === CLOSE_CODES.UNAUTHORIZED) {
        this.drop();
        this.opts.onUnauthorized();
        return;
      }
      this.lose();
    };
    ws.onerror = () => {
      // onclose follows and decides about the retry.
    };
  }

  /** The connection works: reset the backoff and start the keep-alive. */
  up(): void {
    this.attempt = 0;
    this.schedulePing();
  }

  /** Best effort: false when no socket is open. */
  send(frame: unknown): boolean {
    if (!this.ws || this.ws.readyState !== 1) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** Give up on the current socket and retry with backoff (no-op without one). */
  lose(code = 1000): void {
    if (!this.ws) return;
    this.drop(code);
    this.failed();
  }

  /** Forget the current socket without any close handling (no retry). */
  drop(code = 1000): void {
    this.clearTimer(this.pingTimer);
    this.pingTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code);
    } catch {
      // Already closing.
    }
  }

  /** Drop the socket and cancel a pending retry. */
  stop(): void {
    this.clearRetry();
    this.drop();
  }

  clearRetry(): void {
    this.clearTimer(this.retryTimer);
    this.retryTimer = null;
  }

  private failed(): void {
    this.attempt++;
    this.opts.onLost();
    this.clearRetry();
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = null;
      this.connect();
    }, backoffDelay(this.attempt - 1));
  }

  private schedulePing(): void {
    this.clearTimer(this.pingTimer);
    this.pingTimer = this.setTimer(() => {
      this.pingTimer = null;
      if (!this.ws) return;
      if (this.now() - this.lastFrameAt > this.opts.silenceLimitMs) return this.lose(SILENCE_CLOSE_CODE);
      this.send({ type: 'ping' });
      this.schedulePing();
    }, this.opts.pingEveryMs ?? 25_000);
  }
}
