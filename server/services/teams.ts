// Teams: settings, membership (users' teamIds is the only source of truth; TeamDto.memberIds is
// derived from it) and deletion.
//
// Decisions:
// - The default team (`Inbox`, created with the organization) cannot be deleted: widget chats
//   without a team and chats of deleted teams land there, so it must always exist. It can be
//   renamed.
// - A team with open (unassigned or assigned) chats cannot be deleted (409): moving live chats
//   is an assignment decision with visitor-visible consequences (after-hours message, routing,
//   the new team's permission mode) that a person should make in the inbox. Its ended chats move
//   to the default team so the conversation history stays visible to managers and contacts'
//   pages. A chat opened in the deleted team during the deletion (a race of milliseconds) is
//   moved to the default team too and announced, so it is never stranded.
// - Team names are unique per organization ignoring case ("Sales" and "sales" would be
//   indistinguishable in the console).
// - memberIds lists active members only; replacing memberIds never touches deactivated members'
//   teamIds, so reactivating someone restores their teams.
import { ObjectId } from '../db/ids';
import type { TeamDto, TeamSettings } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { canManageOrg, canSeeTeam, isTeamManager } from '../domain/permissions';
import { applyTeamSettingsPatch } from '../domain';
import { defaultTeamSettings } from '../domain/team-settings';
import { AppError, badRequest, fieldErrors, conflict, forbidden, notFound } from '../errors';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { actorOf, objectId, orgTeams } from './access';
import { publishChatChange } from './chat-events';
import { toTeamDto } from './mappers';
import { isDuplicateKey } from './organizations';
import type { AgentAuth } from './sessions';
import type { TeamInput } from '../../shared/contract/teams';
import { withoutControlCharacters } from './text-input';

export const escapeRegex = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function teamSettingsOf(team: TeamDoc): TeamSettings {
  const dto = toTeamDto(team, []);
  return {
    permissionMode: dto.permissionMode,
    schedule: dto.schedule,
    afterHoursMessage: dto.afterHoursMessage,
    assignmentStrategy: dto.assignmentStrategy,
    assignedMessage: dto.assignedMessage,
    unresponsiveStrategy: dto.unresponsiveStrategy,
    unresponsiveTimeoutSeconds: dto.unresponsiveTimeoutSeconds,
    unresponsiveMessage: dto.unresponsiveMessage,
    maxChatsPerAgent: dto.maxChatsPerAgent,
    onlineOnlyRouting: dto.onlineOnlyRouting,
    autoResolveMinutes: dto.autoResolveMinutes,
    autoResolveMessage: dto.autoResolveMessage,
    prechatForm: dto.prechatForm,
    offlineWhenNoAgentOnline: dto.offlineWhenNoAgentOnline,
  };
}

/**
 * Checks that every id names a team of the organization; `field` is the list's path
 * (`body.teamIds`), errors name the element (`body.teamIds[1]`). Duplicates are dropped.
 */
export async function resolveOrgTeamIds(ctx: AppContext, orgId: ObjectId, ids: readonly string[], field: string): Promise<ObjectId[]> {
  const unique: ObjectId[] = [];
  const seen = new Set<string>();
  ids.forEach((raw, i) => {
    const oid = objectId(raw, 'Team', `${field}[${i}]`);
    const key = oid.toHexString();
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(oid);
    }
  });
  if (unique.length === 0) return [];
  const found = await ctx.repos.forOrg(orgId).teams.idsAmong(unique);
  const existing = new Set(found.map((id) => id.toHexString()));
  const missing = ids.findIndex((raw) => !existing.has(raw.toLowerCase()));
  if (missing !== -1) throw badRequest(`${field}[${missing}]: no such team in this organization`, `${field}[${missing}]`);
  return unique;
}

