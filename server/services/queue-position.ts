// Queue position and estimated wait for waiting visitors (issue 18.4).
//
// Cost: positions are recomputed per team when its queue changes (a chat created, claimed or
// assigned, moved, ended: publishChatChange calls `queueChanged`), never per message. Changes that
// arrive while a recomputation runs fold into one more run, so a burst of claims costs two reads,
// not one per claim. The instance where the change happened computes and publishes the positions
// on the bus (`queue.positions`); every instance hands them to its own visitor sockets.
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import type { ChatDoc } from '../db/types';
import { estimatedWaitSeconds, WAIT_SAMPLE_DAYS, WAIT_SAMPLE_SIZE } from '../domain/queue-estimate';

export interface QueueEntry {
  chatId: string;
  contactId: string;
  position: number;
}

const DAY_MS = 86_400_000;

/** The team's waiting chats in order of their wait start (oldest first), 1-based. */
export async function teamQueue(ctx: AppContext, orgId: ObjectId, teamId: ObjectId): Promise<QueueEntry[]> {
  const waiting = await ctx.repos
    .forOrg(orgId)
    .chats.find<Pick<ChatDoc, '_id' | 'contactId'>>({ teamId, status: 'unassigned' }, { sort: { createdAt: 1, _id: 1 }, projection: { contactId: 1 }, limit: 1000 });
  return waiting.map((c, i) => ({ chatId: c._id.toString(), contactId: c.contactId.toString(), position: i + 1 }));
}

/**
 * Median time-to-claim of the team's latest claims in the last days (chats left through the
 * offline form are not live waits and do not count); null with too few.
 */
export async function teamWaitEstimate(ctx: AppContext, orgId: ObjectId, teamId: ObjectId): Promise<number | null> {
  const since = new Date(ctx.clock.now().getTime() - WAIT_SAMPLE_DAYS * DAY_MS);
  const recent = await ctx.repos
    .forOrg(orgId)
    .chats.find<Pick<ChatDoc, 'createdAt' | 'assignedAt'>>(
      { teamId, assignedAt: { $gte: since }, replyByEmail: null },
      { sort: { assignedAt: -1 }, limit: WAIT_SAMPLE_SIZE, projection: { createdAt: 1, assignedAt: 1 } },
    );
  return estimatedWaitSeconds(recent.map((c) => c.assignedAt!.getTime() - c.createdAt.getTime()));
}

/** One chat's place (the widget's first read; later changes come as frames). */
export async function chatQueuePosition(ctx: AppContext, chat: ChatDoc): Promise<{ chatId: string; position: number | null; estimatedWaitSeconds: number | null }> {
  const chatId = chat._id.toString();
  if (chat.status !== 'unassigned') return { chatId, position: null, estimatedWaitSeconds: null };
  const [queue, estimate] = await Promise.all([teamQueue(ctx, chat.orgId, chat.teamId), teamWaitEstimate(ctx, chat.orgId, chat.teamId)]);
  return { chatId, position: queue.find((e) => e.chatId === chatId)?.position ?? null, estimatedWaitSeconds: estimate };
}

async function publishPositions(ctx: AppContext, orgId: string, teamId: string): Promise<void> {
  const org = new ObjectId(orgId);
  const team = new ObjectId(teamId);
  const [entries, estimate] = await Promise.all([teamQueue(ctx, org, team), teamWaitEstimate(ctx, org, team)]);
  if (entries.length === 0) return;
  await ctx.bus.publish({ kind: 'queue.positions', orgId, teamId, entries, estimatedWaitSeconds: estimate });
}

type Runs = Map<string, { again: boolean }>;
const runsOf = new WeakMap<AppContext, Runs>();

/** Recompute the team's positions soon; concurrent calls fold into one more run. */
export function queueChanged(ctx: AppContext, orgId: string, teamId: string): void {
  let runs = runsOf.get(ctx);
  if (!runs) runsOf.set(ctx, (runs = new Map()));
  const key = `${orgId}:${teamId}`;
  const running = runs.get(key);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false };
  runs.set(key, state);
  void (async () => {
    try {
      do {
        state.again = false;
        await publishPositions(ctx, orgId, teamId);
      } while (state.again);
    } catch (err) {
      ctx.log.warn('queue positions not published', { teamId, err });
    } finally {
      runs.delete(key);
    }
  })();
}

/** Whether a chat change moves a queue: what joins, leaves or moves between teams' queues. */
export function queueTeamsTouched(chat: Pick<ChatDoc, 'teamId' | 'status'>, change: string, previous: { teamId: string; status: string } | null | undefined): string[] {
  const teamId = chat.teamId.toString();
  if (change === 'created') return chat.status === 'unassigned' ? [teamId] : [];
  if (!previous) return change === 'ended' || change === 'assigned' ? [teamId] : [];
  const wasWaiting = previous.status === 'unassigned';
  const waits = chat.status === 'unassigned';
  if (previous.teamId !== teamId) return [...(wasWaiting ? [previous.teamId] : []), ...(waits ? [teamId] : [])];
  return wasWaiting !== waits ? [teamId] : [];
}
