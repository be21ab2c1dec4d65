import { Elysia, type Cookie } from 'elysia';
import type { AppContext } from '../context';
import { unauthenticated } from '../errors';
import { SESSION_COOKIE, resolveSession, type AgentAuth } from '../services/sessions';

/**
 * Resolves the session cookie into `auth` (or null) for the routes of the module that uses it.
 * Routes that need a signed-in agent call `requireAgent(auth)`.
 */
export function authPlugin(ctx: AppContext) {
  return new Elysia().resolve({ as: 'scoped' }, async ({ cookie }) => ({
    auth: await resolveSession(ctx, cookie[SESSION_COOKIE]?.value),
  }));
}

export function requireAgent(auth: AgentAuth | null): AgentAuth {
  if (auth === null) throw unauthenticated();
  return auth;
}

export function setSessionCookie(ctx: AppContext, cookie: Record<string, Cookie<unknown>>, token: string, expiresAt: Date): void {
  cookie[SESSION_COOKIE]!.set({
    value: token,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(cookie: Record<string, Cookie<unknown>>): void {
  cookie[SESSION_COOKIE]?.remove();
}