/** Active members per team, from users' teamIds. */
export async function teamMemberIds(ctx: AppContext, orgId: ObjectId, teamIds: ObjectId[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(teamIds.map((id) => [id.toHexString(), []]));
  if (teamIds.length === 0) return result;
  const users = await ctx.repos.forOrg(orgId).members.activeInTeams(teamIds);
  for (const user of users) {
    for (const teamId of user.teamIds ?? []) result.get(teamId.toString())?.push(user._id.toString());
  }
  return result;
}

async function toDtos(ctx: AppContext, orgId: ObjectId, teams: TeamDoc[]): Promise<TeamDto[]> {
  const members = await teamMemberIds(ctx, orgId, teams.map((t) => t._id));
  return teams.map((t) => toTeamDto(t, members.get(t._id.toString()) ?? []));
}

export async function teamDto(ctx: AppContext, team: TeamDoc): Promise<TeamDto> {
  const [dto] = await toDtos(ctx, team.orgId, [team]);
  return dto!;
}

export async function listTeams(ctx: AppContext, auth: AgentAuth): Promise<TeamDto[]> {
  const actor = actorOf(auth.user);
  const teams = (await orgTeams(ctx, auth.org._id)).filter((t) => canSeeTeam(actor, t._id.toString()));
  return toDtos(ctx, auth.org._id, teams);
}

/** A team of the caller's organization that the caller may see; anything else is a 404. */
async function visibleTeam(ctx: AppContext, auth: AgentAuth, id: string): Promise<TeamDoc> {
  const team = await ctx.repos.forOrg(auth.org._id).teams.findById(objectId(id, 'Team'));
  if (!team || !canSeeTeam(actorOf(auth.user), team._id.toString())) throw notFound('Team');
  return team;
}

async function checkName(ctx: AppContext, orgId: ObjectId, raw: string, exceptId?: ObjectId): Promise<string> {
  // The schema refused a blank name; compared and stored trimmed.
  const name = withoutControlCharacters(raw.trim(), 'body.name', 'A team name');
  const clash = await ctx.repos.forOrg(orgId).teams.exists({
    name: new RegExp(`^${escapeRegex(name)}$`, 'i'),
    ...(exceptId ? { _id: { $ne: exceptId } } : {}),
  });
  if (clash) throw conflict(`A team named "${name}" already exists`, 'body.name');
  return name;
}

/** Active members of the organization, by id; errors name `body.memberIds[i]`. */
async function resolveMembers(ctx: AppContext, orgId: ObjectId, ids: readonly string[]): Promise<ObjectId[]> {
  const oids = ids.map((raw, i) => objectId(raw, 'Member', `body.memberIds[${i}]`));
  const users = await ctx.repos.forOrg(orgId).members.find<Pick<UserDoc, '_id' | 'active'>>({ _id: { $in: oids } }, { projection: { active: 1 } });
  const byId = new Map(users.map((u) => [u._id.toHexString(), u]));
  const unique = new Map<string, ObjectId>();
  oids.forEach((oid, i) => {
    const user = byId.get(oid.toHexString());
    if (!user) throw badRequest('There is no such member in this organization', `body.memberIds[${i}]`);
    if (user.active === false) throw badRequest('This member is deactivated', `body.memberIds[${i}]`);
    unique.set(oid.toHexString(), oid);
  });
  return [...unique.values()];
}

/** Makes exactly `memberIds` the team's active members; returns whose teams changed. */
async function replaceMembers(ctx: AppContext, orgId: ObjectId, teamId: ObjectId, memberIds: ObjectId[]): Promise<string[]> {
  const members = ctx.repos.forOrg(orgId).members;
  const before = await members.activeInTeams([teamId]);
  const beforeIds = new Set(before.map((u) => u._id.toHexString()));
  const afterIds = new Set(memberIds.map((id) => id.toHexString()));
  await members.setTeamMembers(teamId, memberIds);
  return [...[...afterIds].filter((id) => !beforeIds.has(id)), ...[...beforeIds].filter((id) => !afterIds.has(id))];
}

async function announce(ctx: AppContext, orgId: ObjectId, teamId: ObjectId, changedUsers: string[]): Promise<void> {
  for (const userId of changedUsers) await ctx.bus.publish({ kind: 'user.changed', orgId: orgId.toString(), userId });
  await ctx.bus.publish({ kind: 'team.changed', orgId: orgId.toString(), teamId: teamId.toString() });
}

function settingsPart(input: TeamInput): Partial<TeamSettings> {
  const { name: _name, memberIds: _memberIds, ...settings } = input;
  return settings;
}

export async function createTeam(ctx: AppContext, auth: AgentAuth, input: TeamInput & { name: string }): Promise<TeamDto> {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can create teams');
  const orgId = auth.org._id;
  const name = await checkName(ctx, orgId, input.name);
  const merged = applyTeamSettingsPatch(defaultTeamSettings(), settingsPart(input), 'body');
  if (!merged.ok) throw fieldErrors(merged.errors)!;
  const members = input.memberIds ? await resolveMembers(ctx, orgId, input.memberIds) : [];

  let team: TeamDoc;
  try {
    team = await ctx.repos.forOrg(orgId).teams.insert({ name, isDefault: false, ...merged.value, createdAt: ctx.clock.now() });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`A team named "${name}" already exists`, 'body.name');
    throw err;
  }
  const changed = members.length > 0 ? await replaceMembers(ctx, orgId, team._id, members) : [];
  await announce(ctx, orgId, team._id, changed);
  return teamDto(ctx, team);
}

