// The supervisor's live view (issue 17 item 11) and members' presence.
//
// Scope (DESIGN §4): admins and owners see every team; a supervisor the teams they belong to,
// with those teams' members and queues; agents get a 403 (they have the members list).
import type { LiveAgentDto, LiveSnapshotDto, MemberPresenceDto } from '../../shared/contract/live';
import type { AppContext } from '../context';
import type { ObjectId } from '../db/ids';
import { canManageOrg, isTeamManager } from '../domain/permissions';
import { forbidden } from '../errors';
import { actorOf } from './access';
import { chatDtos } from './chats';
import { presenceOf } from './presence';
import type { AgentAuth } from './sessions';

const QUEUE_LIMIT = 200;

/** Every member's presence (any member may see who is online: handing a chat over needs it). */
export async function memberPresence(ctx: AppContext, auth: AgentAuth): Promise<MemberPresenceDto[]> {
  const members = await ctx.repos.forOrg(auth.org._id).members.inOrder();
  const presence = await presenceOf(ctx, auth.org._id, members.map((m) => m._id));
  return members.map((m) => ({ userId: m._id.toString(), ...presence.get(m._id.toString())! }));
}

async function openCountsOf(ctx: AppContext, orgId: ObjectId, agentIds: ObjectId[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await ctx.repos.forOrg(orgId).chats.aggregate<{ _id: ObjectId; n: number }>([
    { $match: { status: 'assigned', assigneeId: { $in: agentIds } } },
    { $group: { _id: '$assigneeId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id.toString(), r.n]));
}

export async function liveSnapshot(ctx: AppContext, auth: AgentAuth): Promise<LiveSnapshotDto> {
  const actor = actorOf(auth.user);
  const orgId = auth.org._id;
  const repos = ctx.repos.forOrg(orgId);
  const allTeams = await repos.teams.inOrder();
  const teams = allTeams.filter((team) => isTeamManager(actor, team._id.toString()));
  if (!canManageOrg(actor) && (actor.role !== 'supervisor' || teams.length === 0)) {
    throw forbidden('The live view is for supervisors and admins');
  }
  const teamIds = teams.map((team) => team._id);
  const inScope = new Set(teamIds.map((tid) => tid.toString()));
  const members = (await repos.members.inOrder()).filter(
    (m) => m.active !== false && (canManageOrg(actor) || (m.teamIds ?? []).some((tid) => inScope.has(tid.toString()))),
  );
  const [presence, open, queued] = await Promise.all([
    presenceOf(ctx, orgId, members.map((m) => m._id)),
    openCountsOf(ctx, orgId, members.map((m) => m._id)),
    repos.chats.find({ teamId: { $in: teamIds }, status: 'unassigned' }, { sort: { createdAt: 1, _id: 1 }, limit: QUEUE_LIMIT }),
  ]);
  const agents: LiveAgentDto[] = members.map((m) => {
    const p = presence.get(m._id.toString())!;
    return {
      id: m._id.toString(),
      name: m.name,
      role: m.role,
      teamIds: (m.teamIds ?? []).map((tid) => tid.toString()).filter((tid) => inScope.has(tid)),
      presence: p.presence,
      presenceSince: p.since,
      manualStatus: m.manualStatus ?? 'available',
      openChats: open.get(m._id.toString()) ?? 0,
      maxConcurrentChats: m.maxConcurrentChats ?? null,
    };
  });
  return {
    now: ctx.clock.now().toISOString(),
    teams: teams.map((team) => ({ id: team._id.toString(), name: team.name })),
    agents,
    queue: queued.length > 0 ? await chatDtos(ctx, orgId, queued) : [],
  };
}
