// Organization API keys: created by admins in the console, used by the bot platform as
// `Authorization: Bearer <key>` on /api/v1. The key is shown once; the database keeps its
// SHA-256, so a leaked database does not leak usable keys.
//
// Decisions:
// - Optional request signing uses the key itself as the HMAC secret: the server has the
//   plaintext at verification time (it arrives in the Authorization header) without storing it.
//   What signing adds is integrity, freshness (300 s) and replay refusal.
// - A key acts for the organization (automation). Actions that need a person's rights
//   (inviting or creating members, login links for owners) use its creator's current rights.
// - Revoked keys stay in the database (audit) but never authenticate and are not listed.
// - Scopes (server/domain/api-scopes.ts) narrow what a key reaches; they never widen it: the
//   creator's current rights still bound member-level actions. Keys from before scopes have all.
// - Signed requests sign method, path with query, timestamp and body (signature.ts), so each
//   signature fits one request; the first use of a signature wins and any repeat is a replay.
import type { ObjectId } from '../db/ids';
import { API_KEY_LIMITS, type ApiKeyDto, type CreatedApiKeyDto } from '../../shared/types/integrations';
import type { AppContext } from '../context';
import { canManageOrg } from '../domain/permissions';
import { AppError, conflict, forbidden, notFound, rateLimited, unauthenticated } from '../errors';
import type { ApiKeyDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import { API_KEY_SCOPES, scopeForPath, scopesOf, type ApiKeyScope } from '../domain/api-scopes';
import { checkRequestSignature, timestampMs, SIGNATURE_WINDOW_SECONDS, type SignatureProblem } from './signature';
import { actorOf, objectId } from './access';
import { randomToken, sha256 } from './crypto';
import { isDuplicateKey } from './organizations';
import type { AgentAuth } from './sessions';

export { API_KEY_LIMITS };
const KEY_PREFIX = 'phx_';
/** How many leading characters of a key are kept in clear to recognise it. */
const VISIBLE_CHARS = 12;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiAuth {
  key: ApiKeyDoc;
  org: OrganizationDoc;
}

function requireAdmin(auth: AgentAuth): void {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can manage API keys');
}

function toDto(key: ApiKeyDoc, creatorName: string | null): ApiKeyDto {
  return {
    id: key._id.toString(),
    name: key.name,
    prefix: key.prefix,
    signatureRequired: key.signatureRequired ?? false,
    rateLimitPerMinute: key.rateLimitPerMinute,
    scopes: scopesOf(key),
    createdAt: key.createdAt.toISOString(),
    createdBy: { id: key.createdBy.toString(), name: creatorName },
    lastUsedAt: key.lastUsedAt ? key.lastUsedAt.toISOString() : null,
  };
}

export async function createApiKey(
  ctx: AppContext,
  auth: AgentAuth,
  input: { name: string; signatureRequired?: boolean; rateLimitPerMinute?: number; scopes?: readonly ApiKeyScope[] },
): Promise<CreatedApiKeyDto> {
  requireAdmin(auth);
  const orgId = auth.org._id;
  const name = input.name.trim();
  if (name === '') throw new AppError('VALIDATION', 'body.name: must not be blank', 'body.name');
  const apiKeys = ctx.repos.forOrg(orgId).apiKeys;
  if ((await apiKeys.count({ revokedAt: null })) >= API_KEY_LIMITS.perOrg) {
    throw conflict(`An organization can have at most ${API_KEY_LIMITS.perOrg} active API keys; revoke one first`);
  }
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  try {
    const created = await apiKeys.insert({
      name,
      prefix: key.slice(0, VISIBLE_CHARS),
      keyHash: sha256(key),
      signatureRequired: input.signatureRequired ?? false,
      rateLimitPerMinute: input.rateLimitPerMinute ?? API_KEY_LIMITS.defaultRatePerMinute,
      // Stored in the canonical order, each once; absent means every scope.
      scopes: API_KEY_SCOPES.filter((scope) => (input.scopes ?? API_KEY_SCOPES).includes(scope)),
      createdBy: auth.user._id,
      createdAt: ctx.clock.now(),
    });
    return { ...toDto(created, auth.user.name), key };
  } catch (err) {
    // 256 random bits do not collide; a duplicate here is a bug worth a 500, not a retry loop.
    if (isDuplicateKey(err)) throw new AppError('INTERNAL', 'Could not create a unique key');
    throw err;
  }
}

export async function listApiKeys(ctx: AppContext, auth: AgentAuth): Promise<ApiKeyDto[]> {
  requireAdmin(auth);
  const repos = ctx.repos.forOrg(auth.org._id);
  const keys = await repos.apiKeys.find({ revokedAt: null }, { sort: { createdAt: -1 } });
  const names = await repos.members.namesById(keys.map((k) => k.createdBy));
  return keys.map((k) => toDto(k, names.get(k.createdBy.toString()) ?? null));
}

export async function revokeApiKey(ctx: AppContext, auth: AgentAuth, id: string): Promise<void> {
  requireAdmin(auth);
  const res = await ctx.repos.forOrg(auth.org._id).apiKeys.updateOne(
    { _id: objectId(id, 'API key'), revokedAt: null },
    { $set: { revokedAt: ctx.clock.now() } },
  );
  if (res.matchedCount === 0) throw notFound('API key');
}

const SIGNATURE_MESSAGES: Record<SignatureProblem, string> = {
  malformed_timestamp: 'X-Phoenix-Timestamp must be Unix time in seconds (or milliseconds)',
  stale_timestamp: `X-Phoenix-Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} seconds from the server's clock`,
  malformed_signature: 'X-Phoenix-Signature must be the hex HMAC-SHA256 of "METHOD\\nPATH?QUERY\\nTIMESTAMP\\nBODY"',
  bad_signature: 'The request signature does not match',
};

/** The per-key request budget, as the X-RateLimit-* headers report it. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window ends. */
  resetAt: number;
}

