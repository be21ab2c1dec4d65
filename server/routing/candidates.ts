// Reads what the pure selection rules (domain/agent-selection) need: the team's active members
// with their availability facts and open-chat counts.
import type { AppContext } from '../context';
import type { ObjectId } from '../db/ids';
import { isAgentAvailable, type CandidateAgent } from '../domain/agent-selection';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { plainSchedule } from '../services/mappers';
import { presenceOf } from '../services/presence';
import type { Presence } from '../../shared/types/enums';

export interface OpenCounts {
  /** Assigned, not ended, across all teams. */
  total: number;
  /** Of those, in the routed team. */
  inTeam: number;
}

const NO_CHATS: OpenCounts = { total: 0, inTeam: 0 };

export function toCandidate(user: UserDoc, counts: OpenCounts, presence?: Presence): CandidateAgent {
  return {
    ...(presence ? { presence } : {}),
    id: user._id.toString(),
    active: user.active !== false,
    manualStatus: user.manualStatus ?? 'available',
    schedule: plainSchedule(user.schedule),
    maxConcurrentChats: user.maxConcurrentChats ?? null,
    openChatCount: counts.total,
    teamOpenChatCount: counts.inTeam,
    lastAssignedAt: user.lastAssignedAt ?? null,
    lastNewContactAssignedAt: user.lastNewContactAssignedAt ?? null,
  };
}

/** Counting open chats costs a query; without any cap the counts cannot change the answer. */
export const capsApply = (team: Pick<TeamDoc, 'maxChatsPerAgent'>, users: readonly Pick<UserDoc, 'maxConcurrentChats'>[]): boolean =>
  team.maxChatsPerAgent != null || users.some((u) => u.maxConcurrentChats != null);

export async function openCounts(ctx: AppContext, orgId: ObjectId, teamId: ObjectId, agentIds: ObjectId[]): Promise<Map<string, OpenCounts>> {
  const rows = await ctx.repos.forOrg(orgId).chats.aggregate<{ _id: { agent: ObjectId; team: ObjectId }; n: number }>([
    { $match: { status: 'assigned', assigneeId: { $in: agentIds } } },
    { $group: { _id: { agent: '$assigneeId', team: '$teamId' }, n: { $sum: 1 } } },
  ]);
  const counts = new Map<string, OpenCounts>();
  for (const row of rows) {
    const key = row._id.agent.toString();
    const entry = counts.get(key) ?? { total: 0, inTeam: 0 };
    entry.total += row.n;
    if (row._id.team.toString() === teamId.toString()) entry.inTeam += row.n;
    counts.set(key, entry);
  }
  return counts;
}

export interface TeamCandidates {
  users: Map<string, UserDoc>;
  candidates: CandidateAgent[];
}

export async function loadCandidates(ctx: AppContext, team: TeamDoc): Promise<TeamCandidates> {
  const members = await ctx.repos.forOrg(team.orgId).members.find({ teamIds: team._id, active: true });
  const counts = capsApply(team, members) ? await openCounts(ctx, team.orgId, team._id, members.map((m) => m._id)) : new Map<string, OpenCounts>();
  const presence = onlineOnly(team) ? await presenceOf(ctx, team.orgId, members.map((m) => m._id)) : null;
  return {
    users: new Map(members.map((m) => [m._id.toString(), m])),
    candidates: members.map((m) => toCandidate(m, counts.get(m._id.toString()) ?? NO_CHATS, presence?.get(m._id.toString())?.presence)),
  };
}

/** One agent's availability for one team right now, from fresh data. */
export async function availableFor(ctx: AppContext, user: UserDoc, team: TeamDoc): Promise<boolean> {
  if (!(user.teamIds ?? []).some((t) => t.toString() === team._id.toString())) return false;
  const counts = capsApply(team, [user]) ? ((await openCounts(ctx, team.orgId, team._id, [user._id])).get(user._id.toString()) ?? NO_CHATS) : NO_CHATS;
  const presence = onlineOnly(team) ? (await presenceOf(ctx, team.orgId, [user._id])).get(user._id.toString())?.presence : undefined;
  return isAgentAvailable(toCandidate(user, counts, presence), ctx.clock.now(), routingOptions(team));
}

/** The team's own routing options (cap, online only) for the pure rules. */
export const routingOptions = (team: Pick<TeamDoc, 'maxChatsPerAgent' | 'onlineOnlyRouting'>) => ({
  teamMaxChatsPerAgent: team.maxChatsPerAgent ?? null,
  onlineOnly: onlineOnly(team),
});

/** Teams created before the setting existed route online-only too (the model's default). */
const onlineOnly = (team: Pick<TeamDoc, 'onlineOnlyRouting'>): boolean => team.onlineOnlyRouting !== false;
