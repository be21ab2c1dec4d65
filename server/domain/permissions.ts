// The permission table of DESIGN §4 as pure functions. The server enforces these on every route
// and socket message; the console calls `chatCapabilities` only to hide controls.
//
// Decisions where the table is silent (each has a test):
// - A deactivated actor can do nothing, whatever their role.
// - Team scope: supervisors act as supervisors only in teams they belong to; admins and owners in
//   every team. A supervisor outside a team has no more rights there than a non-member agent:
//   none, except on a chat assigned to them.
// - The assignee keeps view/write/upload/end/history on their chat in every mode, even after
//   leaving the team, so a visitor is never stranded mid-conversation; moving their chats on is
//   the members service's job when it removes someone from a team.
// - Status gates everyone: nobody writes or uploads unless the chat is `assigned` (claim or assign
//   first); `ended` chats are read-only for everyone (no claim, assign, write, upload or end);
//   only `unassigned` chats can be claimed (taking over an assigned chat is an assignment).
// - Ending: a Collaborative agent may end another agent's chat and an unassigned chat (e.g. spam
//   in the queue): the mode lets them reassign and participate, which is at least as strong.
//   Self Service / Restrictive agents end only their own chats; managers end any open chat.
// - Ended chats are visible to whoever could see them while assigned: managers, the last
//   assignee, and in Collaborative mode every member.
// - `view_history` (the contact's earlier conversations and this chat's assignment history,
//   which include other agents' conversations) follows "see chats assigned to other agents":
//   managers, Collaborative members, and the chat's assignee (who needs the context). A Self
//   Service agent looking at the queue sees the waiting chat but not the contact's history.
// - Assigning to an agent requires the target to be an active member of the chat's team (any
//   role); their manual status and schedule do not matter: a person chose them, routing did not.
//   Assigning to the agent who already has it, or to the chat's own team, is allowed here: it
//   needs no extra right, and the service treats it as a no-op.
// - Moving a chat to another team needs only the assign right on the chat: a Collaborative agent
//   may transfer to a team they are not in (the table says "to an agent or team").
// - Automation (the handoff API, auto-assignment) may assign and end in every mode; it too
//   cannot touch an ended chat and cannot assign to an agent outside the chat's team.
import type { ChatStatus, PermissionMode, Role } from '../../shared/types/enums';

export interface Actor {
  userId: string;
  role: Role;
  teamIds: readonly string[];
  active: boolean;
}

export interface ChatFacts {
  teamId: string;
  status: ChatStatus;
  /** The current assignee; for an ended chat, the last one (null if it ended unassigned). */
  assigneeId: string | null;
}

export interface TeamFacts {
  id: string;
  permissionMode: PermissionMode;
}

export const CHAT_ACTIONS = ['view', 'claim', 'assign', 'write', 'end', 'upload', 'view_history'] as const;
export type ChatAction = (typeof CHAT_ACTIONS)[number];

export type AssignTarget =
  | { kind: 'agent'; agentTeamIds: readonly string[]; agentActive: boolean }
  | { kind: 'team'; teamId: string };

/** Member of the organization the actor may change (role, teams, deactivation). */
export interface MemberFacts {
  userId: string;
  role: Role;
}

