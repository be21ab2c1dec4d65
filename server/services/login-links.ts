// Single-use console login links for the bot platform's users ("open Phoenix Chat" from the
// bot builder without a password). The link carries a random token; the database keeps its
// SHA-256 as a OneTimeToken of kind `login_link`, which POST /api/auth/login-link redeems with
// one conditional update, so of any number of parallel redemptions exactly one gets a session.
// A link that cannot be redeemed says why, so the bot platform knows to mint a new one:
// 410 LOGIN_LINK_EXPIRED past its 60 s, 410 LOGIN_LINK_USED once redeemed (both Gone: the link
// will never work again); an unknown token stays a 400 naming body.token.
import type { AppContext } from '../context';
import { canGrantRole } from '../domain/permissions';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import { actorOf } from './access';
import { keyCreator, type ApiAuth } from './api-keys';
import { randomToken, sha256 } from './crypto';
import { normalizeEmail } from './organizations';

/** Long enough to follow a redirect, short enough that a leaked link is useless soon after. */
export const LOGIN_LINK_TTL_MS = 60_000;

export async function createLoginLink(ctx: AppContext, auth: ApiAuth, emailInput: string): Promise<{ url: string; expiresAt: string }> {
  const email = normalizeEmail(emailInput);
  ctx.limiter.hit(`login-link-email:${email}`, 10, 60_000);
  // Checked first, so a key whose creator was demoted learns nothing about who is a member.
  const creator = await keyCreator(ctx, auth);
  // Only members of the key's organization; anyone else is "not found", whether or not they
  // have an account elsewhere.
  const user = await ctx.repos.forOrg(auth.org._id).members.findOne({ email });
  if (!user || user.active === false) throw notFound('Member');
  // A link is a session as its member, so it needs the key creator's CURRENT right to manage
  // members (keyCreator refuses a demoted creator), and owners' links need an owner's key.
  if (!canGrantRole(actorOf(creator.user), user.role)) {
    throw forbidden('Login links for owners need an API key created by an owner');
  }
  const token = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_TTL_MS);
  await ctx.repos.forOrg(user.orgId).oneTimeTokens.insert({ kind: 'login_link', tokenHash: sha256(token), userId: user._id, expiresAt, createdAt: now });
  return { url: `${ctx.config.publicUrl}/login-link?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
}

/** The refusal for a login link that could not be redeemed: used, expired, or unknown. */
export async function loginLinkRefusal(ctx: AppContext, token: string): Promise<AppError> {
  const stored = await ctx.repos.crossOrg.oneTimeTokenByHash('login_link', sha256(token));
  if (stored?.usedAt) return new AppError('LOGIN_LINK_USED', 'This sign-in link was already used; links work once. Ask for a new one', 'body.token');
  if (stored && stored.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    return new AppError('LOGIN_LINK_EXPIRED', 'This sign-in link has expired (links work for 60 seconds). Ask for a new one', 'body.token');
  }
  return badRequest('This link is invalid, expired or already used', 'body.token');
}
