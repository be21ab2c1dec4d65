import type { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import type { OrganizationDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { randomToken, sha256 } from './crypto';

export const SESSION_COOKIE = 'phx_session';

export interface AgentAuth {
  user: UserDoc;
  org: OrganizationDoc;
  sessionHash: string;
}

export async function createSession(ctx: AppContext, user: Pick<UserDoc, '_id' | 'orgId'>): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlDays * 86_400_000);
  await ctx.repos.forOrg(user.orgId).sessions.insert({ tokenHash: sha256(token), userId: user._id, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The signed-in agent for a cookie value, or null (unknown, expired, deactivated). */
export async function resolveSession(ctx: AppContext, token: unknown): Promise<AgentAuth | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
  const sessionHash = sha256(token);
  const session = await ctx.repos.crossOrg.sessionByTokenHash(sessionHash);
  if (!session || session.expiresAt.getTime() <= ctx.clock.now().getTime()) return null;
  const repos = ctx.repos.forOrg(session.orgId);
  const user = await repos.members.findById(session.userId);
  if (!user || user.active === false) return null;
  const org = await repos.organization.findOne();
  // A disabled organization (platform-enrollment.ts) has no signed-in members.
  if (!org || org.disabled === true) return null;
  return { user, org, sessionHash };
}

export async function deleteSession(ctx: AppContext, orgId: ObjectId, sessionHash: string): Promise<void> {
  await ctx.repos.forOrg(orgId).sessions.deleteOne({ tokenHash: sessionHash });
}

/**
 * Ends every session of a user (password change, deactivation) and tells every instance to
 * close that user's sockets. `keepHash` spares the session making the change.
 */
export async function revokeUserSessions(
  ctx: AppContext,
  user: { _id: ObjectId; orgId: ObjectId },
  reason: 'password_changed' | 'deactivated' | 'logout',
  keepHash?: string,
): Promise<void> {
  const filter = keepHash ? { userId: user._id, tokenHash: { $ne: keepHash } } : { userId: user._id };
  await ctx.repos.forOrg(user.orgId).sessions.deleteMany(filter);
  await ctx.bus.publish({
    kind: 'user.revoked',
    orgId: user.orgId.toString(),
    userId: user._id.toString(),
    reason,
    ...(keepHash ? { keepSessionHash: keepHash } : {}),
  });
}
