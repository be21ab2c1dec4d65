// Presence of agents from their console sockets (DESIGN §4 "presence"), across server instances.
//
// The facts live in MongoDB (db/repos/presence.ts): tab counts per instance, when the last tab
// closed, the last activity, "appear away". The state is a pure function of them
// (domain/presence.ts), so any instance derives the same answer. After each change this
// instance re-derives; a change is stored with a conditional write and only the instance whose
// write won publishes `member.presence` on the bus (hubs forward it to every agent of the org).
//
// Timers only ask "derive again": the offline grace and the away-after-idle deadline are
// re-derived from fresh facts when they fire, so a reconnect meanwhile (here or on another
// instance: a reload through a load balancer) simply makes the re-derivation answer "online".
// A reconnect on this instance also cancels the timer outright.
//
// An instance that dies without shutting down (kill -9) leaves its tab counts behind: each
// instance stamps its counts every PRESENCE_HEARTBEAT_MS, and reads ignore counts whose stamp is
// older than PRESENCE_STALE_AFTER_MS, so routing and the lists see those agents offline within
// that time. (No `member.presence` is announced for them then: views show it on their next load,
// or when the agent opens a tab again.) A graceful stop drops this instance's counts at once.
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import type { PresenceDoc } from '../db/types';
import type { TabChange } from '../db/repos/presence';
import { PRESENCE_HEARTBEAT_MS, derivePresence, nextPresenceChange, type PresenceTimings } from '../domain/presence';
import { factsOf, presenceTimings } from '../services/presence';
import type { ClientMessageOf, ServerMessage } from '../../shared/protocol/messages';
import type { BusEvent } from '../bus/bus';
import { AppError } from '../errors';
import { type AgentConnection, type Connection, type ConnectionRegistry } from './connections';

/**
 * `member.presence` (and `member.changed`, a member's status or teams) from the bus to every
 * agent socket of the organization on this instance: members list, assign panel, live view.
 */
export function deliverMemberEvent(registry: ConnectionRegistry, event: BusEvent): void {
  let frame: ServerMessage;
  if (event.kind === 'member.presence') frame = { type: 'member.presence', userId: event.userId, presence: event.presence, since: event.since };
  else if (event.kind === 'user.changed') frame = { type: 'member.changed', userId: event.userId };
  else return;
  const text = JSON.stringify(frame);
  for (const conn of registry.agents(event.orgId)) conn.raw.send(text);
}

export interface PresenceTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: PresenceTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Key = string;
const keyOf = (orgId: string, userId: string): Key => `${orgId}:${userId}`;

export class PresenceTracker {
  /** This process's id in the per-instance tab counts. */
  readonly instanceId = crypto.randomUUID().replace(/-/g, '');
  private readonly timers = new Map<Key, unknown>();
  /** Sockets counted as open tabs here, so a socket removed twice is uncounted once. */
  private readonly counted = new WeakSet<AgentConnection>();
  /** Users with tabs counted here (for the shutdown clean-up). */
  private readonly local = new Map<Key, { orgId: string; userId: string; tabs: number }>();
  private readonly pending = new Set<Promise<void>>();
  /** Per user, the tab change not yet written (folded into one write: tabsChanged). */
  private readonly waitingTabs = new Map<Key, TabChange>();
  /** The last queued task per user: one user's changes settle in the order they happened. */
  private readonly chains = new Map<Key, Promise<void>>();
  private closed = false;
  private readonly unsubscribeBus: () => void;

  constructor(
    private readonly ctx: AppContext,
    registry: ConnectionRegistry,
    private readonly opts: { timings?: PresenceTimings; timers?: PresenceTimers } = {},
  ) {
    this.unsubscribeBus = ctx.bus.subscribe((event) => deliverMemberEvent(registry, event));
    this.scheduleHeartbeat();
  }

  private heartbeatTimer: unknown = null;

  /** Vouches for this instance's tab counts (domain/presence.ts: a dead instance's counts go stale). */
  private scheduleHeartbeat(): void {
    this.heartbeatTimer = this.clockTimers.setTimeout(() => {
      if (this.closed) return;
      const task = this.beat()
        .catch((err: unknown) => this.ctx.log.warn('presence heartbeat failed', { err }))
        .finally(() => this.pending.delete(task));
      this.pending.add(task);
      this.scheduleHeartbeat();
    }, PRESENCE_HEARTBEAT_MS);
    (this.heartbeatTimer as { unref?: () => void }).unref?.();
  }

