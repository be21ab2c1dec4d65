// Bounded sockets (DESIGN §5: nothing is dropped silently). Bun queues what a socket cannot take
// yet; a client that stopped reading (a frozen tab, a dead laptop behind a live NAT) would grow
// that queue without end, and past Bun's own limit frames are dropped without a word. Instead,
// every send — and every native topic publish, which bypasses `send` — is followed by a look at
// the socket's buffered amount; past `limitBytes` the socket is closed with
// CLOSE_CODES.BACKPRESSURE and a warning is logged. The client reconnects and resumes from
// its last contiguous seq, so it loses nothing; the server stops sending to it at once, so its
// memory stays bounded by the limit plus one frame. A close frame queued behind a full buffer may
// never be read, so a socket still open `TERMINATE_AFTER_MS` later is cut.
import type { ServerWebSocket } from 'bun';
import type { Logger } from '../logger';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import type { RawSocket } from './connections';
import type { Flushable, SocketOutbox } from './socket-outbox';

const TERMINATE_AFTER_MS = 5_000;

export interface PressurePolicy<T> {
  limitBytes: number;
  log: Logger;
  /** Called once when the socket is closed for backpressure (the hub forgets it). */
  onOverflow(ws: ServerWebSocket<T>): void;
  /** Where sends wait for the end of the turn (socket-outbox.ts); absent, each send writes at once. */
  outbox?: SocketOutbox;
}

/**
 * A RawSocket over Bun's socket that closes itself past the backpressure limit. A class over one
 * policy shared by every socket, rather than closures per socket: an idle socket keeps four
 * fields. With an outbox, frames wait for the end of the turn and go out corked (socket-outbox.ts).
 * The socket server's per-socket state extends it (socket-state.ts), so a socket's state and its
 * sending side are one object: the state exists before Bun's socket does (it is the upgrade's
 * `data`), hence `attach`.
 */
export class BoundedSocket<T> implements RawSocket, Flushable {
  private overflowed = false;
  /** Frames sent this turn, not written yet (null when none: the idle case keeps no array). */
  private waiting: string[] | null = null;
  private ws!: ServerWebSocket<T>;

  constructor(private readonly policy: PressurePolicy<T>) {}

  /** The Bun socket this sends on, once it is open. */
  attach(ws: ServerWebSocket<T>): this {
    this.ws = ws;
    return this;
  }

  send(data: string): void {
    if (this.overflowed) return;
    const outbox = this.policy.outbox;
    if (!outbox) {
      this.write(data);
      return;
    }
    if (this.waiting) this.waiting.push(data);
    else {
      this.waiting = [data];
      outbox.add(this);
    }
  }

  flush(): void {
    const frames = this.waiting;
    this.waiting = null;
    if (!frames || this.ws.readyState !== 1) return;
    if (frames.length === 1) {
      this.write(frames[0]!);
      return;
    }
    this.ws.cork(() => {
      for (const frame of frames) if (!this.write(frame)) return;
    });
  }

  isSubscribed(topic: string): boolean {
    return this.waiting !== null && this.ws.isSubscribed(topic);
  }

  close(code?: number, reason?: string): void {
    this.policy.outbox?.forget(this);
    this.flush();
    this.ws.close(code, reason);
  }

  subscribe(topic: string): void {
    this.ws.subscribe(topic);
  }

  unsubscribe(topic: string): void {
    if (this.ws.readyState === 1) this.ws.unsubscribe(topic);
  }

  /** Writes one frame now; false once the socket takes no more (closed, or closed for pressure). */
  private write(data: string): boolean {
    if (this.overflowed) return false;
    // 0 = dropped (past Bun's own hard limit): never silent, close it.
    const status = this.ws.send(data);
    if (status === 0) {
      if (this.ws.readyState === 1) this.overflow(this.ws.getBufferedAmount());
      return false;
    }
    if (status === -1) this.checkPressure();
    return !this.overflowed;
  }

  checkPressure(): void {
    if (this.overflowed) return;
    const buffered = this.ws.getBufferedAmount();
    if (buffered > this.policy.limitBytes) this.overflow(buffered);
  }

  private overflow(buffered: number): void {
    if (this.overflowed) return;
    this.overflowed = true;
    this.waiting = null;
    const { ws, policy } = this;
    policy.log.warn('socket closed: past its backpressure limit', { bufferedBytes: buffered, limitBytes: policy.limitBytes, code: CLOSE_CODES.BACKPRESSURE });
    policy.onOverflow(ws);
    ws.close(CLOSE_CODES.BACKPRESSURE, 'backpressure limit');
    setTimeout(() => {
      if (ws.readyState !== 3) ws.terminate();
    }, TERMINATE_AFTER_MS).unref?.();
  }
}
