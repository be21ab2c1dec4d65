// A WebSocket client for tests that records every frame and lets a test wait for the next
// frame matching a predicate, with a timeout instead of a sleep.
import type { ServerMessage } from '../../shared/protocol/messages';

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

  /** The first frame (already received or future) matching `match`, searching from `from`. */
  next<T extends ServerMessage['type']>(type: T, match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true, timeoutMs = 3000, from = 0): Promise<Extract<ServerMessage, { type: T }>> {
    const test = (m: ServerMessage) => m.type === type && match(m as Extract<ServerMessage, { type: T }>);
    const existing = this.frames.slice(from).find(test);
    if (existing) return Promise.resolve(existing as Extract<ServerMessage, { type: T }>);
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

  /** Marks the current position: `next(..., mark)` then only sees later frames. */
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