function isOrgRole(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Admin or owner: members, invitations, teams, integrations, organization settings. */
export function canManageOrg(actor: Actor): boolean {
  return actor.active && isOrgRole(actor.role);
}

/** Supervisor in a team they belong to, or admin/owner in any team. */
export function isTeamManager(actor: Actor, teamId: string): boolean {
  if (!actor.active) return false;
  if (isOrgRole(actor.role)) return true;
  return actor.role === 'supervisor' && actor.teamIds.includes(teamId);
}

export function isTeamMember(actor: Actor, teamId: string): boolean {
  return actor.active && actor.teamIds.includes(teamId);
}

/** Whether the team shows up for the actor at all (inbox list, badges, team filter). */
export function canSeeTeam(actor: Actor, teamId: string): boolean {
  return isTeamMember(actor, teamId) || canManageOrg(actor);
}

/** The team's unassigned queue. */
export function canSeeQueue(actor: Actor, team: TeamFacts): boolean {
  if (isTeamManager(actor, team.id)) return true;
  return isTeamMember(actor, team.id) && team.permissionMode !== 'restrictive';
}

/** "See chats assigned to other agents" — the column of the table most rules hang on. */
function seesOthersChats(actor: Actor, team: TeamFacts): boolean {
  if (isTeamManager(actor, team.id)) return true;
  return isTeamMember(actor, team.id) && team.permissionMode === 'collaborative';
}

/**
 * What a list query may return in one team, for the DB layer to turn into a filter without
 * asking per chat. Chats assigned to the actor are always included (even in teams they left).
 */
export interface TeamChatScope {
  /** Unassigned chats. */
  unassigned: boolean;
  /** Assigned and ended chats whose assignee is someone else (or nobody). */
  others: boolean;
}

export function teamChatScope(actor: Actor, team: TeamFacts): TeamChatScope {
  return { unassigned: canSeeQueue(actor, team), others: seesOthersChats(actor, team) };
}

function assertSameTeam(chat: ChatFacts, team: TeamFacts): void {
  // A mismatch is a caller bug that would silently apply another team's mode: fail loudly.
  if (chat.teamId !== team.id) {
    throw new Error(`permission check with team ${team.id} for a chat of team ${chat.teamId}`);
  }
}

export function canOnChat(actor: Actor, action: ChatAction, chat: ChatFacts, team: TeamFacts): boolean {
  assertSameTeam(chat, team);
  if (!actor.active) return false;

  const isAssignee = chat.status !== 'unassigned' && chat.assigneeId === actor.userId;
  const others = seesOthersChats(actor, team);

  switch (action) {
    case 'view':
      if (isAssignee) return true;
      return chat.status === 'unassigned' ? canSeeQueue(actor, team) : others;
    case 'view_history':
      return isAssignee || others;
    case 'claim':
      return chat.status === 'unassigned' && canSeeQueue(actor, team);
    case 'assign':
      return chat.status !== 'ended' && others;
    case 'write':
    case 'upload':
      return chat.status === 'assigned' && (isAssignee || others);
    case 'end':
      return chat.status !== 'ended' && (isAssignee || others);
  }
}

export function chatCapabilities(actor: Actor, chat: ChatFacts, team: TeamFacts): Record<ChatAction, boolean> {
  const result = {} as Record<ChatAction, boolean>;
  for (const action of CHAT_ACTIONS) result[action] = canOnChat(actor, action, chat, team);
  return result;
}

function isValidTarget(chat: ChatFacts, target: AssignTarget): boolean {
  if (target.kind === 'team') return true;
  return target.agentActive && target.agentTeamIds.includes(chat.teamId);
}

/**
 * Assign or reassign `chat` to an agent (checked against the chat's current team) or move it to
 * a team. To move and assign in one step, check the team move, then the agent against the new
 * team.
 */
export function canAssignTo(actor: Actor, chat: ChatFacts, team: TeamFacts, target: AssignTarget): boolean {
  return canOnChat(actor, 'assign', chat, team) && isValidTarget(chat, target);
}

/** Automation (handoff API, routing jobs) assigns in every permission mode. */
export function canAutomationAssign(chat: ChatFacts, target?: AssignTarget): boolean {
  return chat.status !== 'ended' && (target === undefined || isValidTarget(chat, target));
}

/** Automation may end any chat that is not already ended (hand back to the bot). */
export function canAutomationEnd(chat: ChatFacts): boolean {
  return chat.status !== 'ended';
}

/**
 * Which roles the actor may hand out (invitations, role changes). Admins manage everyone but
 * owners, so an admin cannot mint an owner or demote one.
 */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (!canManageOrg(actor)) return false;
  return actor.role === 'owner' || role !== 'owner';
}

/**
 * Change another member's role, teams or active flag. Nobody changes their own role or
 * deactivates themselves here (that is how an organization locks itself out); keeping at least
 * one active owner needs a count and is the members service's check.
 */
export function canManageMember(actor: Actor, target: MemberFacts, newRole?: Role): boolean {
  if (!canManageOrg(actor) || actor.userId === target.userId) return false;
  if (actor.role !== 'owner' && target.role === 'owner') return false;
  return newRole === undefined || canGrantRole(actor, newRole);
}