export interface ApiRequestFacts {
  method: string;
  /** pathname + search of the request URL, as signed (signature.ts). */
  pathWithQuery: string;
  authorization: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  /** The exact body received; null when it was too large to read (refused after this check). */
  rawBody: string | null;
  ip: string;
  /** Told the key's budget once the key is known, before any refusal past the limit. */
  onRateLimit?: (state: RateLimitState) => void;
}

/**
 * Authenticates one /api/v1 request: the key, its rate limit, and the signature when one is
 * sent or the key requires it. Every refusal is a 401 (429 past the limits) before any input
 * is looked at, so nothing about the request's content leaks to an unauthenticated caller.
 */
export async function authenticateApiRequest(ctx: AppContext, req: ApiRequestFacts): Promise<ApiAuth> {
  const refuse = (message: string): never => {
    // Counted per address so guessing keys or signatures is slowed down, not just refused.
    ctx.limiter.hit(`api-auth-fail:${req.ip}`, 60, 60_000);
    throw unauthenticated(message);
  };
  const match = /^Bearer\s+(\S{1,200})$/i.exec(req.authorization?.trim() ?? '');
  if (!match) return refuse('Send the API key as "Authorization: Bearer <key>"');
  const secret = match[1]!;
  const key = await ctx.repos.crossOrg.activeApiKeyByHash(sha256(secret));
  if (!key) return refuse('Invalid or revoked API key');
  const org = await ctx.repos.forOrg(key.orgId).organization.findOne();
  if (!org) return refuse('Invalid or revoked API key');
  // Disabled by the bot platform (platform-enrollment.ts): every key stops until it is enabled.
  if (org.disabled === true) return refuse('This organization is disabled');
  // A key borrows its creator's standing: once that member is gone or deactivated nothing they
  // issued may keep acting (minting logins, provisioning members), so the key stops at once.
  const creator = await ctx.repos.forOrg(key.orgId).members.findById(key.createdBy);
  if (!creator || creator.active === false) return refuse('The member who created this API key is no longer active; create a new key');

  const usage = ctx.limiter.meter(`api-key:${key._id.toString()}`, 60_000);
  req.onRateLimit?.({ limit: key.rateLimitPerMinute, remaining: Math.max(0, key.rateLimitPerMinute - usage.count), resetAt: Math.ceil(usage.resetAtMs / 1000) });
  if (usage.count > key.rateLimitPerMinute) throw rateLimited(Math.max(1, Math.ceil((usage.resetAtMs - ctx.clock.now().getTime()) / 1000)));

  const signed = req.timestamp !== undefined || req.signature !== undefined;
  if (key.signatureRequired && !signed) return refuse('This API key requires signed requests (X-Phoenix-Timestamp and X-Phoenix-Signature)');
  if (signed && req.rawBody !== null) {
    if (req.timestamp === undefined || req.signature === undefined) return refuse('Send both X-Phoenix-Timestamp and X-Phoenix-Signature');
    const now = ctx.clock.now().getTime();
    const problem = checkRequestSignature(secret, {
      method: req.method,
      pathWithQuery: req.pathWithQuery,
      timestamp: req.timestamp,
      signature: req.signature,
      rawBody: req.rawBody,
      nowMs: now,
    });
    if (problem !== null) return refuse(SIGNATURE_MESSAGES[problem]);
    await rememberSignature(ctx, key._id, req.signature, timestampMs(req.timestamp)!, refuse);
  }

  await ctx.repos.forOrg(key.orgId).apiKeys.updateOne(
    { _id: key._id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(ctx.clock.now().getTime() - LAST_USED_RESOLUTION_MS) } }] },
    { $set: { lastUsedAt: ctx.clock.now() } },
  );
  return { key, org };
}

/** Refuses a request whose route needs a scope the key lacks (or that no scope covers). */
export function requireScope(auth: ApiAuth, pathname: string): void {
  const needed = scopeForPath(pathname);
  if (needed === null) throw new AppError('SCOPE_MISSING', 'No API key scope covers this route', undefined, { scope: null });
  if (!scopesOf(auth.key).includes(needed)) {
    throw new AppError('SCOPE_MISSING', `This API key lacks the scope "${needed}"; create a key with it`, undefined, { scope: needed });
  }
}

/** First use of a signature wins (unique index); any later use inside the window is a replay. */
async function rememberSignature(ctx: AppContext, keyId: ObjectId, signature: string, signedAtMs: number, refuse: (m: string) => never): Promise<void> {
  const hex = (signature.startsWith('sha256=') ? signature.slice(7) : signature).toLowerCase();
  try {
    await ctx.repos.crossOrg.rememberSignature({
      keyId,
      signature: hex,
      // Kept a minute past the window so clock skew between instances cannot reopen it.
      expiresAt: new Date(signedAtMs + (SIGNATURE_WINDOW_SECONDS + 60) * 1000),
    });
  } catch (err) {
    if (isDuplicateKey(err)) refuse('This signature has already been used; sign each request with a fresh timestamp');
    throw err;
  }
}

/**
 * The member whose rights a key borrows for member-level actions. Refused when that member can
 * no longer manage the organization (left, deactivated, demoted): a new key is needed.
 */
export async function keyCreator(ctx: AppContext, auth: ApiAuth): Promise<AgentAuth> {
  const user = await ctx.repos.forOrg(auth.org._id).members.findById(auth.key.createdBy);
  if (!user || !canManageOrg(actorOf(user))) {
    throw forbidden('The member who created this API key can no longer manage members; create a new key');
  }
  return { user, org: auth.org, sessionHash: '' };
}
