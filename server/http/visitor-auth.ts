import { Elysia } from 'elysia';
import type { AppContext } from '../context';
import { resolveVisitor } from '../services/visitors';

/**
 * Resolves `Authorization: Bearer <visitor token>` into `visitor`: the visitor, 'expired' (a
 * token unused past VISITOR_TOKEN_TTL_DAYS: requireVisitor answers 401 with its reason), or null.
 */
export function visitorPlugin(ctx: AppContext) {
  return new Elysia().resolve({ as: 'scoped' }, async ({ headers }) => {
    const header = headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    return { visitor: token ? await resolveVisitor(ctx, token) : null };
  });
}
