// The routing engine of one server instance: offers chats to agents (assign.ts does the atomic
// part), drains a team's queue oldest first, and reacts when an agent may have become available.
// Several instances may run it on one database at once; everything here is safe to repeat.
import type { AppContext } from '../context';
import type { ScopedFilter } from '../db/types';
import { isOpen } from '../domain/schedule';
import type { ChatDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import { systemActor, type EventActor } from '../services/chat-events';
import { plainSchedule } from '../services/mappers';
import { announceAssignment, pickAndAssign, type PickOutcome } from './assign';
import { afterAutoAssignment } from './follow-up';
import { parseIds } from './ids';
import { scheduleAgentOpening, scheduleTeamDrain, scheduleTeamOpening } from './schedules';
import { Coalescer, KeyedSerial } from './serial';

const DRAIN_PAGE = 50;
/** After losing to other instances on every agent, the queue is retried this much later. */
const CONTENDED_RETRY_MS = 1_000;

export interface OfferHow {
  kind: 'auto_assigned' | 'unresponsive_reassigned';
  actor: EventActor;
  excludeIds?: readonly string[];
}

export class RoutingEngine {
  private readonly serial = new KeyedSerial();
  private readonly drains = new Coalescer();
  private readonly inflight = new Set<Promise<void>>();

  constructor(readonly ctx: AppContext) {}

  /**
   * Offers one chat to its team's available agents. The decision is serialized per team inside
   * this process (no point in racing ourselves); across instances the database guards decide.
   * Follow-ups (assigned message, unresponsive timer, notices) run after, outside the queue.
   */
  async offer(chat: ChatDoc, team: TeamDoc, how: OfferHow): Promise<PickOutcome> {
    const outcome = await this.serial.run(team._id.toString(), () =>
      pickAndAssign(this.ctx, { chat, team, ...(how.excludeIds ? { excludeIds: how.excludeIds } : {}) }),
    );
    if (outcome.kind === 'assigned') {
      await announceAssignment(this.ctx, outcome, { kind: how.kind, actor: how.actor });
      await afterAutoAssignment(this.ctx, outcome.chat, outcome.agent, team);
    } else if (outcome.kind === 'contended') {
      this.ctx.log.warn('routing contended; retrying the queue shortly', { chatId: chat._id.toString() });
      await scheduleTeamDrain(this.ctx, team, new Date(this.ctx.clock.now().getTime() + CONTENDED_RETRY_MS));
    }
    return outcome;
  }

  /** Offers the team's waiting chats, oldest first, while agents are available. */
  drainTeam(orgId: string, teamId: string): Promise<void> {
    return this.drains.request(teamId, () => this.drainOnce(orgId, teamId));
  }

  private async drainOnce(orgId: string, teamId: string): Promise<void> {
    const ids = parseIds({ orgId, teamId });
    const team = ids && (await this.ctx.repos.forOrg(ids.orgId).teams.findById(ids.teamId));
    if (!team || team.assignmentStrategy === 'none') return;
    if (!isOpen(plainSchedule(team.schedule), this.ctx.clock.now())) {
      // Closed: the waiting chats go at the next opening.
      if (await this.hasWaiting(team)) await scheduleTeamOpening(this.ctx, team);
      return;
    }
    let after: Pick<ChatDoc, '_id' | 'createdAt'> | null = null;
    for (;;) {
      const filter: ScopedFilter = { teamId: team._id, status: 'unassigned' };
      if (after) filter.$or = [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, _id: { $gt: after._id } }];
      const page = await this.ctx.repos.forOrg(team.orgId).chats.find(filter, { sort: { createdAt: 1, _id: 1 }, limit: DRAIN_PAGE });
      for (const chat of page) {
        const outcome = await this.offer(chat, team, { kind: 'auto_assigned', actor: systemActor });
        if (outcome.kind === 'contended') return;
        // Without exclusions of its own, "nobody for this chat" means nobody for any chat.
        if (outcome.kind === 'no_agent' && (chat.unresponsiveAgentIds ?? []).length === 0) return;
      }
      if (page.length < DRAIN_PAGE) return;
      after = page[page.length - 1]!;
    }
  }

  private async hasWaiting(team: TeamDoc): Promise<boolean> {
    return this.ctx.repos.forOrg(team.orgId).chats.exists({ teamId: team._id, status: 'unassigned' });
  }

  /**
   * An agent's facts changed (status, hours, teams, a chat of theirs ended): keep their next
   * personal opening scheduled, and if they are available now, offer them their teams' queues.
   */
  async agentChanged(orgId: string, userId: string): Promise<void> {
    const ids = parseIds({ orgId, userId });
    const user = ids && (await this.ctx.repos.forOrg(ids.orgId).members.findById(ids.userId));
    if (!user || user.active === false) return;
    await scheduleAgentOpening(this.ctx, user);
    if (user.manualStatus !== 'available' || !isOpen(plainSchedule(user.schedule), this.ctx.clock.now())) return;
    await Promise.all((user.teamIds ?? []).map((teamId) => this.drainTeam(orgId, teamId.toString())));
  }

  /** Runs `task` without making the caller wait; close() waits for it. Failures are logged. */
  background(label: string, task: () => Promise<void>): void {
    const running: Promise<void> = task()
      .catch((err: unknown) => this.ctx.log.error('routing task failed', { task: label, err }))
      .finally(() => this.inflight.delete(running));
    this.inflight.add(running);
  }

  /** Resolves once no background task is running. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }
}
