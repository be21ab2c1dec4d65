// Per-key serialization inside one process. Routing runs the decisions for one team one at a
// time here, so 200 chats arriving together do not spin on each other's agent leases; the
// database-level guards (agent lease + conditional chat update) still decide across instances.

export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // Chain on settle, not on success: one failed task must not wedge the key.
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/**
 * Coalesces repeated requests for the same work: while a run for `key` is in flight, further
 * requests just ask for one more pass after it, so a burst of triggers (status toggles, chats
 * ending) costs at most one extra drain.
 */
export class Coalescer {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  request(key: string, work: () => Promise<void>): Promise<void> {
    const current = this.running.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await work();
        } while (state.again);
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, state);
    return state.done;
  }
}
