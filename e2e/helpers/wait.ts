// The one way e2e code waits for something that is not on the page: poll a condition until it
// holds or a deadline passes, and fail saying what was awaited and what was seen last. Never a
// blind sleep: a journey proceeds as soon as the condition holds, and a slow box only waits longer.
// (On the page, Playwright's own `locator.waitFor` is the wait.)
import { waitFor as poll } from '../../server/testing/wait';

/** Generous for a loaded 2-core CI box; every wait is on a condition, never a fixed sleep. */
export const UI_TIMEOUT = 10_000;

export interface WaitOptions {
  /** Give up after this long (default UI_TIMEOUT). */
  timeoutMs?: number;
  /** Look again this often (default 50 ms; 0 looks again at once, for sampling fast changes). */
  intervalMs?: number;
  /** What the timeout error reports as last seen (default: the probe's last answer). */
  lastSeen?: () => unknown;
}

/**
 * Calls `probe` until it returns something other than null, undefined or false, and returns it
 * (0 and "" count as answers). The polling itself is the server tests' one waitFor.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  { timeoutMs = UI_TIMEOUT, intervalMs = 50, lastSeen }: WaitOptions = {},
): Promise<Exclude<T, null | undefined | false>> {
  let last: T | undefined;
  const boxed = async () => {
    last = await probe();
    return last !== null && last !== undefined && last !== false ? { value: last as Exclude<T, null | undefined | false> } : null;
  };
  const found = await poll(boxed, { what, timeout: timeoutMs, interval: intervalMs, lastSeen: lastSeen ?? (() => last) });
  return found.value;
}

/** Reads until `ok(value)` holds and returns that value; on timeout the error shows the last one read. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, opts: WaitOptions = {}): Promise<T> {
  let last: T | undefined;
  const probe = async () => {
    last = await read();
    return ok(last) ? { value: last } : null;
  };
  return (await waitFor(what, probe, { ...opts, lastSeen: () => last })).value;
}
