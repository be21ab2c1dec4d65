// The visitor socket: connect, authenticate with the visitor token, keep it alive, and come
// back after any drop with exponential backoff + jitter. It knows nothing about chats; the chat
// controller resubscribes (with the last seq) whenever `onReady` fires, which is what makes a
// reconnect gap-free.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientMessage, ServerMessage } from '../../shared/protocol/messages';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { backoffDelay } from '../../shared/protocol/backoff';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

export interface ConnectionOptions {
  url: string;
  token(): string | null;
  onReady(): void;
  onFrame(frame: ServerMessage): void;
  /** The server refused the token (close 4401 or session.revoked): get a new session. */
  onUnauthorized(): void;
}

const PING_EVERY_MS = 25_000;
/** No frame at all for this long (pings included) means the connection is dead. */
const SILENCE_LIMIT_MS = 40_000;
const AUTH_TIMEOUT_MS = 10_000;

export class ConnectionController implements ReactiveController {
  state: ConnectionState = 'idle';
  /** Consecutive failed attempts; drives the backoff and the "reconnecting" banner. */
  failures = 0;
  private ws: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private authTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFrameAt = 0;
  private wanted = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ConnectionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    if (this.wanted && !this.ws) this.connect();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.drop();
    this.clearRetry();
  }

  start(): void {
    this.wanted = true;
    if (!this.ws) this.connect();
  }

  stop(): void {
    this.wanted = false;
    this.clearRetry();
    this.drop();
    this.setState('idle');
  }

  /** Reconnect now (new token, or the network just came back). */
  restart(): void {
    this.failures = 0;
    this.clearRetry();
    this.drop();
    if (this.wanted) this.connect();
  }

  /** Sends only on an authenticated socket; callers queue otherwise. */
  send(frame: ClientMessage): boolean {
    if (this.state !== 'online' || !this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private connect(): void {
    const token = this.opts.token();
    if (!token) return;
    this.clearRetry();
    this.setState(navigator.onLine === false ? 'offline' : 'connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
      ws.send(JSON.stringify({ type: 'auth', token } satisfies ClientMessage));
      this.authTimer = setTimeout(() => this.lost(ws), AUTH_TIMEOUT_MS);
    };
    ws.onmessage = (e) => this.receive(ws, e.data);
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      if (e.code === CLOSE_CODES.UNAUTHORIZED) {
        this.drop();
        this.setState('idle');
        this.opts.onUnauthorized();
        return;
      }
      this.lost(ws);
    };
  }

  private receive(ws: WebSocket, data: unknown): void {
    if (this.ws !== ws || typeof data !== 'string') return;
    this.lastFrameAt = Date.now();
    let frame: ServerMessage;
    try {
      frame = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
    if (frame.type === 'ready') {
      if (this.authTimer) clearTimeout(this.authTimer);
      this.authTimer = null;
      this.failures = 0;
      this.setState('online');
      this.startPings(ws);
      this.opts.onReady();
      return;
    }
    if (frame.type === 'session.revoked') {
      this.drop();
      this.setState('idle');
      this.opts.onUnauthorized();
      return;
    }
    if (frame.type === 'pong') return;
    this.opts.onFrame(frame);
  }

  private startPings(ws: WebSocket): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (this.ws !== ws) return;
      // A half-open TCP connection (laptop lid, captive portal) never fires `close`; silence does.
      if (Date.now() - this.lastFrameAt > SILENCE_LIMIT_MS) return this.lost(ws);
      this.send({ type: 'ping' });
    }, PING_EVERY_MS);
  }

  private lost(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.drop();
    this.failures++;
    this.setState(navigator.onLine === false ? 'offline' : 'connecting');
    // A failed attempt leaves the state at 'connecting' (set by connect()), so setState did not
    // re-render: the first failure is what turns "connecting" into the "Reconnecting…" banner.
    this.host.requestUpdate();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.wanted || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, backoffDelay(this.failures - 1));
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Forget the current socket without triggering our own close handling. */
  private drop(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.authTimer) clearTimeout(this.authTimer);
    this.pingTimer = this.authTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close(1000);
    } catch {
      // Already closing.
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.host.requestUpdate();
  }

  private readonly onOnline = (): void => {
    if (this.wanted && this.state !== 'online') this.restart();
  };

  // The browser says the network is gone: don't wait 40 s of silence to notice.
  private readonly onOffline = (): void => {
    if (!this.wanted || !this.ws) return;
    this.lost(this.ws);
  };

  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible' && this.wanted && this.state !== 'online' && this.retryTimer) {
      this.clearRetry();
      this.connect();
    }
  };
}
