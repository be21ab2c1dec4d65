// Chat lifecycle: open, claim, assign, end. Every state change is one conditional update on the
// chat's current state, so two agents (or an agent and a routing job) can never both win.
import { ObjectId } from '../db/ids';
import type { BadgeCounts, ChatDto } from '../../shared/types/dto';
import type { ChatChannel } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { canAssignTo, chatCapabilities, teamChatScope, type Actor } from '../domain/permissions';
import { badRequest, conflict, forbidden, isAppError, notFound } from '../errors';
import type { ChatDoc, ContactSummary, ScopedFilter, TeamDoc, UserDoc } from '../db/types';
import type { ChatViewer } from '../db/repos/chats';
import { actorOf, chatFacts, chatForAgent, objectId, orgTeams, teamFacts } from './access';
import { assigneeName, contactSummary, publishChatChange, recordChatEvent, systemActor, type EventActor } from './chat-events';
import { labelOf } from './chat-labels';
import { toChatDto, toChatEventDto, withoutLabels } from './mappers';
import type { AgentAuth } from './sessions';
import type { ChatView } from '../../shared/types/enums';

export const agentActor = (user: Pick<UserDoc, '_id' | 'name'>): EventActor => ({ kind: 'agent', id: user._id, name: user.name });

const factsOf = (chat: ChatDoc) => ({ teamId: chat.teamId.toString(), status: chat.status, assigneeId: chat.assigneeId?.toString() ?? null });

export async function chatDto(ctx: AppContext, chat: ChatDoc): Promise<ChatDto> {
  const [contact, agentName] = await Promise.all([contactSummary(ctx, chat), assigneeName(ctx, chat)]);
  return toChatDto(chat, contact, agentName);
}

/** The chat of a widget route: what its visitor may see (no labels). */
export async function visitorChatDto(ctx: AppContext, chat: ChatDoc): Promise<ChatDto> {
  return withoutLabels(await chatDto(ctx, chat));
}

/**
 * Which chats an agent may see, team by team: the same rules as canOnChat('view'), expressed
 * per team so lists and counts need no per-chat checks.
 */
export function chatViewer(actor: Actor, teams: Pick<TeamDoc, '_id' | 'permissionMode'>[]): ChatViewer {
  const allOf: ObjectId[] = [];
  const queueOf: ObjectId[] = [];
  for (const team of teams) {
    const scope = teamChatScope(actor, teamFacts(team));
    if (scope.others && scope.unassigned) allOf.push(team._id);
    else if (scope.unassigned) queueOf.push(team._id);
  }
  return { agentId: new ObjectId(actor.userId), allOf, queueOf };
}

/** The contacts and assignees' names of a list of chats, by id: two batched reads, not two per chat. */
export async function chatPeople(ctx: AppContext, orgId: ObjectId, chats: ChatDoc[]): Promise<{ contacts: Map<string, ContactSummary>; agentNames: Map<string, string> }> {
  const repos = ctx.repos.forOrg(orgId);
  const [contacts, agentNames] = await Promise.all([
    repos.contacts.summariesById(chats.map((c) => c.contactId)),
    repos.members.namesById(chats.flatMap((c) => (c.assigneeId ? [c.assigneeId] : []))),
  ]);
  return { contacts, agentNames };
}

/** DTOs for a page of chats with two batched lookups instead of two per chat. */
export async function chatDtos(ctx: AppContext, orgId: ObjectId, chats: ChatDoc[]): Promise<ChatDto[]> {
  const { contacts, agentNames } = await chatPeople(ctx, orgId, chats);
  return chats.map((c) => toChatDto(c, contacts.get(c.contactId.toString()) ?? null, c.assigneeId ? (agentNames.get(c.assigneeId.toString()) ?? null) : null));
}

export async function openChat(
  ctx: AppContext,
  input: { orgId: ObjectId; contactId: ObjectId; teamId: ObjectId; channel: ChatChannel; handoffId?: string | null },
  opts: { route?: boolean } = {},
): Promise<ChatDoc> {
  const now = ctx.clock.now();
  const repos = ctx.repos.forOrg(input.orgId);
  const chat = await repos.chats.insert({
    contactId: input.contactId,
    teamId: input.teamId,
    status: 'unassigned',
    channel: input.channel,
    handoffId: input.handoffId ?? null,
    createdAt: now,
  });
  await repos.contacts.noteNewChat(input.contactId, now);
  await recordChatEvent(ctx, chat, 'created', { kind: input.channel === 'api' ? 'automation' : 'contact', id: null, name: null }, { toTeamId: input.teamId });
  await publishChatChange(ctx, chat, 'created');
  // A handoff routes its chat itself, once the transcript is stored (see handoff.ts).
  if (opts.route === false) return chat;
  await ctx.events.emit('chat.created', { chat });
  return (await repos.chats.findById(chat._id)) ?? chat;
}

