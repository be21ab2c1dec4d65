import type { Config } from '../config';

/** Client address for rate limits: the socket's, or X-Forwarded-For's first hop behind a trusted proxy. */
export function clientIp(config: Pick<Config, 'trustProxy'>, request: Request, server: { requestIP(r: Request): { address: string } | null } | null): string {
  if (config.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    if (forwarded) return forwarded.split(',')[0]!.trim();
  }
  return server?.requestIP(request)?.address ?? 'unknown';
}
