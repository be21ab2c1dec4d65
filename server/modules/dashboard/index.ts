import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { dashboardStats } from '../../services/dashboard';
import { dashboardQuery, dashboardResponses } from './model';

export function dashboardModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/dashboard' })
    .use(authPlugin(ctx))
    .get('', ({ auth, query }) => dashboardStats(ctx, requireAgent(auth), query), {
      query: dashboardQuery,
      response: dashboardResponses,
      detail: {
        summary: 'Chat volume, first response and resolution times (median, p90), new vs returning contacts and recent chats for a range of local days',
        description:
          'Days are the organization’s time zone; `from`–`to` inclusive, at most 366 days. Figures cover the chats started in the range in the teams the caller may see (admins/owners: all; supervisors and agents: their teams), or the one team asked for. Percentiles use the nearest-rank method.',
        tags: ['dashboard'],
      },
    });
}
