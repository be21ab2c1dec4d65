// Members of an organization: the list every agent needs (assignment panel) and the admin's
// changes to role, teams, active flag and chat cap.
//
// Decisions:
// - The list is visible to every member, but other members' phone numbers only to admins
//   (an agent needs names and teams to hand a chat over, not a colleague's phone).
// - Admins may change their own teams and chat cap; nobody changes their own role or deactivates
//   themselves (canManageMember), and sending one's own current role/active back is a no-op so a
//   console form can send the whole record.
// - At least one active owner remains: the check runs after the write and undoes it, so two
//   owners demoting each other at once cannot both succeed.
// - A deactivated member's open chats go back to their teams' queues (requeueAgentChats), where
//   routing offers them again.
import type { ObjectId } from '../db/ids';
import type { MemberDto } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { canGrantRole, canManageMember, canManageOrg } from '../domain/permissions';
import { conflict, forbidden, notFound } from '../errors';
import { actorOf, objectId } from './access';
import { toMemberDto } from './mappers';
import { requeueAgentChats } from './chats';
import { revokeUserSessions, type AgentAuth } from './sessions';
import { resolveOrgTeamIds } from './teams';
import type { MemberPatch } from '../../shared/contract/members';

/** Every member of the organization, oldest first (the v1 API, which acts for the whole organization). */
export async function orgMembers(ctx: AppContext, orgId: ObjectId): Promise<MemberDto[]> {
  return (await ctx.repos.forOrg(orgId).members.inOrder()).map(toMemberDto);
}

export async function listMembers(ctx: AppContext, auth: AgentAuth): Promise<MemberDto[]> {
  const users = await ctx.repos.forOrg(auth.org._id).members.inOrder();
  const admin = canManageOrg(actorOf(auth.user));
  const me = auth.user._id.toString();
  return users.map((u) => {
    const dto = toMemberDto(u);
    return admin || dto.id === me ? dto : { ...dto, phone: null };
  });
}

export async function updateMember(ctx: AppContext, auth: AgentAuth, id: string, patch: MemberPatch): Promise<MemberDto> {
  const orgId = auth.org._id;
  const actor = actorOf(auth.user);
  if (!canManageOrg(actor)) throw forbidden('Only admins can change members');
  const members = ctx.repos.forOrg(orgId).members;
  const target = await members.findById(objectId(id, 'Member'));
  if (!target) throw notFound('Member');

  const self = target._id.equals(auth.user._id);
  const roleChange = patch.role !== undefined && patch.role !== target.role ? patch.role : undefined;
  const activeChange = patch.active !== undefined && patch.active !== (target.active ?? true) ? patch.active : undefined;
  if (self) {
    if (roleChange !== undefined) throw forbidden('You cannot change your own role');
    if (activeChange !== undefined) throw forbidden('You cannot deactivate yourself');
  } else if (!canManageMember(actor, { userId: target._id.toString(), role: target.role }, roleChange)) {
    throw forbidden(
      roleChange !== undefined && !canGrantRole(actor, roleChange)
        ? 'Only owners can make someone an owner'
        : 'Only owners can change an owner',
    );
  }

  const set: Record<string, unknown> = {};
  if (roleChange !== undefined) set.role = roleChange;
  if (activeChange !== undefined) set.active = activeChange;
  if (patch.maxConcurrentChats !== undefined) set.maxConcurrentChats = patch.maxConcurrentChats;
  if (patch.teamIds !== undefined) set.teamIds = await resolveOrgTeamIds(ctx, orgId, patch.teamIds, 'body.teamIds');
  if (Object.keys(set).length === 0) return toMemberDto(target);

  const losesOwner = target.role === 'owner' && (activeChange === false || (roleChange !== undefined && roleChange !== 'owner'));
  if (losesOwner && (await members.activeOwnerCount()) <= 1) {
    throw conflict('The organization needs at least one active owner', activeChange === false ? 'body.active' : 'body.role');
  }

  const updated = await members.findOneAndUpdate({ _id: target._id }, { $set: set });
  if (!updated) throw notFound('Member');
  if (losesOwner && (await members.activeOwnerCount()) === 0) {
    await members.updateOne({ _id: target._id }, { $set: { role: target.role, active: target.active ?? true } });
    throw conflict('The organization needs at least one active owner', activeChange === false ? 'body.active' : 'body.role');
  }

  if (activeChange === false) {
    await revokeUserSessions(ctx, updated, 'deactivated');
    await requeueAgentChats(ctx, orgId, updated._id);
  }
  await ctx.bus.publish({ kind: 'user.changed', orgId: orgId.toString(), userId: updated._id.toString() });
  // Team member lists count active members only, so (de)activation changes them too.
  const before = new Set((target.teamIds ?? []).map((t) => t.toString()));
  const after = new Set((updated.teamIds ?? []).map((t) => t.toString()));
  const touched = activeChange !== undefined
    ? new Set([...before, ...after])
    : new Set([...before].filter((t) => !after.has(t)).concat([...after].filter((t) => !before.has(t))));
  for (const teamId of touched) await ctx.bus.publish({ kind: 'team.changed', orgId: orgId.toString(), teamId });
  return toMemberDto(updated);
}