export async function updateTeam(ctx: AppContext, auth: AgentAuth, id: string, input: TeamInput): Promise<TeamDto> {
  const orgId = auth.org._id;
  const team = await visibleTeam(ctx, auth, id);
  if (!isTeamManager(actorOf(auth.user), team._id.toString())) throw forbidden('Only admins and the team’s supervisors can change it');

  const set: Record<string, unknown> = {};
  if (input.name !== undefined && input.name.trim() !== team.name) set.name = await checkName(ctx, orgId, input.name, team._id);
  const patch = settingsPart(input);
  if (Object.keys(patch).length > 0) {
    const merged = applyTeamSettingsPatch(teamSettingsOf(team), patch, 'body');
    if (!merged.ok) throw fieldErrors(merged.errors)!;
    Object.assign(set, merged.value);
  }
  const members = input.memberIds ? await resolveMembers(ctx, orgId, input.memberIds) : null;

  let updated: TeamDoc = team;
  if (Object.keys(set).length > 0) {
    try {
      updated = (await ctx.repos.forOrg(orgId).teams.findOneAndUpdate({ _id: team._id }, { $set: set })) ?? team;
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`A team named "${String(set.name)}" already exists`, 'body.name');
      throw err;
    }
  }
  const changed = members ? await replaceMembers(ctx, orgId, team._id, members) : [];
  await announce(ctx, orgId, team._id, changed);
  return teamDto(ctx, updated);
}

export async function deleteTeam(ctx: AppContext, auth: AgentAuth, id: string): Promise<void> {
  const orgId = auth.org._id;
  const team = await visibleTeam(ctx, auth, id);
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can delete teams');
  if (team.isDefault) throw conflict('The default team cannot be deleted (chats without a team go there); rename it instead');
  const repos = ctx.repos.forOrg(orgId);
  if ((await repos.teams.count()) <= 1) throw conflict('An organization needs at least one team');
  // Counted to refuse, then read again after the delete to catch chats opened in between.
  const openInTeam = { teamId: team._id, status: { $ne: 'ended' } };
  const open = await repos.chats.count(openInTeam);
  if (open > 0) {
    throw new AppError('CONFLICT', `This team has ${open} open chat${open === 1 ? '' : 's'}; move or end them first`, undefined, { openChats: open });
  }
  const fallback = await repos.teams.fallback(team._id);
  if (!fallback) throw conflict('An organization needs at least one team');

  if ((await repos.teams.deleteOne({ _id: team._id })) === 0) throw notFound('Team');

  const stragglers = await repos.chats.find(openInTeam);
  await repos.chats.updateMany({ teamId: team._id }, { $set: { teamId: fallback._id } });
  for (const chat of stragglers) {
    ctx.log.warn('chat opened in a team being deleted; moved to the default team', { chatId: chat._id.toString() });
    await publishChatChange(ctx, { ...chat, teamId: fallback._id }, 'updated', {
      byUserId: auth.user._id.toString(),
      previous: { teamId: team._id.toString(), status: chat.status, assigneeId: chat.assigneeId?.toString() ?? null },
    });
  }
  const members = await repos.members.leaveTeam(team._id);
  await repos.invitations.dropTeam(team._id);
  await announce(ctx, orgId, team._id, members.map((id) => id.toString()));
}
