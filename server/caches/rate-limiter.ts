import type { Clock } from '../clock';
import { rateLimited } from '../errors';

/**
 * Fixed-window counters in memory. Per instance: behind a load balancer each instance limits
 * on its own, which still bounds brute force to (instances × limit).
 */
export interface RateLimiter {
  /** Counts one hit for `key`; throws RATE_LIMITED past `limit` hits per `windowMs`. */
  hit(key: string, limit: number, windowMs: number): void;
  reset(): void;
}

export function createRateLimiter(clock: Clock): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(key, limit, windowMs) {
      const now = clock.now().getTime();
      if (now - lastSweep > 60_000) {
        // Drop stale windows so the map does not grow with every address ever seen.
        for (const [k, w] of windows) if (now - w.start > 3_600_000) windows.delete(k);
        lastSweep = now;
      }
      const window = windows.get(key);
      if (window === undefined || now - window.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return;
      }
      window.count += 1;
      if (window.count > limit) throw rateLimited(Math.ceil((window.start + windowMs - now) / 1000));
    },
    reset() {
      windows.clear();
    },
  };
}