  private async beat(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const [orgId, userIds] of this.localByOrg()) await this.ctx.repos.forOrg(new ObjectId(orgId)).presence.heartbeat(userIds, this.instanceId, now);
  }

  private localByOrg(): Map<string, ObjectId[]> {
    const byOrg = new Map<string, ObjectId[]>();
    for (const { orgId, userId } of this.local.values()) {
      const list = byOrg.get(orgId) ?? [];
      list.push(new ObjectId(userId));
      byOrg.set(orgId, list);
    }
    return byOrg;
  }

  private get timings(): PresenceTimings {
    return this.opts.timings ?? presenceTimings(this.ctx);
  }

  private get clockTimers(): PresenceTimers {
    return this.opts.timers ?? realTimers;
  }

  tabOpened(conn: AgentConnection): void {
    if (this.counted.has(conn)) return;
    this.counted.add(conn);
    const key = keyOf(conn.orgId, conn.actor.userId);
    const entry = this.local.get(key) ?? { orgId: conn.orgId, userId: conn.actor.userId, tabs: 0 };
    entry.tabs++;
    this.local.set(key, entry);
    this.cancel(key);
    this.tabsChanged(conn, +1);
  }

  tabClosed(conn: AgentConnection): void {
    if (!this.counted.has(conn)) return;
    this.counted.delete(conn);
    const key = keyOf(conn.orgId, conn.actor.userId);
    const entry = this.local.get(key);
    if (entry && --entry.tabs <= 0) this.local.delete(key);
    this.tabsChanged(conn, -1);
  }

  /**
   * Tab changes of one user that wait for their write are folded into that one write: a console
   * that opens 20 tabs (a restored browser session, a reconnect after a network blip) costs a
   * write or two, not 20 in a row, and its presence settles in the time of one.
   */
  private tabsChanged(conn: AgentConnection, delta: 1 | -1): void {
    const key = keyOf(conn.orgId, conn.actor.userId);
    const waiting = this.waitingTabs.get(key);
    const change = waiting ?? { delta: 0, opened: false, closed: false };
    change.delta += delta;
    if (delta > 0) change.opened = true;
    else change.closed = true;
    if (waiting) return;
    this.waitingTabs.set(key, change);
    this.run(conn.orgId, conn.actor.userId, (repo, userId, now) => {
      // From here on, tab changes of this user start the next write.
      this.waitingTabs.delete(key);
      return repo.tabsChanged(userId, this.instanceId, change, now);
    });
  }

  /** The console's presence frames: activity reports and "appear away". */
  frame(conn: Connection, frame: ClientMessageOf<'presence.activity'> | ClientMessageOf<'presence.set'>): void {
    if (conn.kind !== 'agent') throw new AppError('FORBIDDEN', 'Only agents have a presence');
    if (frame.type === 'presence.set') this.setAway(conn, frame.away);
    else this.activity(conn);
  }

  activity(conn: AgentConnection): void {
    this.run(conn.orgId, conn.actor.userId, (repo, userId, now) => repo.activity(userId, now));
  }

  setAway(conn: AgentConnection, away: boolean): void {
    this.run(conn.orgId, conn.actor.userId, (repo, userId, now) => repo.setManualAway(userId, away, now));
  }

  /** Applies one fact change, then re-derives and announces (serially per call; failures logged). */
  private run(
    orgId: string,
    userId: string,
    change: (repo: ReturnType<AppContext['repos']['forOrg']>['presence'], userId: ObjectId, now: Date) => Promise<PresenceDoc | null>,
  ): void {
    if (this.closed) return;
    const key = keyOf(orgId, userId);
    const task: Promise<void> = (this.chains.get(key) ?? Promise.resolve())
      .then(async () => {
        const repo = this.ctx.repos.forOrg(new ObjectId(orgId)).presence;
        const doc = await change(repo, new ObjectId(userId), this.ctx.clock.now());
        await this.settle(orgId, userId, doc);
      })
      .catch((err: unknown) => this.ctx.log.warn('presence update failed', { err, userId }))
      .finally(() => {
        this.pending.delete(task);
        if (this.chains.get(key) === task) this.chains.delete(key);
      });
    this.chains.set(key, task);
    this.pending.add(task);
  }

  /** Derives from `doc`, stores and announces a change, and arms the next re-derivation. */
  private async settle(orgId: string, userId: string, doc: PresenceDoc | null): Promise<void> {
    if (!doc) return;
    const now = this.ctx.clock.now();
    const facts = factsOf(doc, now);
    const state = derivePresence(facts, now, this.timings);
    const repo = this.ctx.repos.forOrg(new ObjectId(orgId)).presence;
    if (state !== doc.state && (await repo.announce(doc.userId, state, now))) {
      await this.ctx.bus.publish({ kind: 'member.presence', orgId, userId, presence: state, since: now.toISOString() });
    }
    const next = nextPresenceChange(facts, now, this.timings);
    const key = keyOf(orgId, userId);
    this.cancel(key);
    if (next && !this.closed) {
      // A few ms late on purpose: at the deadline itself the derivation already answers anew.
      const handle = this.clockTimers.setTimeout(() => {
        this.timers.delete(key);
        this.run(orgId, userId, (r, id) => r.findOne({ userId: id }));
      }, Math.max(0, next.getTime() - now.getTime()) + 5);
      this.timers.set(key, handle);
    }
  }

  private cancel(key: Key): void {
    const handle = this.timers.get(key);
    if (handle !== undefined) this.clockTimers.clearTimeout(handle);
    this.timers.delete(key);
  }

  /** Resolves once every presence write under way has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Shutdown: this instance's tab counts go (its sockets close next), stamped as a close, so the
   * agents go offline after the grace unless they reconnect to another instance. No timers are
   * left running here; another instance's tab or timer settles them.
   */
  async close(): Promise<void> {
    await this.idle();
    this.closed = true;
    this.unsubscribeBus();
    this.clockTimers.clearTimeout(this.heartbeatTimer);
    for (const handle of this.timers.values()) this.clockTimers.clearTimeout(handle);
    this.timers.clear();
    const byOrg = this.localByOrg();
    this.local.clear();
    const now = this.ctx.clock.now();
    for (const [orgId, userIds] of byOrg) {
      await this.ctx.repos.forOrg(new ObjectId(orgId)).presence.dropInstance(userIds, this.instanceId, now)
        .catch((err: unknown) => this.ctx.log.warn('presence clean-up failed', { err }));
    }
  }
}
