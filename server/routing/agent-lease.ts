// The per-agent guard that makes auto-assignment atomic across requests and server instances.
//
// A router takes an agent's lease with one conditional update that also compares the agent's
// round-robin key (lastAssignedAt or lastNewContactAssignedAt) with the value it read:
//  - the key compare means it only wins if nobody assigned this agent since its read, so two
//    routers with the same stale view cannot both hand "the next chat" to the same agent;
//  - the lease means that, until released, no other router can give this agent a chat, so the
//    capacity check (open chats < cap) and the assignment that uses the capacity are one step.
// On release the key is moved forward (`$max`, never back), which is what rotates the agent to
// the end of the line. A router that crashes while holding a lease loses it after LEASE_MS.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import type { ObjectId } from '../db/ids';
import type { ScopedFilter } from '../db/types';
import type { UserDoc } from '../db/types';

/** Far longer than the two queries done under a lease; short enough that a crash heals quickly. */
export const LEASE_MS = 15_000;

export type TurnField = 'lastAssignedAt' | 'lastNewContactAssignedAt';

export interface AgentLease {
  token: string;
  /** The agent as of the moment the lease was taken (fresh status, schedule and caps). */
  user: UserDoc;
}

export async function acquireAgent(
  ctx: AppContext,
  input: { orgId: ObjectId; teamId: ObjectId; agentId: ObjectId; turn: { field: TurnField; value: Date | null } | null },
): Promise<AgentLease | null> {
  const token = randomUUID();
  // Lease expiry is about process liveness, so it uses the wall clock even when tests inject one.
  const wallNow = new Date();
  const filter: ScopedFilter = {
    _id: input.agentId,
    teamIds: input.teamId,
    active: true,
    manualStatus: 'available',
    $or: [{ routingLeaseExpiresAt: null }, { routingLeaseExpiresAt: { $lte: wallNow } }],
  };
  // `null` also matches a missing field, as it should for an agent never assigned.
  if (input.turn) filter[input.turn.field] = input.turn.value;
  const user = await ctx.repos
    .forOrg(input.orgId)
    .members.findOneAndUpdate(filter, { $set: { routingLeaseToken: token, routingLeaseExpiresAt: new Date(wallNow.getTime() + LEASE_MS) } });
  return user ? { token, user } : null;
}

/** Gives the lease back; with `turns`, the agent's round-robin keys move forward to them. */
export async function releaseAgent(ctx: AppContext, lease: AgentLease, turns: Partial<Record<TurnField, Date>> = {}): Promise<void> {
  await ctx.repos.forOrg(lease.user.orgId).members.updateOne(
    { _id: lease.user._id, routingLeaseToken: lease.token },
    { $set: { routingLeaseToken: null, routingLeaseExpiresAt: null }, ...(Object.keys(turns).length > 0 ? { $max: turns } : {}) },
  );
}