/** Marks the agent as just assigned (round robin fairness) and the contact's last agent. */
async function noteAssignment(ctx: AppContext, chat: ChatDoc, agentId: ObjectId, now: Date): Promise<void> {
  const repos = ctx.repos.forOrg(chat.orgId);
  await Promise.all([
    // $max: the round-robin key only moves forward (routing may have stamped it a little ahead).
    repos.members.updateOne({ _id: agentId }, { $max: { lastAssignedAt: now } }),
    repos.contacts.setLastAgent(chat.contactId, agentId),
  ]);
}

export async function claimChat(ctx: AppContext, auth: AgentAuth, chatId: string): Promise<ChatDoc> {
  const { chat, actor, team } = await chatForAgent(ctx, auth, chatId, 'view');
  if (chat.status !== 'unassigned') throw conflict('This chat has already been claimed or assigned');
  if (!chatCapabilities(actor, chatFacts(chat), team).claim) throw forbidden('You may not claim chats in this team');
  const now = ctx.clock.now();
  const updated = await ctx.repos.forOrg(auth.org._id).chats.claim(chat, auth.user._id, now);
  if (!updated) throw conflict('Someone else claimed this chat first');
  await noteAssignment(ctx, updated, auth.user._id, now);
  await recordChatEvent(ctx, updated, 'claimed', agentActor(auth.user), { toAssigneeId: auth.user._id });
  await publishChatChange(ctx, updated, 'assigned', { byUserId: auth.user._id.toString(), previous: factsOf(chat) });
  return updated;
}

/**
 * Assigns a chat to an agent, or moves it to a team (and optionally an agent of that team).
 * Used by agents (permission-checked) and by automation (`actor: null`, every mode allowed).
 */
export async function assignChat(
  ctx: AppContext,
  input: { orgId: ObjectId; chat: ChatDoc; actor: Actor | null; eventActor: EventActor; agentId?: string; teamId?: string; auto?: boolean },
): Promise<ChatDoc> {
  const { chat } = input;
  if (chat.status === 'ended') throw conflict('This chat has ended');
  if (input.agentId === undefined && input.teamId === undefined) throw badRequest('Give an agentId or a teamId', 'body.agentId');

  const repos = ctx.repos.forOrg(input.orgId);
  let targetTeam: TeamDoc | null = null;
  if (input.teamId !== undefined) {
    targetTeam = await repos.teams.findById(objectId(input.teamId, 'Team', 'body.teamId'));
    if (!targetTeam) throw badRequest('No such team in this organization', 'body.teamId');
  }
  const currentTeam = await repos.teams.findById(chat.teamId);
  if (!currentTeam) throw notFound('Chat');
  const destinationTeamId = (targetTeam?._id ?? chat.teamId).toString();

  let agent: UserDoc | null = null;
  if (input.agentId !== undefined) {
    agent = await repos.members.findById(objectId(input.agentId, 'Agent', 'body.agentId'));
    if (!agent) throw badRequest('No such member in this organization', 'body.agentId');
    if (agent.active === false) throw badRequest('This member is deactivated', 'body.agentId');
    if (!(agent.teamIds ?? []).some((t) => t.toString() === destinationTeamId)) {
      throw badRequest('This member is not in the chat’s team', 'body.agentId');
    }
  }

  if (input.actor) {
    const facts = chatFacts(chat);
    const team = teamFacts(currentTeam);
    const teamOk = targetTeam === null || canAssignTo(input.actor, facts, team, { kind: 'team', teamId: targetTeam._id.toString() });
    const agentOk =
      agent === null ||
      canAssignTo(input.actor, { ...facts, teamId: destinationTeamId }, { ...team, id: destinationTeamId }, {
        kind: 'agent',
        agentTeamIds: (agent.teamIds ?? []).map((t) => t.toString()),
        agentActive: agent.active ?? true,
      });
    if (!teamOk || !agentOk) throw forbidden('You may not assign this chat');
  }

  const now = ctx.clock.now();
  const set: Record<string, unknown> = { teamId: new ObjectId(destinationTeamId), awaitingChoice: false, autoAssigned: input.auto ?? false };
  if (agent) Object.assign(set, { status: 'assigned', assigneeId: agent._id, assignedAt: now });
  else Object.assign(set, { status: 'unassigned', assigneeId: null, assignedAt: null });

  // Conditional on the state we checked: a concurrent claim or end makes this a 409, not an overwrite.
  const updated = await repos.chats.updateIfStill(chat, set);
  if (!updated) throw conflict('The chat changed meanwhile; reload and try again');

  const teamChanged = destinationTeamId !== chat.teamId.toString();
  if (teamChanged) {
    await recordChatEvent(ctx, updated, 'team_changed', input.eventActor, { fromTeamId: chat.teamId, toTeamId: updated.teamId, fromAssigneeId: chat.assigneeId ?? null, toAssigneeId: agent?._id ?? null });
  }
  if (!agent && !teamChanged && chat.assigneeId) {
    await recordChatEvent(ctx, updated, 'requeued', input.eventActor, { fromAssigneeId: chat.assigneeId });
  }
  if (agent) {
    await noteAssignment(ctx, updated, agent._id, now);
    const kind = input.auto ? 'auto_assigned' : chat.assigneeId ? 'reassigned' : 'assigned';
    await recordChatEvent(ctx, updated, kind, input.eventActor, { fromAssigneeId: chat.assigneeId ?? null, toAssigneeId: agent._id });
  }
  const byUserId = input.eventActor.kind === 'agent' ? (input.eventActor.id?.toString() ?? null) : null;
  await publishChatChange(ctx, updated, agent ? 'assigned' : 'updated', { byUserId, previous: factsOf(chat) });
  await ctx.events.emit('chat.assigned', { chat: updated, byUserId, previous: factsOf(chat) });
  return updated;
}

