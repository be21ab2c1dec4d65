import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { healthSchema } from '../../../shared/contract/system';
import { databaseStatus } from '../../services/health';

export function healthModule(ctx: AppContext) {
  return new Elysia().get(
    '/health',
    async () => {
      const database = await databaseStatus(ctx);
      // Without the bus, this instance still serves its own sockets, but not the others'.
      const bus = ctx.bus.status?.() ?? 'up';
      return {
        status: database === 'up' && bus === 'up' ? ('ok' as const) : ('degraded' as const),
        version: ctx.version,
        uptimeSeconds: Math.round((ctx.clock.now().getTime() - ctx.startedAt.getTime()) / 1000),
        // The memory-only stand-in loses everything on restart; the console shows a banner then.
        database: { backend: ctx.dbBackend, status: database, inMemoryOnly: ctx.dbInMemoryOnly },
        bus: { kind: ctx.config.redisUrl ? ('redis' as const) : ('local' as const), status: bus },
      };
    },
    { response: { 200: healthSchema }, detail: { summary: 'Liveness, version, database backend and event bus', tags: ['system'] } },
  );
}
