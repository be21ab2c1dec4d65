import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { dashboardStats } from '../../services/dashboard';
import { exportChatsCsv, reports, setupChecklistOf } from '../../services/reports';
import { dashboardQuery, dashboardResponses, exportResponses, reportsResponses, setupResponses } from './model';

const RANGE_NOTE = 'Days are the organization’s time zone; `from`–`to` inclusive, at most 366 days.';

export function dashboardModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/dashboard' })
    .use(authPlugin(ctx))
    .get('', ({ auth, query }) => dashboardStats(ctx, requireAgent(auth), query), {
      query: dashboardQuery,
      response: dashboardResponses,
      detail: {
        summary: 'Chat volume, first response and resolution times (median, p90), new vs returning contacts and recent chats for a range of local days',
        description: `${RANGE_NOTE} Figures cover the chats started in the range in the teams the caller may see (admins/owners: all; supervisors and agents: their teams), or the one team asked for. Percentiles use the nearest-rank method.`,
        tags: ['dashboard'],
      },
    })
    .get('/reports', ({ auth, query }) => reports(ctx, requireAgent(auth), query), {
      query: dashboardQuery,
      response: reportsResponses,
      detail: {
        summary: 'Per-agent figures, missed and abandoned chats, and busiest hours (weekday × hour) for a range of local days',
        description: `${RANGE_NOTE} Supervisors see the teams they belong to, admins and owners all teams; agents get 403.`,
        tags: ['dashboard'],
      },
    })
    .get('/export', ({ auth, query }) => exportChatsCsv(ctx, requireAgent(auth), query), {
      query: dashboardQuery,
      response: exportResponses,
      detail: {
        summary: 'The chats started in a range as CSV (streamed; X-Total-Count gives the number of rows)',
        description: `${RANGE_NOTE} Supervisors and admins, for the teams they manage. Text cells that a spreadsheet would run as a formula start with an apostrophe.`,
        tags: ['dashboard'],
      },
    })
    .get('/setup', ({ auth }) => setupChecklistOf(ctx, requireAgent(auth)), {
      response: setupResponses,
      detail: { summary: 'The first-run checklist: widget installed, a teammate invited, team hours set', tags: ['dashboard'] },
    });
}