/**
 * A member who can no longer answer (deactivated) leaves no chat stranded: each of their open
 * chats goes back to its team's queue, where routing offers it by the team's rules.
 */
export async function requeueAgentChats(ctx: AppContext, orgId: ObjectId, userId: ObjectId): Promise<number> {
  const chats = await ctx.repos.forOrg(orgId).chats.assignedTo(userId);
  let moved = 0;
  for (const chat of chats) {
    try {
      await assignChat(ctx, { orgId, chat, actor: null, eventActor: systemActor, teamId: chat.teamId.toString() });
      moved++;
    } catch (err) {
      // Ended or reassigned meanwhile: nothing left to requeue for this one.
      if (!(isAppError(err) && err.code === 'CONFLICT')) throw err;
    }
  }
  return moved;
}

export async function assignChatAsAgent(ctx: AppContext, auth: AgentAuth, chatId: string, target: { agentId?: string; teamId?: string }): Promise<ChatDoc> {
  const { chat, actor } = await chatForAgent(ctx, auth, chatId, 'assign');
  return assignChat(ctx, { orgId: auth.org._id, chat, actor, eventActor: agentActor(auth.user), ...target });
}

export async function endChat(ctx: AppContext, input: { orgId: ObjectId; chat: ChatDoc; eventActor: EventActor }): Promise<ChatDoc> {
  const now = ctx.clock.now();
  const updated = await ctx.repos.forOrg(input.orgId).chats.end(input.chat._id, now);
  if (!updated) throw conflict('This chat has already ended');
  await recordChatEvent(ctx, updated, 'ended', input.eventActor, { fromAssigneeId: updated.assigneeId ?? null });
  await publishChatChange(ctx, updated, 'ended', {
    byUserId: input.eventActor.kind === 'agent' ? (input.eventActor.id?.toString() ?? null) : null,
    previous: factsOf(input.chat),
  });
  await ctx.events.emit('chat.ended', { chat: updated });
  return updated;
}

export async function endChatAsAgent(ctx: AppContext, auth: AgentAuth, chatId: string): Promise<ChatDoc> {
  const { chat } = await chatForAgent(ctx, auth, chatId, 'end');
  return endChat(ctx, { orgId: auth.org._id, chat, eventActor: agentActor(auth.user) });
}

