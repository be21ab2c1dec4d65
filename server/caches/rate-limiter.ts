import type { Clock } from '../clock';
import { rateLimited } from '../errors';

/**
 * Fixed-window counters in memory. Per instance: behind a load balancer each instance limits
 * on its own, which still bounds brute force to (instances × limit).
 */
export interface RateLimiter {
  /** Counts one hit for `key`; throws RATE_LIMITED past `limit` hits per `windowMs`. */
  hit(key: string, limit: number, windowMs: number): void;
  /**
   * Throws RATE_LIMITED when `key` already has `limit` hits in its window, without counting
   * one: for limits on outcomes (failed sign-ins) that are counted with `record` afterwards.
   */
  check(key: string, limit: number, windowMs: number): void;
  /**
   * Counts one hit for `key` like `hit`, but answers instead of throwing: null when within
   * `limit`, else the seconds until the window ends (for callers with their own refusal).
   */
  take(key: string, limit: number, windowMs: number): number | null;
  /**
   * Counts one hit for `key` and answers the window's state without refusing: for callers that
   * report their limit (the X-RateLimit-* headers of /api/v1) and refuse themselves.
   */
  meter(key: string, windowMs: number): { count: number; resetAtMs: number };
  /** Counts one hit for `key` without ever refusing. */
  record(key: string, windowMs: number): void;
  /** Forgets `key`'s window. */
  clear(key: string): void;
  reset(): void;
}

export function createRateLimiter(clock: Clock): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  /** The live window of `key` (null when none or expired), after the periodic sweep. */
  const current = (key: string, windowMs: number, now: number) => {
    if (now - lastSweep > 60_000) {
      // Drop stale windows so the map does not grow with every address ever seen.
      for (const [k, w] of windows) if (now - w.start > 3_600_000) windows.delete(k);
      lastSweep = now;
    }
    const window = windows.get(key);
    return window === undefined || now - window.start >= windowMs ? null : window;
  };
  const count = (key: string, windowMs: number, now: number) => {
    const window = current(key, windowMs, now);
    if (window === null) {
      const fresh = { start: now, count: 1 };
      windows.set(key, fresh);
      return fresh;
    }
    window.count += 1;
    return window;
  };
  const retryAfter = (window: { start: number }, windowMs: number, now: number) => Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
  return {
    hit(key, limit, windowMs) {
      const now = clock.now().getTime();
      const window = count(key, windowMs, now);
      if (window.count > limit) throw rateLimited(retryAfter(window, windowMs, now));
    },
    take(key, limit, windowMs) {
      const now = clock.now().getTime();
      const window = count(key, windowMs, now);
      return window.count > limit ? retryAfter(window, windowMs, now) : null;
    },
    check(key, limit, windowMs) {
      const now = clock.now().getTime();
      const window = current(key, windowMs, now);
      if (window !== null && window.count >= limit) throw rateLimited(retryAfter(window, windowMs, now));
    },
    meter(key, windowMs) {
      const window = count(key, windowMs, clock.now().getTime());
      return { count: window.count, resetAtMs: window.start + windowMs };
    },
    record(key, windowMs) {
      count(key, windowMs, clock.now().getTime());
    },
    clear(key) {
      windows.delete(key);
    },
    reset() {
      windows.clear();
    },
  };
}
