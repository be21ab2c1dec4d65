// Auto-resolve (issue 18 item 7): a team may end chats whose visitor stopped answering, N minutes
// after an agent's message that got no reply, with a closing message. Off by default.
//
// The timer is a durable Agenda job (it survives restarts) plus one field on the chat,
// `autoResolveDueAt`: each agent message moves both forward, a visitor message clears them. The
// job only acts if the chat still carries the very due time it was scheduled for, claimed with one
// conditional update — so a visitor reply at the last moment, or a newer agent message, makes an
// older run do nothing, and two instances never both end the chat.
import type { AppContext } from '../context';
import type { ChatDoc } from '../db/types';
import { DEFAULT_AUTO_RESOLVE_MESSAGE } from '../domain/team-settings';
import { isAppError } from '../errors';
import { JOB, type AutoResolveJob } from '../jobs/names';
import { ObjectId } from '../db/ids';
import { systemActor } from './chat-events';
import { endChat } from './chats';
import { storeMessage } from './messages';

const MINUTE_MS = 60_000;

/** Agenda runs on the wall clock, business time on ctx.clock: the wall instant as far ahead. */
const wallInstant = (ctx: AppContext, at: Date) => new Date(Date.now() + (at.getTime() - ctx.clock.now().getTime()));

/** Hook: an agent answered; the visitor has N minutes to reply before the chat ends. */
export async function autoResolveAfterAgent(ctx: AppContext, chat: ChatDoc): Promise<void> {
  if (chat.status === 'ended') return;
  const repos = ctx.repos.forOrg(chat.orgId);
  const team = await repos.teams.findById(chat.teamId, { projection: { autoResolveMinutes: 1 } });
  const minutes = team?.autoResolveMinutes ?? null;
  if (minutes === null || !(minutes > 0)) {
    // Switched off since the timer was set: it goes.
    if (chat.autoResolveDueAt) await clearAutoResolve(ctx, chat);
    return;
  }
  const dueAt = new Date(ctx.clock.now().getTime() + minutes * MINUTE_MS);
  const set = await repos.chats.updateOne({ _id: chat._id, status: { $ne: 'ended' } }, { $set: { autoResolveDueAt: dueAt } });
  if (set.modifiedCount === 0) return;
  const data: AutoResolveJob = { orgId: chat.orgId.toString(), chatId: chat._id.toString(), dueAt: dueAt.toISOString() };
  // One pending job per chat: a newer agent message replaces it.
  await ctx.jobs.schedule(wallInstant(ctx, dueAt), JOB.autoResolve, data, { chatId: data.chatId });
}

/** Hook: the visitor replied (or the chat ended): no auto-resolve until the next agent message. */
export async function clearAutoResolve(ctx: AppContext, chat: Pick<ChatDoc, '_id' | 'orgId'>): Promise<void> {
  const cleared = await ctx.repos.forOrg(chat.orgId).chats.updateOne({ _id: chat._id, autoResolveDueAt: { $ne: null } }, { $set: { autoResolveDueAt: null } });
  if (cleared.modifiedCount > 0) await ctx.jobs.cancel(JOB.autoResolve, { chatId: chat._id.toString() });
}

/**
 * Job: ends the chat if it is still waiting on the visitor since that due time. Returns the wall
 * instant to run again at when it came early (the injected clock runs behind the wall clock).
 */
export async function autoResolveDue(ctx: AppContext, data: AutoResolveJob): Promise<Date | null> {
  if (!ObjectId.isValid(data.orgId) || !ObjectId.isValid(data.chatId)) return null;
  const dueAt = new Date(data.dueAt);
  if (Number.isNaN(dueAt.getTime())) return null;
  if (ctx.clock.now().getTime() < dueAt.getTime()) return wallInstant(ctx, dueAt);
  const repos = ctx.repos.forOrg(new ObjectId(data.orgId));
  const chat = await repos.chats.findOneAndUpdate({ _id: new ObjectId(data.chatId), status: { $ne: 'ended' }, autoResolveDueAt: dueAt }, { $set: { autoResolveDueAt: null } });
  if (!chat) return null;
  const team = await repos.teams.findById(chat.teamId, { projection: { autoResolveMessage: 1 } });
  const text = (team?.autoResolveMessage ?? '').trim() || DEFAULT_AUTO_RESOLVE_MESSAGE;
  try {
    await storeMessage(ctx, { chat, author: { kind: 'system', id: null, name: null }, text, openOnly: true, automatic: true });
    await endChat(ctx, { orgId: chat.orgId, chat, eventActor: systemActor });
  } catch (err) {
    // Someone ended it meanwhile: nothing left to do.
    if (!(isAppError(err) && err.code === 'CONFLICT')) throw err;
  }
  return null;
}
