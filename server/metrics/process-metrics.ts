// Figures of this process that code on the hot path records as it goes: how long a message took
// from arriving at the message service to being stored and published, and how long its database
// write took. One registry per process (what Prometheus scrapes is a process); the figures of one
// server instance that are read on scrape (sockets, bus, jobs) live in instance-metrics.ts.
//
// Recording costs a bucket search and an add: it runs whether or not anybody scrapes, so the hot
// path holds no "is it on" check, and turning /metrics on needs no restart of the counting.
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const processRegistry = new Registry();

// From sub-millisecond (the in-memory stand-in) to the seconds a saturated server reaches.
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const messageLatency = new Histogram({
  name: 'phoenix_message_latency_seconds',
  help: 'A new message from arriving at the message service to stored and published (acknowledgeable), by author kind',
  labelNames: ['author'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});

export const messageStoreTime = new Histogram({
  name: 'phoenix_message_store_seconds',
  help: "The database write of a new message (the insert only, not the chat's seq)",
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});

/**
 * Wraps the message service's entry point: observes each new message (not resends answered with
 * the stored one, not refusals). The wrapped function is otherwise untouched.
 */
export function timedMessages<A extends unknown[], R extends { duplicate: boolean }>(
  authorOf: (...args: A) => string,
  store: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const started = performance.now();
    const result = await store(...args);
    if (!result.duplicate) messageLatency.observe({ author: authorOf(...args) }, (performance.now() - started) / 1000);
    return result;
  };
}

/** `write` timed: each call's duration goes to the store-time histogram (failures too). */
export function timedWrite<A extends unknown[], R>(write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const started = performance.now();
    try {
      return await write(...args);
    } finally {
      messageStoreTime.observe((performance.now() - started) / 1000);
    }
  };
}

let defaultsOn = false;
/**
 * Process CPU seconds, resident memory, heap and event-loop lag (prom-client's defaults; the lag
 * comes from node:perf_hooks' monitorEventLoopDelay, which Bun implements). Started only once a
 * metrics endpoint is enabled: the loop-delay monitor is a timer we need not run otherwise.
 */
export function enableProcessDefaults(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
}
