// The real server's visitor protections, as the fake server plays them (issue 15 items 4, 6, 14):
// socket texts refused once with RATE_LIMITED (retry after 1 s), a page origin the organization
// does not allow (403 on config and session), and tokens unused too long (401 on REST, 4401 on
// the socket; the session call then makes a new visitor).
import type { ErrorBody } from '../../shared/errors';
import type { ErrorFrame } from '../../shared/protocol/messages';
import { CORS } from './fake-data';

export const protections = () => ({
  tooFastOnce: new Set<string>(),
  refuseOrigin: false,
  expired: new Set<string>(),
});

type Protections = ReturnType<typeof protections>;

const refusal = (status: number, error: ErrorBody['error']): Response => Response.json({ error } satisfies ErrorBody, { status, headers: CORS });

/** The answer a REST request gets from the protections, or null when it goes on. */
export function restRefusal(p: Protections, req: Request, path: string): Response | null {
  if (p.refuseOrigin && (path === '/api/widget/config' || path === '/api/widget/session'))
    return refusal(403, { code: 'FORBIDDEN', message: 'This site may not use this chat widget', details: { reason: 'origin_not_allowed', origin: req.headers.get('origin') } });
  const bearer = (req.headers.get('authorization') ?? '').slice(7);
  if (path !== '/api/widget/session' && p.expired.has(bearer)) return refusal(401, { code: 'UNAUTHENTICATED', message: 'expired', details: { reason: 'visitor_token_expired' } });
  return null;
}

/** The socket's answer to an expired token: why, then 4401 (the widget makes a new session). */
export function refuseExpired(ws: { send(data: string): unknown; close(code: number, reason: string): void }): void {
  ws.send(JSON.stringify({ type: 'error', code: 'UNAUTHENTICATED', message: 'expired', reason: 'visitor_token_expired' } satisfies ErrorFrame));
  ws.close(4401, 'visitor_token_expired');
}
