// Named timeouts owned by one controller: setting a name again replaces its pending timeout,
// and one `clearAll()` on host disconnect leaves nothing behind. The clock is injected so the
// policy can be tested without waiting (see timer.test.ts).

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What a controller gets of a shared group: only its own names (method syntax keeps this assignable). */
export interface NamedTimers<Name extends string> {
  set(name: Name, ms: number, fn: () => void): void;
  clear(name: Name): void;
}

interface Pending {
  handle: unknown;
}

export class TimerGroup<Name extends string = string> implements NamedTimers<Name> {
  private readonly pending = new Map<Name, Pending>();

  constructor(private readonly clock: Clock = realClock) {}

  /** Run `fn` once after `ms`; a timeout already pending under this name is cancelled. */
  set(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    const entry: Pending = { handle: null };
    entry.handle = this.clock.setTimeout(() => {
      // A clock may still deliver a timeout that was replaced or cleared: only the current one runs.
      if (this.pending.get(name) !== entry) return;
      // Forgotten before running, so `fn` may set the same name again (a loop that reschedules itself).
      this.pending.delete(name);
      fn();
    }, ms);
    this.pending.set(name, entry);
  }

  clear(name: Name): void {
    const entry = this.pending.get(name);
    if (!entry) return;
    this.pending.delete(name);
    this.clock.clearTimeout(entry.handle);
  }

  clearAll(): void {
    for (const name of [...this.pending.keys()]) this.clear(name);
  }

  has(name: Name): boolean {
    return this.pending.has(name);
  }
}
