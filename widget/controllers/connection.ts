// The visitor socket: connect, authenticate with the visitor token, keep it alive, and come
// back after any drop with exponential backoff + jitter. It knows nothing about chats; the chat
// controller resubscribes (with the last seq) whenever `onReady` fires, which is what makes a
// reconnect gap-free. The socket lifecycle (retry, keep-alive, 4401) is the console's too:
// shared/protocol/reconnecting-socket.ts; auth, online/offline and session.revoked stay here.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientMessage, ServerMessage } from '../../shared/protocol/messages';
import { ReconnectingSocket } from '../../shared/protocol/reconnecting-socket';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

export interface ConnectionOptions {
  url: string;
  token(): string | null;
  onReady(): void;
  onFrame(frame: ServerMessage): void;
  /** The server refused the token (close 4401 or session.revoked): get a new session. */
  onUnauthorized(): void;
  /** For tests; default the browser's. */
  WebSocketImpl?: new (url: string) => WebSocket;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

/** No frame at all for this long (pings included) means the connection is dead. */
const SILENCE_LIMIT_MS = 40_000;
const AUTH_TIMEOUT_MS = 10_000;

export class ConnectionController implements ReactiveController {
  state: ConnectionState = 'idle';
  private authTimer: unknown = null;
  private wanted = false;
  private token: string | null = null;
  private readonly socket: ReconnectingSocket;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ConnectionOptions,
  ) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.socket = new ReconnectingSocket({
      url: opts.url,
      silenceLimitMs: SILENCE_LIMIT_MS,
      WebSocketImpl: opts.WebSocketImpl,
      setTimer: this.setTimer,
      clearTimer: this.clearTimer,
      now: opts.now,
      beforeConnect: () => {
        this.token = opts.token();
        if (!this.token) return false;
        this.setState(navigator.onLine === false ? 'offline' : 'connecting');
        return true;
      },
      onOpen: () => {
        this.socket.send({ type: 'auth', token: this.token ?? '' } satisfies ClientMessage);
        this.authTimer = this.setTimer(() => this.socket.lose(), AUTH_TIMEOUT_MS);
      },
      onFrame: (frame) => this.receive(frame as ServerMessage),
      onLost: () => {
        this.clearAuth();
        this.setState(navigator.onLine === false ? 'offline' : 'connecting');
        // A failed attempt leaves the state at 'connecting' (set by connect()), so setState did not
        // re-render: the first failure is what turns "connecting" into the "Reconnecting…" banner.
        this.host.requestUpdate();
      },
      onUnauthorized: () => this.unauthorized(),
    });
    host.addController(this);
  }

  /** Consecutive failed attempts; drives the backoff and the "reconnecting" banner. */
  get failures(): number {
    return this.socket.attempt;
  }

  hostConnected(): void {
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    if (this.wanted && !this.socket.active) this.socket.connect();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.clearAuth();
    this.socket.stop();
  }

  start(): void {
    this.wanted = true;
    if (!this.socket.active) this.socket.connect();
  }

  stop(): void {
    this.wanted = false;
    this.clearAuth();
    this.socket.stop();
    this.setState('idle');
  }

  /** Reconnect now (new token, or the network just came back). */
  restart(): void {
    this.socket.attempt = 0;
    this.clearAuth();
    this.socket.stop();
    if (this.wanted) this.socket.connect();
  }

  /** Sends only on an authenticated socket; callers queue otherwise. */
  send(frame: ClientMessage): boolean {
    return this.state === 'online' && this.socket.send(frame);
  }

  private receive(frame: ServerMessage): void {
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
    if (frame.type === 'ready') {
      this.clearAuth();
      this.socket.up();
      this.setState('online');
      this.opts.onReady();
      return;
    }
    if (frame.type === 'session.revoked') {
      this.socket.drop();
      this.unauthorized();
      return;
    }
    if (frame.type === 'pong') return;
    this.opts.onFrame(frame);
  }

  private unauthorized(): void {
    this.clearAuth();
    this.setState('idle');
    this.opts.onUnauthorized();
  }

  private clearAuth(): void {
    this.clearTimer(this.authTimer);
    this.authTimer = null;
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
    if (this.wanted) this.socket.lose();
  };

  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible' && this.wanted && this.state !== 'online' && this.socket.retryPending) {
      this.socket.clearRetry();
      this.socket.connect();
    }
  };
}
