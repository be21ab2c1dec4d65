// Waiting on a condition without sleeping: whoever changes the state calls `changed()`, and every
// pending `waitFor` checks again. A deadline turns "never" into a clear failure.

export class Waiters {
  private readonly pending = new Set<() => void>();

  changed(): void {
    for (const poll of [...this.pending]) poll();
  }

  /** Resolves once `check()` holds (checked now and after each `changed()`); rejects after `ms`. */
  waitFor(check: () => boolean, what: string, ms = 8_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(poll);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const poll = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.pending.delete(poll);
        resolve();
      };
      this.pending.add(poll);
      poll();
    });
  }
}
