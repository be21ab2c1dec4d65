// The event bus over Redis pub/sub, so several server instances behind a load balancer act as
// one: every instance publishes to one channel and delivers what it hears to its own sockets.
// Local events also take the round trip through Redis, so every instance sees one order.
import Redis from 'ioredis';
import type { Logger } from '../logger';
import type { BusEvent, BusHandler, EventBus } from './bus';

export const DEFAULT_CHANNEL = 'phoenix:events';

export async function createRedisBus(opts: { url: string; log: Logger; channel?: string }): Promise<EventBus> {
  const channel = opts.channel ?? DEFAULT_CHANNEL;
  // A subscribed Redis connection can do nothing else, so publishing needs its own.
  const pub = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(opts.url, { lazyConnect: true });
  const handlers = new Set<BusHandler>();
  for (const [name, conn] of [['publisher', pub], ['subscriber', sub]] as const) {
    conn.on('error', (err: unknown) => opts.log.warn(`redis ${name} error`, { err }));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  sub.on('message', (ch: string, text: string) => {
    if (ch !== channel) return;
    let event: BusEvent;
    try {
      event = JSON.parse(text) as BusEvent;
    } catch {
      opts.log.warn('ignored a malformed bus event', { channel });
      return;
    }
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (err) {
        opts.log.error('bus handler failed', { err, kind: event.kind });
      }
    }
  });
  await sub.subscribe(channel);
  opts.log.info('event bus on redis', { channel });

  return {
    async publish(event) {
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await sub.quit().catch(() => undefined);
      await pub.quit().catch(() => undefined);
    },
  };
}
