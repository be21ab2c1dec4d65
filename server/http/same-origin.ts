// Cross-site request forgery. A browser attaches the session cookie to requests that any site
// makes, so the state-changing cookie routes accept a request only when its Origin (browsers
// send one on every cross-site and every non-GET fetch) is this server's own, and only with a
// JSON or multipart body: a cross-site <form> can send neither without a CORS preflight, which
// cookie routes never grant. The widget's and the bot platform's routes authenticate with a
// bearer token, not a cookie, and are cross-site by design, so they are not concerned.
import { Elysia } from 'elysia';
import type { Config } from '../config';
import { AppError, forbidden } from '../errors';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN_ROUTES = ['/api/widget/', '/api/v1/'];
const BODY_TYPES = ['application/json', 'multipart/form-data'];

/** Origins a console page of this server can have: the public URL's, and the one the request was addressed to. */
export function ownOrigins(config: Pick<Config, 'publicUrl'>, request: Request): string[] {
  return [new URL(config.publicUrl).origin, new URL(request.url).origin];
}

/** Why a request to a cookie route is refused, or null when it may go on. */
export function crossSiteRefusal(config: Pick<Config, 'publicUrl'>, request: Request): AppError | null {
  const { pathname } = new URL(request.url);
  if (!UNSAFE_METHODS.has(request.method) || !pathname.startsWith('/api/') || TOKEN_ROUTES.some((p) => pathname.startsWith(p))) return null;
  const origin = request.headers.get('origin');
  if (origin !== null && !ownOrigins(config, request).includes(origin)) return forbidden('Requests from other sites are not accepted here');
  const hasBody = (request.headers.get('content-length') ?? '0') !== '0' || request.headers.has('transfer-encoding');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (hasBody && !BODY_TYPES.includes(type)) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (or a file as multipart/form-data)');
  return null;
}

export function sameOriginGuard(config: Pick<Config, 'publicUrl'>) {
  return new Elysia({ name: 'same-origin' }).onRequest(({ request }) => {
    const refusal = crossSiteRefusal(config, request);
    if (refusal) throw refusal;
  });
}
