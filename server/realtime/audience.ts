// Who may see a chat's list row, as a few native Bun topics instead of a permission check per
// agent socket per message (issue 19: a message's cost follows its audience, not the number of
// people online). `canOnChat(actor, 'view', …)` (domain/permissions.ts) depends on the actor only
// through: active, org role (owner/admin see every team), supervisor-in-the-team, member-of-the-team,
// and being the assignee. So each active agent socket joins:
//   - owners and admins: one topic per organization;
//   - supervisors: one "managers" topic per team they belong to;
//   - agents: one "members" topic per team they belong to.
// For one chat these groups are disjoint, so publishing to the ones the table allows reaches each
// socket at most once; the assignee's own tabs are the one case outside them (Restrictive and Self
// Service modes), sent one by one. audience.test.ts holds this against canOnChat exhaustively.
import type { Actor, ChatFacts, TeamFacts } from '../domain/permissions';

export const adminsTopic = (orgId: string): string => `agents:${orgId}:admins`;
export const managersTopic = (orgId: string, teamId: string): string => `agents:${orgId}:team:${teamId}:managers`;
export const membersTopic = (orgId: string, teamId: string): string => `agents:${orgId}:team:${teamId}:members`;

/** The audience topics an agent socket belongs to (none once deactivated). */
export function audienceTopics(orgId: string, actor: Actor): string[] {
  if (!actor.active) return [];
  if (actor.role === 'owner' || actor.role === 'admin') return [adminsTopic(orgId)];
  const topic = actor.role === 'supervisor' ? managersTopic : membersTopic;
  return [...new Set(actor.teamIds)].map((teamId) => topic(orgId, teamId));
}

/**
 * The topics whose sockets may view the chat, besides its assignee: managers always; plain
 * members see the queue unless the team is Restrictive, and others' chats only when it is
 * Collaborative.
 */
export function viewerTopics(orgId: string, chat: ChatFacts, team: TeamFacts): string[] {
  const topics = [adminsTopic(orgId), managersTopic(orgId, chat.teamId)];
  const membersSee = chat.status === 'unassigned' ? team.permissionMode !== 'restrictive' : team.permissionMode === 'collaborative';
  if (membersSee) topics.push(membersTopic(orgId, chat.teamId));
  return topics;
}
