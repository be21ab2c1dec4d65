// Picks an agent for one chat and assigns it atomically.
//
// The pure rules order the candidates; then, per candidate in order:
//   1. take the agent's lease, conditional on their round-robin key still being the value read
//      (agent-lease.ts) — losing means someone else just gave them a chat: try the next one;
//   2. under the lease, re-check availability with fresh counts (status, hours, both caps);
//   3. assign the chat with one conditional update on the state it was read in (still
//      unassigned, or still with the unresponsive agent) — losing means the chat was claimed,
//      assigned or ended meanwhile, and routing stops for it;
//   4. release the lease, moving the agent's key past every key read, so they go to the back.
// If every candidate was leased by other routers, it re-reads and tries again a few times.
import type { AssignmentStrategy, ChatEventKind } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { orderCandidates, unresponsiveDueAt, type CandidateAgent, type RoutingChoice } from '../domain/agent-selection';
import type { ScopedFilter } from '../db/types';
import type { ChatDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { publishChatChange, recordChatEvent, type EventActor } from '../services/chat-events';
import { acquireAgent, releaseAgent, type TurnField } from './agent-lease';
import { availableFor, loadCandidates, routingOptions } from './candidates';

export type PickOutcome =
  | { kind: 'assigned'; chat: ChatDoc; agent: UserDoc; previous: ChatDoc }
  /** Nobody is available (or every available agent is excluded): the chat waits. */
  | { kind: 'no_agent' }
  /** The chat is no longer in the state it was read in. */
  | { kind: 'chat_changed' }
  /** Every candidate stayed leased by other routers; try again later. */
  | { kind: 'contended' };

const MAX_ROUNDS = 8;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Which key rotates for this choice: by-contact rotates new contacts only. */
function turnFieldFor(strategy: AssignmentStrategy, choice: RoutingChoice): TurnField | null {
  if (strategy === 'round_robin_by_contact') return choice.newContact ? 'lastNewContactAssignedAt' : null;
  return 'lastAssignedAt';
}

/** An instant past every key read, so the agent just served sorts after all others. */
function nextTurn(now: Date, candidates: readonly CandidateAgent[], field: TurnField): Date {
  let at = now.getTime();
  for (const c of candidates) {
    const value = c[field];
    if (value) at = Math.max(at, value.getTime() + 1);
  }
  return new Date(at);
}

/** The chat exactly as it was read: any change since (claim, reassign, end, move) fails the update. */
function unchanged(chat: ChatDoc): ScopedFilter {
  return {
    _id: chat._id,
    teamId: chat.teamId,
    status: chat.status,
    assigneeId: chat.assigneeId ?? null,
    ...(chat.status === 'assigned' ? { assignedAt: chat.assignedAt } : {}),
  };
}

export async function pickAndAssign(
  ctx: AppContext,
  input: { chat: ChatDoc; team: TeamDoc; excludeIds?: readonly string[] },
): Promise<PickOutcome> {
  const { chat, team } = input;
  if (chat.status === 'ended') return { kind: 'chat_changed' };
  const strategy = team.assignmentStrategy;
  const repos = ctx.repos.forOrg(chat.orgId);
  const contact = await repos.contacts.findById(chat.contactId, { projection: { lastAgentId: 1 } });
  const lastAgentId = contact?.lastAgentId?.toString() ?? null;
  const excludeIds = [...(input.excludeIds ?? []), ...(chat.unresponsiveAgentIds ?? []).map((id) => id.toString())];

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Another instance holds the leases we want: give it a moment, with jitter so we don't align.
    if (round > 0) await pause(5 + Math.random() * 20 * round);
    const now = ctx.clock.now();
    const { users, candidates } = await loadCandidates(ctx, team);
    const order = orderCandidates(strategy, candidates, now, { excludeIds, lastAgentId, ...routingOptions(team) });
    if (order.length === 0) return { kind: 'no_agent' };

    for (const choice of order) {
      const user = users.get(choice.agent.id);
      if (!user) continue;
      const field = turnFieldFor(strategy, choice);
      const lease = await acquireAgent(ctx, {
        orgId: chat.orgId,
        teamId: team._id,
        agentId: user._id,
        turn: field ? { field, value: user[field] ?? null } : null,
      });
      if (!lease) continue;

      const turns: Partial<Record<TurnField, Date>> = {};
      try {
        if (!(await availableFor(ctx, lease.user, team))) continue;
        const assignedAt = ctx.clock.now();
        const updated = await repos.chats.findOneAndUpdate(unchanged(chat), {
          $set: {
            status: 'assigned',
            assigneeId: user._id,
            assignedAt,
            autoAssigned: true,
            awaitingChoice: false,
            unresponsiveDueAt: team.unresponsiveStrategy === 'none' ? null : unresponsiveDueAt(assignedAt, team.unresponsiveTimeoutSeconds ?? 300),
          },
        });
        if (!updated) return { kind: 'chat_changed' };
        turns.lastAssignedAt = nextTurn(now, candidates, 'lastAssignedAt');
        if (choice.newContact) turns.lastNewContactAssignedAt = nextTurn(now, candidates, 'lastNewContactAssignedAt');
        return { kind: 'assigned', chat: updated, agent: lease.user, previous: chat };
      } finally {
        await releaseAgent(ctx, lease, turns);
      }
    }
  }
  return { kind: 'contended' };
}

/** History, the contact's last agent, and the bus event for an assignment routing made. */
export async function announceAssignment(
  ctx: AppContext,
  outcome: Extract<PickOutcome, { kind: 'assigned' }>,
  how: { kind: Extract<ChatEventKind, 'auto_assigned' | 'unresponsive_reassigned'>; actor: EventActor },
): Promise<void> {
  const { chat, agent, previous } = outcome;
  await ctx.repos.forOrg(chat.orgId).contacts.setLastAgent(chat.contactId, agent._id);
  await recordChatEvent(ctx, chat, how.kind, how.actor, { fromAssigneeId: previous.assigneeId ?? null, toAssigneeId: agent._id });
  await publishChatChange(ctx, chat, 'assigned', {
    byUserId: null,
    previous: { teamId: previous.teamId.toString(), status: previous.status, assigneeId: previous.assigneeId?.toString() ?? null },
  });
}
