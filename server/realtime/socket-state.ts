// What the socket server keeps for one socket, as one object: Bun's upgrade `data`, the socket's
// sending side (BoundedSocket) and its frame queue slot. Idle visitor sockets are the many (DESIGN
// §9: ≤ 4 KB each, ≤ 2× raw Bun), and every object, array and string a socket keeps costs about
// twice its size in resident memory (the collector's heap grows by ~2.3× what stays live,
// measured with scripts/bench/idle-memory.ts). So: one class with every field declared (no
// property added later, no out-of-line storage), no array of cap keys (the keys are strings the
// socket keeps anyway), no per-socket closures.
import type { ServerWebSocket } from 'bun';
import type { AgentAuth } from '../services/sessions';
import type { RequestOrigin } from '../services/widget-origins';
import { BoundedSocket, type PressurePolicy } from './backpressure';
import type { Connection } from './connections';
import type { QueueSlot } from './frame-queue';

export class SocketState extends BoundedSocket<SocketState> implements QueueSlot {
  /** Set once the socket is known: at open for agents, once the token checked out for visitors. */
  conn: Connection | undefined = undefined;
  /** The visitor's auth deadline (AUTH_TIMEOUT_MS), cleared by the auth frame. */
  authTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Visitor sockets until their auth frame: the upgrade's Origin, checked once the org is known. */
  visitorOrigin: RequestOrigin | undefined;
  /** Whether this socket holds a slot of the per-address cap under `address` (socket-caps.ts). */
  addressSlot = false;
  tail: Promise<void> | undefined = undefined;
  queued = 0;

  constructor(
    policy: PressurePolicy<SocketState>,
    /** Agents, from the upgrade to the open: the session checked at the upgrade (then `conn.auth`). */
    public agent: AgentAuth | undefined,
    /** The client address at the upgrade (null when unknown); visitor rate limits count per address. */
    readonly address: string | null,
    visitorOrigin?: RequestOrigin,
  ) {
    super(policy);
    this.visitorOrigin = visitorOrigin;
  }

  /** The agent session this socket counts against (per-session cap), whether open yet or not. */
  get sessionHash(): string | undefined {
    return this.conn?.kind === 'agent' ? this.conn.auth.sessionHash : this.agent?.sessionHash;
  }
}

export type Socket = ServerWebSocket<SocketState>;
