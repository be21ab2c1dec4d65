// The event bus over Redis pub/sub, so several server instances behind a load balancer act as
// one: every instance publishes to one channel and delivers what it hears to its own sockets.
//
// Faults (DESIGN §5):
// - Local first: an event is delivered to this instance's handlers synchronously, before Redis
//   sees it, and an instance ignores its own events coming back (each carries its origin). Local
//   delivery never waits on Redis, so sockets on the sender's instance keep receiving during an
//   outage. Order across instances is restored per chat by the hubs' sequencers (seq order).
// - Publish never fails for Redis: the send to Redis runs behind the caller (ioredis keeps one
//   connection's commands in order). While Redis is down nothing is queued (memory stays flat);
//   the instance only notes that other instances missed its events.
// - Back up: when the subscriber connection is back, this instance's sockets may have missed
//   other instances' events, so the `onResync` handlers run (the hub closes its sockets with
//   RESUME; clients reconnect and resume from their last contiguous seq). When the publisher is
//   back after events failed to go out, a resync notice is published so the other instances do
//   the same for theirs.
// - The server starts while Redis is down: connecting never blocks boot; ioredis keeps retrying
//   (at most `RETRY_MAX_MS` apart) and the bus reports 'down' to /health until both connections
//   are ready.
import Redis from 'ioredis';
import type { Logger } from '../logger';
import type { BusEvent, BusStatus, EventBus } from './bus';

export const DEFAULT_CHANNEL = 'phoenix:events';
const RETRY_MAX_MS = 1_000;

type Envelope = { o: string; e: BusEvent } | { o: string; resync: true };

function handlersCalling<T extends unknown[]>(log: Logger, what: string) {
  const set = new Set<(...args: T) => void>();
  const call = (...args: T) => {
    for (const handler of set) {
      try {
        handler(...args);
      } catch (err) {
        log.error(`${what} handler failed`, { err });
      }
    }
  };
  const add = (handler: (...args: T) => void) => {
    set.add(handler);
    return () => void set.delete(handler);
  };
  return { set, call, add };
}

interface BusState {
  pubUp: boolean;
  subUp: boolean;
  closed: boolean;
  /** This instance may have missed others' events (its subscriber was down). */
  missedIn: boolean;
  /** Others may have missed this instance's events (a publish could not go out). */
  missedOut: boolean;
  outstanding: number;
  wasUp: boolean;
}

/** Tracks both connections' ups and downs, and resyncs on the way back up (see the top). */
function watchConnections(w: {
  pub: Redis;
  sub: Redis;
  channel: string;
  state: BusState;
  noteStatus(): void;
  resync(): void;
  announce(): void;
  log: Logger;
}): void {
  const { pub, sub, channel, state, noteStatus, resync, announce, log } = w;
  sub.on('close', () => {
    if (!state.closed) state.missedIn = true;
    state.subUp = false;
    noteStatus();
  });
  sub.on('ready', () => {
    sub.subscribe(channel).then(
      () => {
        state.subUp = true;
        noteStatus();
        if (state.missedIn) {
          state.missedIn = false;
          resync();
        }
      },
      (err: unknown) => log.warn('redis subscribe failed', { err }),
    );
  });
  pub.on('close', () => {
    state.pubUp = false;
    noteStatus();
  });
  pub.on('ready', () => {
    state.pubUp = true;
    noteStatus();
    if (state.missedOut) {
      state.missedOut = false;
      announce();
    }
  });
}

export function createRedisBus(opts: { url: string; log: Logger; channel?: string }): EventBus {
  const { log } = opts;
  const channel = opts.channel ?? DEFAULT_CHANNEL;
  const origin = crypto.randomUUID();
  const retryStrategy = (times: number) => Math.min(50 * 2 ** Math.min(times, 5), RETRY_MAX_MS);
  // A subscribed Redis connection can do nothing else, so publishing needs its own. Nothing is
  // queued while it is down (enableOfflineQueue: false): a publish then fails at once.
  const pub = new Redis(opts.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
  const sub = new Redis(opts.url, { lazyConnect: true, autoResubscribe: false, maxRetriesPerRequest: null, retryStrategy });
  const events = handlersCalling<[BusEvent]>(log, 'bus');
  const resyncs = handlersCalling<[]>(log, 'bus resync');
  const state: BusState = { pubUp: false, subUp: false, closed: false, missedIn: false, missedOut: false, outstanding: 0, wasUp: false };
  const status = (): BusStatus => (state.pubUp && state.subUp ? 'up' : 'down');
  const noteStatus = () => {
    const up = status() === 'up';
    if (up !== state.wasUp && !state.closed) {
      if (up) log.info('event bus up', { channel });
      else log.warn('event bus down: delivery continues on this instance only', { channel });
    }
    state.wasUp = up;
  };

  for (const [name, conn] of [['publisher', pub], ['subscriber', sub]] as const) {
    conn.on('error', (err: unknown) => {
      if (!state.closed) log.debug(`redis ${name} error`, { err });
    });
  }

  watchConnections({ pub, sub, channel, state, noteStatus, resync: resyncs.call, announce: () => send({ o: origin, resync: true }), log });

  sub.on('message', (ch: string, text: string) => {
    if (ch !== channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      log.warn('ignored a malformed bus event', { channel });
      return;
    }
    if (envelope.o === origin) return;
    if ('resync' in envelope) resyncs.call();
    else if (envelope.e) events.call(envelope.e);
  });

  function send(envelope: Envelope): void {
    if (!state.pubUp) {
      state.missedOut = true;
      return;
    }
    state.outstanding++;
    pub
      .publish(channel, JSON.stringify(envelope))
      .catch((err: unknown) => {
        state.missedOut = true;
        log.warn('bus publish failed; other instances will resync when it is back', { err });
      })
      .finally(() => state.outstanding--);
  }

  // Connecting must not hold up boot, nor fail it: ioredis retries on its own.
  void pub.connect().catch(() => undefined);
  void sub.connect().catch(() => {
    state.missedIn = true;
  });
  log.info('event bus on redis', { channel });

  return {
    publish(event) {
      events.call(event);
      if (!state.closed) send({ o: origin, e: event });
      return Promise.resolve();
    },
    subscribe: events.add,
    onResync: resyncs.add,
    status,
    async flush(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (state.outstanding > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    async close() {
      state.closed = true;
      events.set.clear();
      resyncs.set.clear();
      // quit() on a connection that is not ready would wait for it to come back.
      const end = async (conn: Redis) => (conn.status === 'ready' ? void (await conn.quit().catch(() => conn.disconnect())) : conn.disconnect());
      await Promise.all([end(sub), end(pub)]);
    },
  };
}
