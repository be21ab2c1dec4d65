// Caps on open sockets, so one address or one credential cannot hold an unbounded share of the
// server's sockets (each costs memory and fan-out work). Counted per instance, like the HTTP
// rate limits. The numbers are constants rather than settings because the configuration is not
// this layer's to extend; they are chosen above what a person does:
// - per address: a household or office behind one NAT with many tabs stays far below it. The
//   loopback address is exempt: it is the machine itself, or a local reverse proxy when
//   TRUST_PROXY is off, where capping it would cap every client behind the proxy together.
// - per agent session: tabs of one signed-in browser (the fan-out benchmark opens 200).
// - per visitor: one visitor's (contact's) tabs on a customer's site. Counted from the sockets the
//   registry already holds for the contact, so a visitor socket keeps no cap key of its own.
// The address and session counts are keyed by strings their sockets keep anyway (the address, the
// session's hash): a socket holds no key string or key array for its caps (socket-state.ts).
export const SOCKET_CAPS = { perAddress: 100, perAgentSession: 256, perVisitor: 16 } as const;

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

export const isLoopback = (address: string): boolean => LOOPBACK.test(address);

/** Open sockets per key, up to a limit per key. */
export class SlotCounts {
  private readonly open = new Map<string, number>();

  /** Takes a slot under `key` unless `limit` are taken; false when full. */
  take(key: string, limit: number): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= limit) return false;
    this.open.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 0) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}

/** The slots one socket holds: whether under its address, and its agent session's hash. */
export interface HeldSlots {
  addressSlot: boolean;
  readonly address: string | null;
  readonly sessionHash: string | undefined;
}

/** The per-address and per-agent-session caps of the upgrades (the per-visitor one is the hub's count). */
export class SocketCaps {
  private readonly byAddress = new SlotCounts();
  private readonly bySession = new SlotCounts();

  /**
   * Takes what an upgrade needs, all or nothing: a slot under its address (unless loopback) and,
   * for agents, one under the session. Null when one is full; else whether the address slot was taken.
   */
  takeUpgrade(address: string | null, sessionHash: string | undefined): { addressSlot: boolean } | null {
    const addressSlot = address !== null && !isLoopback(address);
    if (addressSlot && !this.byAddress.take(address, SOCKET_CAPS.perAddress)) return null;
    if (sessionHash !== undefined && !this.bySession.take(sessionHash, SOCKET_CAPS.perAgentSession)) {
      if (addressSlot) this.byAddress.release(address);
      return null;
    }
    return { addressSlot };
  }

  /** Gives back what a socket holds (at its close, or when its upgrade failed). */
  release(held: HeldSlots): void {
    if (held.addressSlot && held.address !== null) this.byAddress.release(held.address);
    held.addressSlot = false;
    if (held.sessionHash !== undefined) this.bySession.release(held.sessionHash);
  }
}
