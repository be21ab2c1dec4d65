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

const TERMINATE_AFTER_MS = 5_000;

export interface PressurePolicy<T> {
  limitBytes: number;
  log: Logger;
  /** Called once when the socket is closed for backpressure (the hub forgets it). */
  onOverflow(ws: ServerWebSocket<T>): void;
}

/**
 * A RawSocket over Bun's socket that closes itself past the backpressure limit. A class over one
 * policy shared by every socket, rather than closures per socket: an idle socket keeps two fields.
 */
export class BoundedSocket<T> implements RawSocket {
  private overflowed = false;

  constructor(
    private readonly ws: ServerWebSocket<T>,
    private readonly policy: PressurePolicy<T>,
  ) {}

  send(data: string): number {
    if (this.overflowed) return 0;
    // 0 = dropped (past Bun's own hard limit): never silent, close it.
    const status = this.ws.send(data);
    if (status === 0 && this.ws.readyState === 1) this.overflow(this.ws.getBufferedAmount());
    else if (status === -1) this.checkPressure();
    return status;
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  subscribe(topic: string): void {
    this.ws.subscribe(topic);
  }

  unsubscribe(topic: string): void {
    if (this.ws.readyState === 1) this.ws.unsubscribe(topic);
  }

  checkPressure(): void {
    if (this.overflowed) return;
    const buffered = this.ws.getBufferedAmount();
    if (buffered > this.policy.limitBytes) this.overflow(buffered);
  }

  private overflow(buffered: number): void {
    if (this.overflowed) return;
    this.overflowed = true;
    const { ws, policy } = this;
    policy.log.warn('socket closed: past its backpressure limit', { bufferedBytes: buffered, limitBytes: policy.limitBytes, code: CLOSE_CODES.BACKPRESSURE });
    policy.onOverflow(ws);
    ws.close(CLOSE_CODES.BACKPRESSURE, 'backpressure limit');
    setTimeout(() => {
      if (ws.readyState !== 3) ws.terminate();
    }, TERMINATE_AFTER_MS).unref?.();
  }
}
