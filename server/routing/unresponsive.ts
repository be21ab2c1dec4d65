// The unresponsive-agent rules for auto-assigned chats. The timer and the agent's first message
// race on one field (chat.unresponsiveDueAt): each clears it with a conditional update and only
// the one that cleared it acts, so a reply at the last moment and the timer never both win.
import type { UnresponsiveChoice } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { renderTemplate } from '../domain/agent-selection';
import { conflict } from '../errors';
import { JOB, type UnresponsiveJob } from '../jobs/names';
import type { ObjectId } from '../db/ids';
import type { ChatDoc, TeamDoc } from '../db/types';
import { publishChatChange, recordChatEvent, systemActor, type EventActor } from '../services/chat-events';
import { postSystemMessage } from '../services/messages';
import { unresponsiveOfferText } from '../services/widget-texts';
import type { RoutingEngine } from './engine';
import { parseIds } from './ids';

export const CHOICE_ACTIONS: { id: UnresponsiveChoice; label: string }[] = [
  { id: 'another_agent', label: 'Talk to another agent' },
  { id: 'keep_waiting', label: 'Keep waiting' },
];

const factsOf = (chat: ChatDoc) => ({ teamId: chat.teamId.toString(), status: chat.status, assigneeId: chat.assigneeId?.toString() ?? null });

/** Hook: any agent message in the chat answers the visitor, so the pending timer goes. */
export async function agentResponded(ctx: AppContext, chat: ChatDoc): Promise<void> {
  // The common case (no timer pending) costs nothing: this runs on every agent message.
  if (!chat.unresponsiveDueAt) return;
  const cleared = await ctx.repos.forOrg(chat.orgId).chats.updateOne({ _id: chat._id, unresponsiveDueAt: { $ne: null } }, { $set: { unresponsiveDueAt: null } });
  if (cleared.modifiedCount > 0) await ctx.jobs.cancel(JOB.unresponsive, { chatId: chat._id.toString() });
}

/** Hook: an ended chat needs no timer. */
export async function chatEnded(ctx: AppContext, chat: ChatDoc): Promise<void> {
  if (chat.unresponsiveDueAt) await ctx.jobs.cancel(JOB.unresponsive, { chatId: chat._id.toString() });
}

/** Job: the timer of one auto-assignment is due. */
export async function unresponsiveDue(engine: RoutingEngine, data: UnresponsiveJob): Promise<void> {
  const { ctx } = engine;
  // Claim the firing: only while that very assignment stands and the agent has not written.
  const ids = parseIds({ orgId: data.orgId, chatId: data.chatId, agentId: data.agentId });
  if (!ids) return;
  const repos = ctx.repos.forOrg(ids.orgId);
  const chat = await repos.chats.findOneAndUpdate(
    { _id: ids.chatId, status: 'assigned', assigneeId: ids.agentId, assignedAt: new Date(data.assignedAt), unresponsiveDueAt: { $ne: null } },
    { $set: { unresponsiveDueAt: null } },
  );
  if (!chat) return;
  const team = await repos.teams.findById(chat.teamId);
  if (!team) return;
  switch (team.unresponsiveStrategy) {
    case 'reassign':
      await reassignAway(engine, chat, team, systemActor, 'keep');
      return;
    case 'offer_choice':
      await offerChoice(ctx, chat, team);
      return;
    default:
      return;
  }
}

async function offerChoice(ctx: AppContext, chat: ChatDoc, team: TeamDoc): Promise<void> {
  // The flag goes up before the message, so a visitor who answers at once finds the offer open.
  const repos = ctx.repos.forOrg(chat.orgId);
  const offered = await repos.chats.findOneAndUpdate(
    { _id: chat._id, status: 'assigned', assigneeId: chat.assigneeId, assignedAt: chat.assignedAt },
    { $set: { awaitingChoice: true } },
  );
  if (!offered) return;
  await publishChatChange(ctx, offered, 'updated', { previous: factsOf(chat) });
  const agent = offered.assigneeId ? await repos.members.findById(offered.assigneeId, { projection: { name: 1 } }) : null;
  // In the visitor's language (the widget labels the two buttons itself, by action id).
  const offer = await unresponsiveOfferText(ctx, offered, team.unresponsiveMessage, agent?.name ?? null);
  await postSystemMessage(ctx, offered, renderTemplate(offer.template, { agent: offer.agent }), CHOICE_ACTIONS);
}

/**
 * Moves the chat away from its unresponsive agent to another available one (never them, nor any
 * agent who let this chat down before). With nobody else available: `keep` leaves it with the
 * agent (the `reassign` strategy), `queue` puts it back in the team's queue (the visitor asked).
 */
export async function reassignAway(engine: RoutingEngine, chat: ChatDoc, team: TeamDoc, actor: EventActor, whenNobody: 'keep' | 'queue'): Promise<ChatDoc> {
  const { ctx } = engine;
  const fromId = chat.assigneeId as ObjectId;
  const chats = ctx.repos.forOrg(chat.orgId).chats;
  const marked = await chats.findOneAndUpdate(
    { _id: chat._id, status: 'assigned', assigneeId: fromId, assignedAt: chat.assignedAt },
    { $addToSet: { unresponsiveAgentIds: fromId } },
  );
  if (!marked) return (await chats.findById(chat._id)) ?? chat;

  const outcome = await engine.offer(marked, team, { kind: 'unresponsive_reassigned', actor, excludeIds: [fromId.toString()] });
  if (outcome.kind === 'assigned') return outcome.chat;
  if (outcome.kind === 'no_agent' && whenNobody === 'queue') {
    const queued = await chats.findOneAndUpdate(
      { _id: marked._id, status: 'assigned', assigneeId: fromId, assignedAt: marked.assignedAt },
      { $set: { status: 'unassigned', assigneeId: null, assignedAt: null, autoAssigned: false, awaitingChoice: false, unresponsiveDueAt: null } },
    );
    if (queued) {
      await recordChatEvent(ctx, queued, 'unresponsive_reassigned', actor, { fromAssigneeId: fromId, toAssigneeId: null });
      await publishChatChange(ctx, queued, 'updated', { previous: factsOf(marked) });
      return queued;
    }
  }
  if (outcome.kind !== 'no_agent') ctx.log.warn('unresponsive reassignment did not happen', { chatId: chat._id.toString(), outcome: outcome.kind });
  return (await chats.findById(chat._id)) ?? marked;
}

/** Hook: the visitor answered the offer. */
export async function visitorChose(engine: RoutingEngine, chat: ChatDoc, choice: UnresponsiveChoice): Promise<ChatDoc> {
  const { ctx } = engine;
  // Clearing the flag is the claim on the answer: a double click acts once.
  const repos = ctx.repos.forOrg(chat.orgId);
  const answered = await repos.chats.findOneAndUpdate({ _id: chat._id, status: 'assigned', awaitingChoice: true }, { $set: { awaitingChoice: false } });
  if (!answered) throw conflict('There is no open choice in this chat');
  if (choice === 'keep_waiting') {
    await publishChatChange(ctx, answered, 'updated', { previous: factsOf(chat) });
    return answered;
  }
  const team = await repos.teams.findById(answered.teamId);
  if (!team) return answered;
  const contact = await repos.contacts.findById(answered.contactId, { projection: { name: 1 } });
  const actor: EventActor = { kind: 'contact', id: answered.contactId, name: contact?.name ?? null };
  return reassignAway(engine, answered, team, actor, 'queue');
}
