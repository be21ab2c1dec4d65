// The per-agent table of the reports: chats handled, first-response and resolution medians,
// chats missed (timed out unanswered), and ratings when chats carry them.
//
// Attribution: a chat counts for its assignee — the current one, or for an ended chat the last
// one (endChat leaves assigneeId in place). Its durations are the visitor's (first response and
// resolution since the chat started), as on the dashboard, so the agents' medians and the team's
// use one definition. `missed` counts the chats whose unresponsive-agent timer fired on the agent
// (chat.unresponsiveAgentIds), wherever they went afterwards.
import type { AgentReport } from '../../../shared/types/dashboard';
import type { AppContext } from '../../context';
import type { ObjectId } from '../../db/ids';
import type { ScopedFilter } from '../../db/types';
import { durationStats, ratingStats } from '../../domain/statistics';
import type { TeamScope } from './scope';

interface HandledRow {
  _id: ObjectId;
  chats: number;
  firstResponse: (number | null)[];
  resolution: (number | null)[];
  ratings: unknown[];
}

const present = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] });
const sinceCreated = (field: string) => ({ $cond: [present(field), { $subtract: [field, '$createdAt'] }, null] });

export async function agentReports(ctx: AppContext, orgId: ObjectId, match: ScopedFilter, scope: TeamScope): Promise<{ agents: AgentReport[]; hasRatings: boolean }> {
  const repos = ctx.repos.forOrg(orgId);
  if (scope.scopeTeamIds.length === 0) return { agents: [], hasRatings: false };
  const [handled, missed, members] = await Promise.all([
    repos.chats.aggregate<HandledRow>([
      { $match: { ...match, assigneeId: { $ne: null } } },
      {
        $group: {
          _id: '$assigneeId',
          chats: { $sum: 1 },
          firstResponse: { $push: sinceCreated('$firstResponseAt') },
          resolution: { $push: sinceCreated('$endedAt') },
          // Ratings are another feature's (not built yet); read if a chat has one.
          ratings: { $push: { $ifNull: ['$rating.score', null] } },
        },
      },
    ]),
    repos.chats.aggregate<{ _id: ObjectId; n: number }>([
      { $match: match },
      { $unwind: '$unresponsiveAgentIds' },
      { $group: { _id: '$unresponsiveAgentIds', n: { $sum: 1 } } },
    ]),
    repos.members.find<{ _id: ObjectId; name: string }>({ teamIds: { $in: scope.scopeTeamIds }, active: true }, { projection: { name: 1 } }),
  ]);

  const names = new Map(members.map((m) => [m._id.toString(), m.name]));
  // People no longer in the teams (or deactivated) who handled chats of the range keep their row.
  const missing = [...handled.map((r) => r._id), ...missed.map((r) => r._id)].filter((id) => !names.has(id.toString()));
  if (missing.length > 0) {
    for (const m of await repos.members.find<{ _id: ObjectId; name: string }>({ _id: { $in: missing } }, { projection: { name: 1 } })) names.set(m._id.toString(), m.name);
  }

  const byAgent = new Map(handled.map((r) => [r._id.toString(), r]));
  const missedBy = new Map(missed.map((r) => [r._id.toString(), r.n]));
  const ids = new Set([...members.map((m) => m._id.toString()), ...byAgent.keys(), ...missedBy.keys()]);
  const hasRatings = handled.some((r) => ratingStats(r.ratings) !== null);

  const agents = [...ids].map((id): AgentReport => {
    const row = byAgent.get(id);
    return {
      agent: { id, name: names.get(id) ?? '' },
      chats: row?.chats ?? 0,
      firstResponse: durationStats(row?.firstResponse ?? []),
      resolution: durationStats(row?.resolution ?? []),
      missed: missedBy.get(id) ?? 0,
      rating: ratingStats(row?.ratings ?? []),
    };
  });
  agents.sort((a, b) => b.chats - a.chats || a.agent.name.localeCompare(b.agent.name));
  return { agents, hasRatings };
}