const decodeCursor = (cursor: string | undefined): { at: Date; id: ObjectId } | null => {
  if (!cursor) return null;
  try {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    const date = new Date(at ?? '');
    if (Number.isNaN(date.getTime()) || !id || !ObjectId.isValid(id)) throw new Error('bad cursor');
    return { at: date, id: new ObjectId(id) };
  } catch {
    throw badRequest('Invalid cursor', 'query.cursor');
  }
};
const encodeCursor = (chat: ChatDoc): string => Buffer.from(`${chat.createdAt.toISOString()}|${chat._id.toString()}`).toString('base64url');

export async function listChats(
  ctx: AppContext,
  auth: AgentAuth,
  q: { view: ChatView; teamId?: string; status?: 'open' | 'ended'; cursor?: string; limit?: number; label?: string },
): Promise<{ items: ChatDto[]; next: string | null }> {
  const actor = actorOf(auth.user);
  const teams = await orgTeams(ctx, auth.org._id);
  const filter: ScopedFilter[] = [];
  const status = q.status ?? 'open';
  filter.push(status === 'open' ? { status: { $in: ['unassigned', 'assigned'] } } : { status: 'ended' });
  if (q.view === 'unassigned') filter.push({ status: 'unassigned' });
  if (q.view === 'mine') filter.push({ assigneeId: auth.user._id });
  if (q.view === 'team') {
    if (!q.teamId) throw badRequest('teamId is required for the team view', 'query.teamId');
    filter.push({ teamId: objectId(q.teamId, 'Team', 'query.teamId') });
  }
  if (q.label !== undefined) filter.push({ labels: labelOf(q.label, 'query.label') });
  const cursor = decodeCursor(q.cursor);
  // Open chats: oldest first (a queue); ended: newest first (history).
  const direction = status === 'open' ? 1 : -1;
  if (cursor) {
    const op = direction === 1 ? '$gt' : '$lt';
    filter.push({ $or: [{ createdAt: { [op]: cursor.at } }, { createdAt: cursor.at, _id: { [op]: cursor.id } }] });
  }
  const limit = Math.min(q.limit ?? 50, 200);
  const chats = await ctx.repos.forOrg(auth.org._id).chats.visibleTo(chatViewer(actor, teams), filter, { sort: { createdAt: direction, _id: direction }, limit: limit + 1 });
  const page = chats.slice(0, limit);
  return {
    items: await chatDtos(ctx, auth.org._id, page),
    next: chats.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

export async function badgeCounts(ctx: AppContext, user: Pick<UserDoc, '_id' | 'role' | 'teamIds' | 'active' | 'orgId'>): Promise<BadgeCounts> {
  const actor = actorOf(user);
  const teams = await orgTeams(ctx, user.orgId);
  const rows = await ctx.repos.forOrg(user.orgId).chats.visibleOpenCounts(chatViewer(actor, teams));
  const counts: BadgeCounts = { unassigned: 0, mine: 0, all: 0, teams: {} };
  for (const row of rows) {
    const teamId = row._id.teamId.toString();
    counts.all += row.n;
    counts.teams[teamId] = (counts.teams[teamId] ?? 0) + row.n;
    if (row._id.status === 'unassigned') counts.unassigned += row.n;
    if (row._id.mine && row._id.status === 'assigned') counts.mine += row.n;
  }
  return counts;
}

export async function chatWithCapabilities(ctx: AppContext, auth: AgentAuth, chatId: string) {
  const { chat, team, actor } = await chatForAgent(ctx, auth, chatId, 'view');
  const caps = chatCapabilities(actor, chatFacts(chat), team);
  return {
    chat: await chatDto(ctx, chat),
    capabilities: { view: caps.view, claim: caps.claim, assign: caps.assign, write: caps.write, end: caps.end, upload: caps.upload, view_history: caps.view_history },
  };
}

export async function chatHistory(ctx: AppContext, auth: AgentAuth, chatId: string) {
  // The history names earlier assignees and their handling: the permission table's
  // `view_history`, not `view` (a Self Service agent sees a requeued chat, not who had it).
  const { chat } = await chatForAgent(ctx, auth, chatId, 'view_history');
  const events = await ctx.repos.forOrg(auth.org._id).chatEvents.find({ chatId: chat._id }, { sort: { createdAt: 1, _id: 1 } });
  return { items: events.map(toChatEventDto) };
}
