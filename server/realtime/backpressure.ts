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

export interface PressureOptions {
  limitBytes: number;
  log: Logger;
  /** Called once when the socket is closed for backpressure (the hub forgets it). */
  onOverflow(): void;
}

/** A RawSocket over Bun's socket that closes itself past the backpressure limit. */
export function boundedSocket<T>(ws: ServerWebSocket<T>, opts: PressureOptions): RawSocket {
  let overflowed = false;
  const overflow = (buffered: number) => {
    if (overflowed) return;
    overflowed = true;
    opts.log.warn('socket closed: past its backpressure limit', { bufferedBytes: buffered, limitBytes: opts.limitBytes, code: CLOSE_CODES.BACKPRESSURE });
    opts.onOverflow();
    ws.close(CLOSE_CODES.BACKPRESSURE, 'backpressure limit');
    setTimeout(() => {
      if (ws.readyState !== 3) ws.terminate();
    }, TERMINATE_AFTER_MS).unref?.();
  };
  const check = () => {
    if (overflowed) return;
    const buffered = ws.getBufferedAmount();
    if (buffered > opts.limitBytes) overflow(buffered);
  };
  return {
    send(data: string) {
      if (overflowed) return 0;
      // 0 = dropped (past Bun's own hard limit): never silent, close it.
      const status = ws.send(data);
      if (status === 0 && ws.readyState === 1) overflow(ws.getBufferedAmount());
      else if (status === -1) check();
      return status;
    },
    close(code?: number, reason?: string) {
      ws.close(code, reason);
    },
    subscribe(topic: string) {
      ws.subscribe(topic);
    },
    unsubscribe(topic: string) {
      if (ws.readyState === 1) ws.unsubscribe(topic);
    },
    checkPressure: check,
  };
}
