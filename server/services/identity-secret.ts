// The secret customers use on their own servers to sign `data-user-hash` (HMAC-SHA256 of the
// user id), so the widget can show an identified visitor their history. Admins read and rotate
// it; rotating makes every hash signed with the old secret fall back to anonymous sessions.
import type { AppContext } from '../context';
import { canManageOrg } from '../domain/permissions';
import { forbidden } from '../errors';
import { actorOf } from './access';
import { randomToken } from './crypto';
import type { AgentAuth } from './sessions';

function requireAdmin(auth: AgentAuth): void {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can see the identity secret');
}

export function identitySecret(auth: AgentAuth): { secret: string } {
  requireAdmin(auth);
  return { secret: auth.org.identitySecret };
}

export async function rotateIdentitySecret(ctx: AppContext, auth: AgentAuth): Promise<{ secret: string }> {
  requireAdmin(auth);
  const secret = randomToken(32);
  await ctx.repos.forOrg(auth.org._id).organization.updateOne({}, { $set: { identitySecret: secret } });
  return { secret };
}
