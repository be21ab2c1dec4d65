// Caps on open sockets, so one address or one credential cannot hold an unbounded share of the
// server's sockets (each costs memory and fan-out work). Counted per instance, like the HTTP
// rate limits. The numbers are constants rather than settings because the configuration is not
// this layer's to extend; they are chosen above what a person does:
// - per address: a household or office behind one NAT with many tabs stays far below it. The
//   loopback address is exempt: it is the machine itself, or a local reverse proxy when
//   TRUST_PROXY is off, where capping it would cap every client behind the proxy together.
// - per agent session: tabs of one signed-in browser (the fan-out benchmark opens 200).
// - per visitor token: one visitor's tabs on a customer's site.
export const SOCKET_CAPS = { perAddress: 100, perAgentSession: 256, perVisitorToken: 16 } as const;

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

export const isLoopback = (address: string): boolean => LOOPBACK.test(address);

export class SocketCaps {
  private readonly open = new Map<string, number>();

  /** Takes a slot under `key` unless `limit` are taken; false when full. */
  take(key: string, limit: number): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= limit) return false;
    this.open.set(key, n + 1);
    return true;
  }

  /** Takes every slot or none (`[key, limit]` pairs): the keys taken, or null when one is full. */
  takeAll(wanted: readonly (readonly [string, number])[]): string[] | null {
    const taken: string[] = [];
    for (const [key, limit] of wanted) {
      if (!this.take(key, limit)) {
        this.releaseAll(taken);
        return null;
      }
      taken.push(key);
    }
    return taken;
  }

  releaseAll(keys: readonly string[]): void {
    for (const key of keys) this.release(key);
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 0) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}
