// Reading members' presence (online / away / offline) for lists, the live view and routing.
// Always derived from the stored facts at the time of asking (domain/presence.ts), never from
// the last announced state: an instance that stopped before announcing "offline" cannot leave a
// member looking online here.
import type { Presence } from '../../shared/types/enums';
import type { AppContext } from '../context';
import type { ObjectId } from '../db/ids';
import type { PresenceDoc } from '../db/types';
import { derivePresence, liveTabs, type PresenceFacts, type PresenceTimings } from '../domain/presence';

export interface PresenceView {
  presence: Presence;
  /** When the stored state last changed (null: never seen online). */
  since: string | null;
}

export function presenceTimings(ctx: AppContext): PresenceTimings {
  return { offlineGraceMs: ctx.config.realtime.presenceOfflineGraceMs, awayAfterMs: ctx.config.realtime.presenceAwayAfterMs };
}

/** The facts of one member at `now`: tab counts of instances that stopped vouching for them drop out. */
export function factsOf(doc: PresenceDoc | null, now: Date): PresenceFacts {
  return {
    tabs: liveTabs(doc?.tabs ?? {}, doc?.beats ?? {}, now),
    lastTabClosedAt: doc?.lastTabClosedAt ?? null,
    lastActivityAt: doc?.lastActivityAt ?? null,
    manualAway: doc?.manualAway ?? false,
  };
}

/** Presence of each of `userIds` (offline for anyone never seen). */
export async function presenceOf(ctx: AppContext, orgId: ObjectId, userIds: readonly ObjectId[]): Promise<Map<string, PresenceView>> {
  const docs = userIds.length > 0 ? await ctx.repos.forOrg(orgId).presence.ofUsers(userIds) : [];
  const byUser = new Map(docs.map((d) => [d.userId.toString(), d]));
  const now = ctx.clock.now();
  const timings = presenceTimings(ctx);
  const out = new Map<string, PresenceView>();
  for (const id of userIds) {
    const doc = byUser.get(id.toString()) ?? null;
    out.set(id.toString(), { presence: derivePresence(factsOf(doc, now), now, timings), since: doc?.since?.toISOString() ?? null });
  }
  return out;
}
