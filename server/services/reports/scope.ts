// What a dashboard or report request covers: the range of local days (organization's zone) and
// the teams. Shared by the dashboard (teams the caller may see) and the reports (teams the caller
// manages); an unknown team and a team out of reach get the same 400, so the filter reveals no ids.
import { ObjectId } from '../../db/ids';
import { DASHBOARD_LIMITS } from '../../../shared/types/dashboard';
import type { AppContext } from '../../context';
import { canSeeTeam } from '../../domain/permissions';
import { reportTeamIds } from '../../domain/report-rules';
import { isValidTimeZone, localDateOf, resolveLocalRange, type LocalRange } from '../../domain/statistics';
import { badRequest, forbidden } from '../../errors';
import type { TeamDoc } from '../../db/types';
import { actorOf, orgTeams } from '../access';
import { labelOf } from '../chat-labels';
import type { AgentAuth } from '../sessions';

export interface RangeQuery {
  from?: string;
  to?: string;
  teamId?: string;
  label?: string;
}

export interface TeamScope {
  /** The teams the caller may pick from. */
  teams: TeamDoc[];
  /** The one team asked for (lower case), or null for all of `teams`. */
  teamId: string | null;
  scopeTeamIds: ObjectId[];
  /** Only chats carrying this label (normalized), or null for every chat. */
  label?: string | null;
}

function narrow(teams: TeamDoc[], query: RangeQuery): TeamScope {
  const teamId = query.teamId === undefined || query.teamId === '' ? null : query.teamId.toLowerCase();
  if (teamId !== null && !teams.some((t) => t._id.toHexString() === teamId)) {
    throw badRequest('There is no such team in this organization', 'query.teamId');
  }
  const scopeTeamIds = teamId !== null ? [new ObjectId(teamId)] : teams.map((t) => t._id);
  const label = query.label === undefined || query.label === '' ? null : labelOf(query.label, 'query.label');
  return { teams, teamId, scopeTeamIds, label };
}

/** The dashboard's teams: every team the caller may see. */
export async function dashboardTeams(ctx: AppContext, auth: AgentAuth, query: RangeQuery): Promise<TeamScope> {
  const actor = actorOf(auth.user);
  const teams = (await orgTeams(ctx, auth.org._id)).filter((t) => canSeeTeam(actor, t._id.toString()));
  return narrow(teams, query);
}

/** The reports' teams: those the caller manages. Agents get a 403 (reports are about colleagues). */
export async function reportTeams(ctx: AppContext, auth: AgentAuth, query: RangeQuery): Promise<TeamScope> {
  const actor = actorOf(auth.user);
  if (actor.role === 'agent') throw forbidden('Reports are for supervisors and admins');
  const all = await orgTeams(ctx, auth.org._id);
  const allowed = new Set(reportTeamIds(actor, all.map((t) => t._id.toString())));
  return narrow(all.filter((t) => allowed.has(t._id.toString())), query);
}

export function dashboardRange(auth: AgentAuth, query: RangeQuery, now: Date): { zone: string; range: LocalRange } {
  const zone = isValidTimeZone(auth.org.timezone) ? auth.org.timezone : 'UTC';
  const resolved = resolveLocalRange(
    { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) },
    zone,
    localDateOf(now, zone),
    DASHBOARD_LIMITS.maxDays,
  );
  if (!resolved.ok) throw badRequest(resolved.message, resolved.field);
  return { zone, range: resolved.range };
}

export const rangeDto = (zone: string, range: LocalRange) => ({
  from: range.from,
  to: range.to,
  timezone: zone,
  start: range.start.toISOString(),
  end: range.end.toISOString(),
});

/**
 * Chats started in the range, in the scope's teams (index { orgId, teamId, createdAt }), with the
 * scope's label if any (index { orgId, labels, createdAt }). Everything the dashboard and reports
 * count is read through this match (or from the chats it selects), so a label narrows all of it.
 */
export const startedIn = (range: LocalRange, scope: TeamScope) => ({
  createdAt: { $gte: range.start, $lt: range.end },
  teamId: { $in: scope.scopeTeamIds },
  ...(scope.label ? { labels: scope.label } : {}),
});
