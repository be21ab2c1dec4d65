// Routing choices as pure functions: who may take a chat and in which order to try them.
//
// The DB layer does the atomic part: it walks the ordered list and assigns with a conditional
// update ("chat still unassigned", "agent still under capacity"), moving to the next candidate
// when one loses a race. So these functions return a preference order rather than one winner,
// and the order must be deterministic (ties broken by id) so that two server instances looking
// at the same data try agents in the same order instead of both grabbing different ones.
import type { AssignmentStrategy, ManualStatus, Presence } from '../../shared/types/enums';
import type { Schedule } from '../../shared/types/schedule';
import { reachableForRouting } from './presence';
import { isOpen } from './schedule';

export interface CandidateAgent {
  id: string;
  active: boolean;
  manualStatus: ManualStatus;
  /** Personal availability; null: no personal hours. */
  schedule: Schedule | null;
  /** The agent's own cap across all teams; null: no cap. */
  maxConcurrentChats: number | null;
  /** Open (assigned, not ended) chats across all teams. */
  openChatCount: number;
  /** Open chats in the team being routed; defaults to `openChatCount` when not given. */
  teamOpenChatCount?: number;
  lastAssignedAt: Date | null;
  lastNewContactAssignedAt: Date | null;
  /** From open console tabs (domain/presence.ts); read only when routing is online-only. */
  presence?: Presence;
}

export interface RoutingOptions {
  /** Never pick these (e.g. the unresponsive agent being replaced). */
  excludeIds?: readonly string[];
  /** The team's per-agent cap (`TeamSettings.maxChatsPerAgent`); null/absent: no cap. */
  teamMaxChatsPerAgent?: number | null;
  /**
   * The team's `onlineOnlyRouting`: only agents with the console open (presence online or
   * away; an unknown presence counts as offline). The other rules still apply on top.
   */
  onlineOnly?: boolean;
}

export interface RoutingChoice {
  agent: CandidateAgent;
  /**
   * True when the contact is new to this agent, so the assignment should also bump the agent's
   * `lastNewContactAssignedAt` (round robin by contact rotates on that field).
   */
  newContact: boolean;
}

/**
 * Available: active, manual status `available`, inside personal hours if set, and under both the
 * personal and the team cap if set; with `onlineOnly`, also reachable (a console tab open).
 * Callers pass only members of the routed team.
 */
export function isAgentAvailable(agent: CandidateAgent, now: Date, opts: RoutingOptions = {}): boolean {
  if (!agent.active || agent.manualStatus !== 'available') return false;
  if (opts.onlineOnly && !reachableForRouting(agent.presence ?? 'offline')) return false;
  if (agent.maxConcurrentChats !== null && agent.openChatCount >= agent.maxConcurrentChats) return false;
  const teamCap = opts.teamMaxChatsPerAgent ?? null;
  if (teamCap !== null && (agent.teamOpenChatCount ?? agent.openChatCount) >= teamCap) return false;
  return isOpen(agent.schedule, now);
}

/** null sorts first: an agent never assigned has waited longest. */
function compareInstants(a: Date | null, b: Date | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a.getTime() - b.getTime();
}

function compareIds(a: CandidateAgent, b: CandidateAgent): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function eligible(candidates: readonly CandidateAgent[], now: Date, opts: RoutingOptions): CandidateAgent[] {
  const excluded = new Set(opts.excludeIds ?? []);
  return candidates.filter((agent) => !excluded.has(agent.id) && isAgentAvailable(agent, now, opts));
}

/** Round robin order: oldest `lastAssignedAt` first, ties by id. */
export function orderRoundRobin(
  candidates: readonly CandidateAgent[],
  now: Date,
  opts: RoutingOptions = {},
): CandidateAgent[] {
  return eligible(candidates, now, opts).sort(
    (a, b) => compareInstants(a.lastAssignedAt, b.lastAssignedAt) || compareIds(a, b),
  );
}

export function pickRoundRobin(
  candidates: readonly CandidateAgent[],
  now: Date,
  opts: RoutingOptions = {},
): CandidateAgent | null {
  return orderRoundRobin(candidates, now, opts)[0] ?? null;
}

/**
 * Round robin by contact: the contact's last agent first when they are an available candidate
 * (and not excluded); then everyone else by oldest `lastNewContactAssignedAt`, ties by oldest
 * `lastAssignedAt` (spreads load among agents who never got a new contact), then id.
 */
export function orderRoundRobinByContact(
  candidates: readonly CandidateAgent[],
  now: Date,
  lastAgentId: string | null,
  opts: RoutingOptions = {},
): RoutingChoice[] {
  const available = eligible(candidates, now, opts);
  const returning = available.find((agent) => agent.id === lastAgentId);
  const rest = available
    .filter((agent) => agent !== returning)
    .sort(
      (a, b) =>
        compareInstants(a.lastNewContactAssignedAt, b.lastNewContactAssignedAt) ||
        compareInstants(a.lastAssignedAt, b.lastAssignedAt) ||
        compareIds(a, b),
    )
    .map((agent) => ({ agent, newContact: true }));
  return returning ? [{ agent: returning, newContact: false }, ...rest] : rest;
}

export function pickRoundRobinByContact(
  candidates: readonly CandidateAgent[],
  now: Date,
  lastAgentId: string | null,
  opts: RoutingOptions = {},
): RoutingChoice | null {
  return orderRoundRobinByContact(candidates, now, lastAgentId, opts)[0] ?? null;
}

/**
 * One entry point for the DB layer: the candidates to try, in order, for a team's strategy.
 * `none` yields nobody (chats wait for a claim). For plain round robin `newContact` is true when
 * the agent is not the contact's last agent, so both timestamps stay meaningful whichever
 * strategy a team switches to later.
 */
export function orderCandidates(
  strategy: AssignmentStrategy,
  candidates: readonly CandidateAgent[],
  now: Date,
  opts: RoutingOptions & { lastAgentId?: string | null } = {},
): RoutingChoice[] {
  const lastAgentId = opts.lastAgentId ?? null;
  switch (strategy) {
    case 'none':
      return [];
    case 'round_robin':
      return orderRoundRobin(candidates, now, opts).map((agent) => ({
        agent,
        newContact: agent.id !== lastAgentId,
      }));
    case 'round_robin_by_contact':
      return orderRoundRobinByContact(candidates, now, lastAgentId, opts);
  }
}

/**
 * The order in which waiting chats are offered when the team opens or an agent becomes
 * available: longest-waiting first (fairness to visitors), ties by id so concurrent drainers
 * agree.
 */
export function orderWaitingChats<T extends { id: string; createdAt: Date }>(chats: readonly T[]): T[] {
  return [...chats].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Fills `{name}` placeholders from `vars`. Unknown placeholders stay as typed, so a typo shows
 * up in the chat instead of vanishing; values are inserted literally (no `$&` surprises).
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? (vars[name] ?? whole) : whole,
  );
}

/** The team's assigned message, e.g. "You're now chatting with {agent}." */
export function renderAssignedMessage(template: string, vars: { agent: string }): string {
  return renderTemplate(template, vars);
}

/** When the unresponsive-agent job fires for an auto-assigned chat. */
export function unresponsiveDueAt(assignedAt: Date, timeoutSeconds: number): Date {
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
    throw new RangeError(`timeout must be a non-negative number of seconds, got ${timeoutSeconds}`);
  }
  return new Date(assignedAt.getTime() + timeoutSeconds * 1000);
}
