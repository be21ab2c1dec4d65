import type { AppContext } from '../context';
import { AppError, appError, badRequest, isAppError, unauthenticated } from '../errors';
import type { OrganizationDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { randomToken, sha256 } from './crypto';
import { loginLinkRefusal } from './login-links';
import { normalizeEmail } from './organizations';
import { hashPassword, verifyPassword } from './passwords';
import { upgradePasswordHash } from './password-upgrade';
import { revokeUserSessions } from './sessions';

const RESET_TTL_MS = 60 * 60 * 1000;

// Verifying against a fixed hash when the e-mail is unknown keeps response times alike,
// so login does not reveal which addresses have accounts.
let decoyHash: Promise<string> | null = null;

export async function authenticate(ctx: AppContext, emailInput: string, password: string): Promise<{ user: UserDoc; org: OrganizationDoc }> {
  const email = normalizeEmail(emailInput);
  const user = await ctx.repos.crossOrg.userByEmail(email);
  if (!user) {
    decoyHash ??= hashPassword(ctx.config, randomToken(16));
    await verifyPassword(password, await decoyHash);
    throw unauthenticated('Wrong e-mail or password');
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok) throw unauthenticated('Wrong e-mail or password');
  if (user.active === false) throw new AppError('FORBIDDEN', 'This account has been deactivated');
  const org = await ctx.repos.forOrg(user.orgId).organization.findOne();
  if (!org) throw unauthenticated('Wrong e-mail or password');
  if (org.disabled === true) throw new AppError('FORBIDDEN', 'This organization is disabled');
  await upgradePasswordHash(ctx, user, password);
  return { user, org };
}

// Sign-in throttling. Only failures count, never successes, and per account AND address: ten
// wrong passwords from one address then stop that address for that account only, so nobody can
// lock a member out from elsewhere. A wider per-address cap bounds password spraying over many
// accounts. (Constants, not settings: the config is not this module's to change.)
const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
const LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 10;
const LOGIN_FAILURES_PER_ADDRESS = 50;

function tooManyFailures(err: unknown): never {
  const seconds = isAppError(err) ? err.details?.retryAfterSeconds : undefined;
  if (typeof seconds !== 'number') throw err;
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  throw appError('RATE_LIMITED', `Too many failed sign-ins; try again in ${wait}`, undefined, { retryAfterSeconds: seconds });
}

/** `authenticate` behind the failure limits of the address `ip`. */
export async function signIn(ctx: AppContext, emailInput: string, password: string, ip: string): Promise<{ user: UserDoc; org: OrganizationDoc }> {
  const pairKey = `login-fail:${normalizeEmail(emailInput)}|${ip}`;
  const addressKey = `login-fail-ip:${ip}`;
  try {
    ctx.limiter.check(pairKey, LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, LOGIN_FAILURE_WINDOW_MS);
    ctx.limiter.check(addressKey, LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURE_WINDOW_MS);
  } catch (err) {
    tooManyFailures(err);
  }
  try {
    const result = await authenticate(ctx, emailInput, password);
    ctx.limiter.clear(pairKey);
    return result;
  } catch (err) {
    if (isAppError(err) && err.code === 'UNAUTHENTICATED') {
      ctx.limiter.record(pairKey, LOGIN_FAILURE_WINDOW_MS);
      ctx.limiter.record(addressKey, LOGIN_FAILURE_WINDOW_MS);
    }
    throw err;
  }
}

export async function changePassword(ctx: AppContext, user: UserDoc, currentPassword: string, newPassword: string, keepSessionHash: string): Promise<void> {
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw badRequest('The current password is wrong', 'body.currentPassword');
  }
  const passwordHash = await hashPassword(ctx.config, newPassword);
  await ctx.repos.forOrg(user.orgId).members.updateOne({ _id: user._id }, { $set: { passwordHash } });
  await voidPasswordResets(ctx, user);
  await revokeUserSessions(ctx, user, 'password_changed', keepSessionHash);
}

/**
 * Marks every unused reset link of the account used: a link mailed before the password changed
 * (perhaps to a mailbox an attacker reads) must not undo the change.
 */
async function voidPasswordResets(ctx: AppContext, user: Pick<UserDoc, '_id' | 'orgId'>): Promise<void> {
  await ctx.repos.forOrg(user.orgId).oneTimeTokens.updateMany(
    { kind: 'password_reset', userId: user._id, usedAt: null },
    { $set: { usedAt: ctx.clock.now() } },
  );
}

/** Always succeeds from the caller's view; only a known, active account gets a mail. */
export async function requestPasswordReset(ctx: AppContext, emailInput: string): Promise<void> {
  const email = normalizeEmail(emailInput);
  const user = await ctx.repos.crossOrg.userByEmail(email, { activeOnly: true });
  if (!user) return;
  const token = randomToken(32);
  const now = ctx.clock.now();
  await ctx.repos.forOrg(user.orgId).oneTimeTokens.insert({
    kind: 'password_reset',
    tokenHash: sha256(token),
    userId: user._id,
    expiresAt: new Date(now.getTime() + RESET_TTL_MS),
    createdAt: now,
  });
  const link = `${ctx.config.publicUrl}/reset?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to: user.email,
    subject: 'Reset your Phoenix Chat password',
    text: `Hi ${user.name},\n\nSomeone (hopefully you) asked to reset your Phoenix Chat password. Open this link within an hour to choose a new one:\n\n${link}\n\nIf it wasn't you, ignore this e-mail.`,
  });
}

/**
 * Takes a single-use token of `kind`: one conditional update on `usedAt: null`, so of two
 * parallel redemptions exactly one wins.
 */
export async function redeemOneTimeToken(
  ctx: AppContext,
  kind: 'password_reset' | 'login_link',
  token: string,
  /** The error when the token cannot be taken (default: a 400 that does not say why). */
  refusal?: () => Promise<AppError>,
): Promise<UserDoc> {
  const now = ctx.clock.now();
  const taken = await ctx.repos.crossOrg.takeOneTimeToken(kind, sha256(token), now);
  if (!taken) throw refusal ? await refusal() : badRequest('This link is invalid, expired or already used', 'body.token');
  const user = await ctx.repos.forOrg(taken.orgId).members.findOne({ _id: taken.userId, active: true });
  if (!user) throw badRequest('This link is invalid, expired or already used', 'body.token');
  return user;
}

/** A single-use login link (minted by a bot platform) signs its member in: the member and their organization. */
export async function redeemLoginLink(ctx: AppContext, token: string): Promise<{ user: UserDoc; org: OrganizationDoc }> {
  // A used or expired link says which (login-links.ts), so whoever minted it knows to mint another.
  const user = await redeemOneTimeToken(ctx, 'login_link', token, () => loginLinkRefusal(ctx, token));
  const org = await ctx.repos.forOrg(user.orgId).organization.findOne();
  if (!org || org.disabled === true) throw badRequest('This link is invalid, expired or already used', 'body.token');
  return { user, org };
}

export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<void> {
  const user = await redeemOneTimeToken(ctx, 'password_reset', token);
  const passwordHash = await hashPassword(ctx.config, password);
  await ctx.repos.forOrg(user.orgId).members.updateOne({ _id: user._id }, { $set: { passwordHash } });
  await voidPasswordResets(ctx, user);
  await revokeUserSessions(ctx, user, 'password_changed');
}
