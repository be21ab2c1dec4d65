import { ObjectId } from '../db/ids';
import type { ChatEventKind } from '../../shared/types/enums';
import type { ChatTeamFacts } from '../bus/bus';
import type { AppContext } from '../context';
import type { ChatDoc } from '../db/types';
import { toChatDto } from './mappers';
import { queueChanged, queueTeamsTouched } from './queue-position';

export interface EventActor {
  kind: 'agent' | 'system' | 'automation' | 'contact';
  id: ObjectId | null;
  name: string | null;
}

export const systemActor: EventActor = { kind: 'system', id: null, name: null };

/** Appends to a chat's assignment history. */
export async function recordChatEvent(
  ctx: AppContext,
  chat: Pick<ChatDoc, '_id' | 'orgId'>,
  kind: ChatEventKind,
  actor: EventActor,
  change: { fromAssigneeId?: ObjectId | null; toAssigneeId?: ObjectId | null; fromTeamId?: ObjectId | null; toTeamId?: ObjectId | null } = {},
): Promise<void> {
  await ctx.repos.forOrg(chat.orgId).chatEvents.insert({
    chatId: chat._id,
    kind,
    actor,
    fromAssigneeId: change.fromAssigneeId ?? null,
    toAssigneeId: change.toAssigneeId ?? null,
    fromTeamId: change.fromTeamId ?? null,
    toTeamId: change.toTeamId ?? null,
    createdAt: ctx.clock.now(),
  });
}

export async function assigneeName(ctx: AppContext, chat: Pick<ChatDoc, 'assigneeId' | 'orgId'>): Promise<string | null> {
  if (!chat.assigneeId) return null;
  return ctx.lookups.userName(chat.orgId, chat.assigneeId);
}

export async function contactSummary(ctx: AppContext, chat: Pick<ChatDoc, 'contactId' | 'orgId'>) {
  return ctx.lookups.contactSummary(chat.orgId, chat.contactId);
}

/** Loads what listeners need and announces a chat change on the bus. */
export async function publishChatChange(
  ctx: AppContext,
  chat: ChatDoc,
  change: 'created' | 'updated' | 'assigned' | 'ended',
  opts: { byUserId?: string | null; previous?: { teamId: string; status: ChatDoc['status']; assigneeId: string | null } | null } = {},
): Promise<void> {
  const [contact, team, agentName] = await Promise.all([
    contactSummary(ctx, chat),
    ctx.lookups.teamFacts(chat.orgId, chat.teamId),
    assigneeName(ctx, chat),
  ]);
  const teamInfo: ChatTeamFacts = team ?? { id: chat.teamId.toString(), permissionMode: 'collaborative' };
  let previousTeam: ChatTeamFacts | null = null;
  if (opts.previous && opts.previous.teamId !== chat.teamId.toString()) {
    previousTeam = await ctx.lookups.teamFacts(chat.orgId, new ObjectId(opts.previous.teamId));
  }
  await ctx.bus.publish({
    kind: 'chat.changed',
    orgId: chat.orgId.toString(),
    chat: toChatDto(chat, contact, agentName),
    team: teamInfo,
    change,
    byUserId: opts.byUserId ?? null,
    previous: opts.previous ? { ...opts.previous, team: previousTeam ?? teamInfo } : null,
  });
  // Waiting visitors' places move only when a chat joins or leaves a queue (not per message).
  for (const teamId of queueTeamsTouched(chat, change, opts.previous)) queueChanged(ctx, chat.orgId.toString(), teamId);
}
