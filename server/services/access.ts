// Turns documents into the pure domain's facts and answers "may this agent…?" for services.
// The permission rules themselves live in domain/permissions.ts.
import { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import { canOnChat, type Actor, type ChatAction, type ChatFacts, type TeamFacts } from '../domain/permissions';
import { forbidden, notFound, badRequest } from '../errors';
import type { ChatDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import type { AgentAuth } from './sessions';

export function actorOf(user: Pick<UserDoc, '_id' | 'role' | 'teamIds' | 'active'>): Actor {
  return {
    userId: user._id.toString(),
    role: user.role,
    teamIds: (user.teamIds ?? []).map((t) => t.toString()),
    active: user.active ?? true,
  };
}

export const teamFacts = (team: Pick<TeamDoc, '_id' | 'permissionMode'>): TeamFacts => ({
  id: team._id.toString(),
  permissionMode: team.permissionMode,
});

export const chatFacts = (chat: Pick<ChatDoc, 'teamId' | 'status' | 'assigneeId'>): ChatFacts => ({
  teamId: chat.teamId.toString(),
  status: chat.status,
  assigneeId: chat.assigneeId ? chat.assigneeId.toString() : null,
});

/**
 * Parses an id from the outside world. A malformed id is answered like an unknown one (404),
 * so probing ids tells nothing; `field` turns it into a 400 where the id is input, not a path.
 */
export function objectId(value: string, what: string, field?: string): ObjectId {
  if (!ObjectId.isValid(value) || !/^[0-9a-fA-F]{24}$/.test(value)) {
    throw field ? badRequest(`${what} is not a valid id`, field) : notFound(what);
  }
  return new ObjectId(value);
}

export async function orgTeams(ctx: AppContext, orgId: ObjectId): Promise<TeamDoc[]> {
  return ctx.repos.forOrg(orgId).teams.inOrder();
}

/**
 * Loads a chat of the caller's organization and checks `action`. A chat the caller may not even
 * view is a 404 (its existence is not revealed); a visible chat with a forbidden action is 403.
 */
export async function chatForAgent(ctx: AppContext, auth: AgentAuth, chatId: string, action: ChatAction = 'view'): Promise<{ chat: ChatDoc; team: TeamFacts; actor: Actor }> {
  const chat = await ctx.repos.forOrg(auth.org._id).chats.findById(objectId(chatId, 'Chat'));
  if (!chat) throw notFound('Chat');
  const team = await ctx.lookups.teamFacts(auth.org._id, chat.teamId);
  if (!team) throw notFound('Chat');
  const actor = actorOf(auth.user);
  const facts = chatFacts(chat);
  if (!canOnChat(actor, 'view', facts, team)) throw notFound('Chat');
  if (action !== 'view' && !canOnChat(actor, action, facts, team)) {
    throw forbidden(`You may not ${action.replace('_', ' ')} this chat`);
  }
  return { chat, team, actor };
}
