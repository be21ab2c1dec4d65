// A WebSocket client for tests that records every frame and lets a test wait for the next
// frame of a given type (typed as that frame of the shared protocol) matching a predicate, with
// a timeout instead of a sleep.
import type { ServerMessage } from '../../shared/protocol/messages';

/** The server frame whose `type` is T. */
export type Frame<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

export interface NextOptions {
  /** Give up after this many milliseconds (default 3 s). */
  timeout?: number;
  /** Only frames from this position on (see `mark()`); default: every frame received so far. */
  after?: number;
}

export class TestSocket {
  readonly frames: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void; from: number }[] = [];
  private closedWith: { code: number; reason: string } | null = null;
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as ServerMessage;
      this.frames.push(frame);
      const index = this.frames.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index >= w.from && w.match(frame)) {
          w.resolve(frame);
          return false;
        }
        return true;
      });
    });
    ws.addEventListener('close', (event) => {
      this.closedWith = { code: event.code, reason: event.reason };
      for (const resolve of this.closeWaiters) resolve(this.closedWith);
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, { headers } as unknown as string[]);
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(socket), { once: true });
      ws.addEventListener('error', () => reject(new Error(`socket to ${url} failed`)), { once: true });
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame of `type` (already received or future) matching `match`. */
  next<T extends ServerMessage['type']>(type: T, match: (m: Frame<T>) => boolean = () => true, opts: NextOptions = {}): Promise<Frame<T>> {
    const from = opts.after ?? 0;
    const timeoutMs = opts.timeout ?? 3000;
    const test = (m: ServerMessage) => m.type === type && match(m as Frame<T>);
    const existing = this.frames.slice(from).find(test);
    if (existing) return Promise.resolve(existing as Frame<T>);
    return new Promise((resolve, reject) => {
      const waiter = { match: test, resolve: resolve as (m: ServerMessage) => void, from };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (this.waiters.includes(waiter)) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`timed out waiting for ${type}; got ${this.frames.map((f) => f.type).join(', ')}`));
        }
      }, timeoutMs);
    });
  }

  /**
   * Whether a frame of `type` matching `match` arrives within `timeout` ms: for asserting that
   * something is NOT sent, where waiting out a window is the point.
   */
  arrives<T extends ServerMessage['type']>(type: T, match: (m: Frame<T>) => boolean = () => true, opts: NextOptions = {}): Promise<boolean> {
    return this.next(type, match, opts).then(
      () => true,
      () => false,
    );
  }

  /** Marks the current position: `next(..., { after: mark })` then only sees later frames. */
  mark(): number {
    return this.frames.length;
  }

  closed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    if (this.closedWith) return Promise.resolve(this.closedWith);
    return new Promise((resolve, reject) => {
      this.closeWaiters.push(resolve);
      setTimeout(() => reject(new Error('timed out waiting for close')), timeoutMs);
    });
  }

  close(): void {
    this.ws.close();
  }
}
