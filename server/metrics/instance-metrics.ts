// The figures of one server instance that are read when Prometheus scrapes, not counted as they
// happen: open sockets by kind, whether the bus reaches the other instances, how late the oldest
// due job is, how many webhook deliveries wait. The sources are handed in by whoever starts the
// instance (server/modules/metrics/install.ts), so this folder depends on nothing in the server.
import { Gauge, Registry } from 'prom-client';
import { enableProcessDefaults, processRegistry } from './process-metrics';

export interface InstanceSources {
  sockets(): { agent: number; visitor: number };
  busUp(): boolean;
  /** Seconds the oldest due job has waited past its run time (0 when none is due). */
  jobLagSeconds(): Promise<number>;
  /** Webhook deliveries stored and not yet delivered or given up (first attempts and retries). */
  webhookPending(): Promise<number>;
}

export interface InstanceMetrics {
  /** The text Prometheus reads, and its content type. */
  render(): Promise<{ body: string; contentType: string }>;
}

export function createInstanceMetrics(sources: InstanceSources): InstanceMetrics {
  enableProcessDefaults();
  const registry = new Registry();
  new Gauge({
    name: 'phoenix_sockets',
    help: 'Open WebSocket connections of this instance, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const counts = sources.sockets();
      this.set({ kind: 'agent' }, counts.agent);
      this.set({ kind: 'visitor' }, counts.visitor);
    },
  });
  new Gauge({
    name: 'phoenix_bus_up',
    help: 'Whether events of this instance reach the other instances (1 up, 0 degraded: /health says degraded)',
    registers: [registry],
    collect() {
      this.set(sources.busUp() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'phoenix_job_lag_seconds',
    help: 'How long the oldest due scheduled job has waited past its run time (0: none waiting)',
    registers: [registry],
    async collect() {
      this.set(await sources.jobLagSeconds());
    },
  });
  new Gauge({
    name: 'phoenix_webhook_queue_depth',
    help: 'Webhook deliveries pending (stored, neither delivered nor given up)',
    registers: [registry],
    async collect() {
      this.set(await sources.webhookPending());
    },
  });
  // The process's figures and this instance's, in one answer; both registries stay live.
  const merged = Registry.merge([processRegistry, registry]);
  return {
    async render() {
      return { body: await merged.metrics(), contentType: merged.contentType };
    },
  };
}
