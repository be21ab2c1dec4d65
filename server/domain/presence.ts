// Presence (online / away / offline) as a pure function of stored facts, so every server
// instance that looks at the same facts derives the same state, and a timer firing late or
// twice only re-derives (nothing flips on a timer alone).
//
// - online: a console tab is connected and the agent was active within `awayAfterMs`;
// - away: a tab is connected but the agent set themselves away, or was idle that long;
// - offline: no tab for `offlineGraceMs` after the last one closed. Within the grace the state
//   stays what it was before the close, so a reload (close, then reconnect a second later) never
//   shows the agent offline.
import type { Presence } from '../../shared/types/enums';

export interface PresenceFacts {
  /** Open console tabs, summed over every server instance. */
  tabs: number;
  /** When the last tab closed (null: none closed since the agent came online). */
  lastTabClosedAt: Date | null;
  /** Last activity the console reported (a connect counts); null: never. */
  lastActivityAt: Date | null;
  /** The agent chose "away" themselves. */
  manualAway: boolean;
}

export interface PresenceTimings {
  offlineGraceMs: number;
  awayAfterMs: number;
}

const since = (at: Date | null, now: Date): number => (at === null ? Number.POSITIVE_INFINITY : now.getTime() - at.getTime());

export function derivePresence(facts: PresenceFacts, now: Date, timings: PresenceTimings): Presence {
  if (facts.tabs <= 0 && since(facts.lastTabClosedAt, now) >= timings.offlineGraceMs) return 'offline';
  if (facts.manualAway) return 'away';
  return since(facts.lastActivityAt, now) >= timings.awayAfterMs ? 'away' : 'online';
}

/**
 * The next instant at which `derivePresence` could answer differently without any new fact
 * (grace ends, or idleness turns into away); null when only a new fact can change it.
 */
export function nextPresenceChange(facts: PresenceFacts, now: Date, timings: PresenceTimings): Date | null {
  const state = derivePresence(facts, now, timings);
  if (state === 'offline') return null;
  const deadlines: number[] = [];
  if (facts.tabs <= 0 && facts.lastTabClosedAt !== null) deadlines.push(facts.lastTabClosedAt.getTime() + timings.offlineGraceMs);
  if (state === 'online' && facts.lastActivityAt !== null) deadlines.push(facts.lastActivityAt.getTime() + timings.awayAfterMs);
  const next = deadlines.filter((t) => t > now.getTime());
  return next.length > 0 ? new Date(Math.min(...next)) : null;
}

/**
 * Each instance stamps its tab counts every HEARTBEAT_MS while it has tabs open; a count whose
 * stamp is older than STALE_AFTER_MS belongs to an instance that died without closing its
 * sockets (kill -9, a lost machine) and counts as no tabs, so its agents go offline and routing
 * stops picking them, without any clean-up having run.
 */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_STALE_AFTER_MS = 45_000;

/** Open tabs summed over the instances that are still alive (see above). */
export function liveTabs(tabs: Readonly<Record<string, unknown>>, beats: Readonly<Record<string, unknown>>, now: Date): number {
  let sum = 0;
  for (const [instance, n] of Object.entries(tabs)) {
    const beat = beats[instance];
    if (typeof n !== 'number' || n <= 0 || !(beat instanceof Date)) continue;
    if (now.getTime() - beat.getTime() < PRESENCE_STALE_AFTER_MS) sum += n;
  }
  return sum;
}

/** Whether round robin may give this agent a chat when the team routes to online agents only. */
export const reachableForRouting = (presence: Presence): boolean => presence !== 'offline';
