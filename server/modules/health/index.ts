import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { healthSchema } from '../../../shared/contract/system';

export function healthModule(ctx: AppContext) {
  return new Elysia().get(
    '/health',
    async () => {
      // A ping proves the database answers, not just that a connection object exists.
      let database: 'up' | 'down' = 'up';
      try {
        await ctx.repos.crossOrg.ping();
      } catch {
        database = 'down';
      }
      return {
        status: database === 'up' ? ('ok' as const) : ('degraded' as const),
        version: ctx.version,
        uptimeSeconds: Math.round((ctx.clock.now().getTime() - ctx.startedAt.getTime()) / 1000),
        // The stand-in keeps data in memory only; the console shows a banner when this is true.
        database: { backend: ctx.dbBackend, status: database, inMemoryOnly: ctx.dbBackend === 'standin' },
      };
    },
    { response: { 200: healthSchema }, detail: { summary: 'Liveness, version and database backend', tags: ['system'] } },
  );
}
