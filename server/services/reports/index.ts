// GET /api/dashboard/reports: what supervisors act on, for the teams they manage.
import type { ReportsDto } from '../../../shared/types/dashboard';
import type { AppContext } from '../../context';
import type { AgentAuth } from '../sessions';
import { agentReports } from './agents';
import { busiestHours } from './heatmap';
import { dashboardRange, rangeDto, reportTeams, startedIn, type RangeQuery } from './scope';
import { unansweredReport } from './unanswered';

export async function reports(ctx: AppContext, auth: AgentAuth, query: RangeQuery): Promise<ReportsDto> {
  const scope = await reportTeams(ctx, auth, query);
  const { zone, range } = dashboardRange(auth, query, ctx.clock.now());
  const match = startedIn(range, scope);
  const orgId = auth.org._id;
  const [{ agents, hasRatings }, unanswered, heatmap] = await Promise.all([
    agentReports(ctx, orgId, match, scope),
    unansweredReport(ctx, orgId, match, scope),
    busiestHours(ctx, orgId, match, zone, scope.scopeTeamIds.length > 0),
  ]);
  return {
    range: rangeDto(zone, range),
    teamId: scope.teamId,
    teams: scope.teams.map((t) => ({ id: t._id.toString(), name: t.name })),
    hasRatings,
    agents,
    rating: overallRating(agents),
    unanswered,
    heatmap,
  };
}

/** The mean over every rated chat of the table (weighted by each agent's count, not a mean of means). */
function overallRating(agents: ReportsDto['agents']): ReportsDto['rating'] {
  let count = 0;
  let sum = 0;
  for (const a of agents) {
    if (!a.rating) continue;
    count += a.rating.count;
    sum += a.rating.average * a.rating.count;
  }
  return count === 0 ? null : { count, average: sum / count };
}

export { exportChatsCsv } from './export';
export { setupChecklistOf } from './setup';
