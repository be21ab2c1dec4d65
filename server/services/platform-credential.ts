// The bot platform's own credential (PLATFORM_API_KEY): it enrolls organizations, so it is
// checked before anything else about a request. Unset, the platform API does not exist (404).
import type { AppContext } from '../context';
import { notFound, unauthenticated } from '../errors';
import { safeEqual, sha256 } from './crypto';

/**
 * Refuses the request unless it carries the platform credential. Both sides are hashed first
 * so the constant-time comparison never depends on the presented value's length.
 */
export function checkPlatformCredential(ctx: AppContext, authorization: string | undefined, ip: string): void {
  const expected = ctx.config.platformApiKey;
  if (expected === null) throw notFound('Route');
  const match = /^Bearer\s+(\S{1,500})$/i.exec(authorization?.trim() ?? '');
  const presented = match?.[1] ?? '';
  if (!safeEqual(sha256(presented), sha256(expected))) {
    // Counted per address, like API keys: guessing is slowed down, not just refused.
    ctx.limiter.hit(`platform-auth-fail:${ip}`, 30, 60_000);
    throw unauthenticated('Send the platform credential as "Authorization: Bearer <PLATFORM_API_KEY>"');
  }
}
