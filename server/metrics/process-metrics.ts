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
  help: "The database write of a batch of new messages (the insert only, not the chats' seqs; services/message-writer.ts)",
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});

export const messageBatchSize = new Histogram({
  name: 'phoenix_message_batch_messages',
  help: 'Messages stored per group commit (services/message-writer.ts): about 1 at a trickle, more as the rate rises',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
  registers: [processRegistry],
});

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
