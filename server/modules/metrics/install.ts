// Puts /metrics together for one server instance (runtime.ts calls this once the hub exists):
// the instance's sampled figures from its connection registry, bus and database, and, with
// METRICS_PORT, a listener of its own that answers only /metrics.
import type { AppContext } from '../../context';
import type { ConnectionRegistry } from '../../realtime/connections';
import { createInstanceMetrics, type InstanceMetrics } from '../../metrics/instance-metrics';
import { metricsAccess } from '../../metrics/access';
import { jobLagSeconds, pendingWebhookDeliveries } from '../../services/operator-metrics';

const installed = new WeakMap<AppContext, InstanceMetrics>();

/** The instance's metrics, or null when neither METRICS_TOKEN nor METRICS_PORT is set. */
export function metricsOf(ctx: AppContext): InstanceMetrics | null {
  return installed.get(ctx) ?? null;
}

function countSockets(registry: ConnectionRegistry): { agent: number; visitor: number } {
  const counts = { agent: 0, visitor: 0 };
  for (const conns of registry.byOrg.values()) for (const conn of conns) counts[conn.kind]++;
  return counts;
}

export async function metricsAnswer(metrics: InstanceMetrics): Promise<Response> {
  const { body, contentType } = await metrics.render();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}

export function installMetrics(ctx: AppContext, registry: ConnectionRegistry): { port: number | null; close(): void } {
  const settings = ctx.config.metrics;
  if (settings.token === null && settings.port === null) return { port: null, close: () => undefined };
  const metrics = createInstanceMetrics({
    sockets: () => countSockets(registry),
    busUp: () => (ctx.bus.status?.() ?? 'up') === 'up',
    jobLagSeconds: () => jobLagSeconds(ctx),
    webhookPending: () => pendingWebhookDeliveries(ctx),
  });
  installed.set(ctx, metrics);
  if (settings.port === null) return { port: null, close: () => installed.delete(ctx) };
  const listener = Bun.serve({
    hostname: ctx.config.host,
    port: settings.port,
    development: false,
    async fetch(request) {
      if (new URL(request.url).pathname !== '/metrics' || request.method !== 'GET') return new Response('Not found\n', { status: 404 });
      if (metricsAccess(settings, request.headers.get('authorization'), true) !== 'allowed') return new Response('Unauthorized\n', { status: 401 });
      return metricsAnswer(metrics);
    },
  });
  ctx.log.info('metrics listening', { port: listener.port });
  return {
    port: listener.port ?? settings.port,
    close() {
      installed.delete(ctx);
      void listener.stop(true);
    },
  };
}
