// The client's address for rate limits (see caches/client-addresses.ts for where it comes from).
import type { ClientAddresses } from '../caches/client-addresses';
import type { Config } from '../config';

/** The socket's address, or X-Forwarded-For's first hop behind a trusted proxy. */
export function clientIp(ctx: { config: Pick<Config, 'trustProxy'>; clientAddresses: ClientAddresses }, request: Request): string {
  if (ctx.config.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    if (forwarded) return forwarded.split(',')[0]!.trim();
  }
  return ctx.clientAddresses.of(request) ?? 'unknown';
}
