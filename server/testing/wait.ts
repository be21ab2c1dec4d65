// The one way server tests wait for something asynchronous (a job, a drain, a delivery, a
// process becoming healthy): poll a condition until it holds, with a deadline, never a blind
// sleep. The condition's truthy result is returned, so a test can wait for and read a value.

export interface WaitOptions {
  /** Give up after this many milliseconds (default 5 s). */
  timeout?: number;
  /** What is awaited, for the error message. */
  what?: string;
  /** Pause between polls (default 20 ms). */
  interval?: number;
  /** What the timeout error reports as last seen (default: the condition's last value). */
  lastSeen?: () => unknown;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Resolves with the first truthy value `condition` returns. A condition that throws fails the
 * wait at once (e.g. "the process exited"); one still falsy at the deadline fails it with the
 * last value seen.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, opts: WaitOptions = {}): Promise<Truthy<T>> {
  const timeout = opts.timeout ?? 5_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'a condition'}; last value: ${describe(opts.lastSeen ? opts.lastSeen() : value)}`);
    await new Promise((resolve) => setTimeout(resolve, opts.interval ?? 20));
  }
}
