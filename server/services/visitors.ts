// Widget visitors: a server-issued token (256 random bits, stored hashed) identifies a contact.
// With a valid identity hash the visitor is linked to the customer's own user id; a wrong hash
// gets an anonymous contact and never sees anyone else's history.
// Tokens expire when unused for VISITOR_TOKEN_TTL_DAYS (sliding: each use renews them), and an
// identification issues a new token and voids the old one, so a token copied from a page before
// the user signed in cannot read the signed-in user's conversations.
import { ObjectId } from '../db/ids';
import { widgetLocaleOf } from './widget-texts';
import type { AppContext } from '../context';
import { AppError, notFound, unauthenticated } from '../errors';
import { VISITOR_ERROR_REASONS } from '../../shared/protocol/messages';
import type { ChatDoc } from '../db/types';
import type { ContactDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import { randomToken, hmacSha256Hex, safeEqual, sha256 } from './crypto';
import { isDuplicateKey } from './organizations';

export interface VisitorAuth {
  org: OrganizationDoc;
  contact: ContactDoc;
  tokenHash: string;
  identified: boolean;
}

/** What a visitor token resolves to: the visitor, an expired token, or nothing (unknown, rotated away, blocked). */
export type VisitorLookup = VisitorAuth | 'expired' | null;

const DAY_MS = 86_400_000;
/** A session's `lastUsedAt` is written at most this often: a renewal per request would be a write per message. */
const RENEW_EVERY_MS = 3_600_000;

const tokenTtlMs = (ctx: AppContext) => ctx.config.visitors.tokenTtlDays * DAY_MS;
const isExpired = (ctx: AppContext, lastUsedAt: Date, now: Date) => now.getTime() - lastUsedAt.getTime() >= tokenTtlMs(ctx);

/** 409 for acting on an ended chat, with the reason the widget switches on. */
export const chatEnded = () => new AppError('CONFLICT', 'This chat has ended; start a new one', undefined, { reason: VISITOR_ERROR_REASONS.chatAlreadyEnded });

export interface VisitorInfoInput {
  pageUrl?: string | null;
  referrer?: string | null;
  browser?: string | null;
  language?: string | null;
  /** The widget's chosen language; stored as contact.locale (base language) when we have it. */
  locale?: string | null;
}

export async function orgByWidgetKey(ctx: AppContext, key: string): Promise<OrganizationDoc> {
  const org = await ctx.repos.crossOrg.organizationByWidgetKey(key);
  if (!org) throw notFound('Organization');
  return org;
}

export function identityHashValid(org: OrganizationDoc, userId: string, hash: string): boolean {
  return safeEqual(hmacSha256Hex(org.identitySecret, userId), hash.toLowerCase());
}

function visitorSet(info: VisitorInfoInput | undefined): Record<string, string> {
  const set: Record<string, string> = {};
  if (info?.pageUrl) set['visitor.pageUrl'] = info.pageUrl;
  if (info?.referrer) set['visitor.referrer'] = info.referrer;
  if (info?.browser) set['visitor.browser'] = info.browser;
  if (info?.language) set['visitor.language'] = info.language;
  const locale = widgetLocaleOf(info?.locale);
  if (locale) set.locale = locale;
  return set;
}

async function identifiedContact(ctx: AppContext, org: OrganizationDoc, userId: string, info: VisitorInfoInput | undefined): Promise<ContactDoc> {
  const now = ctx.clock.now();
  const contacts = ctx.repos.forOrg(org._id).contacts;
  const filter = { 'externalIds.userId': userId };
  const update = {
    $set: { lastSeenAt: now, ...visitorSet(info) },
    $setOnInsert: { 'externalIds.userId': userId, firstSeenAt: now, searchText: userId.toLowerCase() },
  };
  try {
    return (await contacts.findOneAndUpdate(filter, update, { upsert: true }))!;
  } catch (err) {
    // Two first visits at once: the unique index let one upsert win; read its contact.
    if (!isDuplicateKey(err)) throw err;
    return (await contacts.findOne(filter))!;
  }
}

/**
 * Starts or resumes a visitor session. A known token of this org is kept (same chat after a
 * reload); identity, when valid, switches the session to the identified contact.
 */
export async function openVisitorSession(
  ctx: AppContext,
  input: { org: OrganizationDoc; token?: string; userId?: string; userHash?: string; visitor?: VisitorInfoInput },
): Promise<{ token: string; contact: ContactDoc; identified: boolean }> {
  const now = ctx.clock.now();
  const identify = input.userId !== undefined && input.userHash !== undefined && identityHashValid(input.org, input.userId, input.userHash);

  const repos = ctx.repos.forOrg(input.org._id);
  if (input.token) {
    const existing = await repos.visitorSessions.findOne({ tokenHash: sha256(input.token) });
    if (existing && isExpired(ctx, existing.lastUsedAt, now)) {
      // Unused too long: it is gone, and whoever holds it starts over as a new visitor.
      await repos.visitorSessions.deleteOne({ _id: existing._id });
    } else if (existing) {
      const contact = identify
        ? await identifiedContact(ctx, input.org, input.userId!, input.visitor)
        : await repos.contacts.findOneAndUpdate({ _id: existing.contactId }, { $set: { lastSeenAt: now, ...visitorSet(input.visitor) } });
      // A token that belonged to an identified user never falls back to anonymous with their history.
      if (contact && (identify || !existing.identified)) {
        // Identification (anonymous → user, or another user) rotates the token: the old one stops
        // working at once. Resuming as the same identified user keeps it (every page load does that).
        const sameUser = existing.identified && existing.contactId.equals(contact._id);
        if (identify && !sameUser) {
          await repos.visitorSessions.deleteOne({ _id: existing._id });
          return { token: await newSession(ctx, input.org, contact, true), contact, identified: true };
        }
        await repos.visitorSessions.updateOne({ _id: existing._id }, { $set: { contactId: contact._id, identified: identify, lastUsedAt: now } });
        return { token: input.token, contact, identified: identify };
      }
    }
  }

  const contact = identify
    ? await identifiedContact(ctx, input.org, input.userId!, input.visitor)
    : await repos.contacts.insert({
        firstSeenAt: now,
        lastSeenAt: now,
        visitor: { pageUrl: input.visitor?.pageUrl ?? null, referrer: input.visitor?.referrer ?? null, browser: input.visitor?.browser ?? null, language: input.visitor?.language ?? null },
        locale: widgetLocaleOf(input.visitor?.locale),
      });
  return { token: await newSession(ctx, input.org, contact, identify), contact, identified: identify };
}

async function newSession(ctx: AppContext, org: OrganizationDoc, contact: ContactDoc, identified: boolean): Promise<string> {
  const now = ctx.clock.now();
  const token = `vt_${randomToken(32)}`;
  await ctx.repos.forOrg(org._id).visitorSessions.insert({ tokenHash: sha256(token), contactId: contact._id, identified, createdAt: now, lastUsedAt: now });
  return token;
}

/**
 * The visitor a token belongs to; 'expired' for a token unused past its lifetime (the caller
 * answers 401 with VISITOR_ERROR_REASONS.tokenExpired). Using a token renews it.
 */
export async function resolveVisitor(ctx: AppContext, token: unknown): Promise<VisitorLookup> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const tokenHash = sha256(token);
  const session = await ctx.repos.crossOrg.visitorSessionByTokenHash(tokenHash);
  if (!session) return null;
  const now = ctx.clock.now();
  if (isExpired(ctx, session.lastUsedAt, now)) return 'expired';
  const repos = ctx.repos.forOrg(session.orgId);
  const [org, contact] = await Promise.all([repos.organization.findOne(), repos.contacts.findById(session.contactId)]);
  if (!org || !contact || contact.status === 'blocked') return null;
  if (now.getTime() - session.lastUsedAt.getTime() >= RENEW_EVERY_MS) await repos.visitorSessions.updateOne({ _id: session._id }, { $set: { lastUsedAt: now } });
  return { org, contact, tokenHash, identified: session.identified ?? false };
}

export const tokenExpired = () =>
  new AppError('UNAUTHENTICATED', 'This visitor session has expired; start a new one', undefined, { reason: VISITOR_ERROR_REASONS.tokenExpired });

export function requireVisitor(visitor: VisitorLookup): VisitorAuth {
  if (visitor === 'expired') throw tokenExpired();
  if (!visitor) throw unauthenticated('Start a widget session first');
  return visitor;
}

/** A chat of this visitor's contact; anyone else's chat is "not found". */
export const ownerOf = (visitor: VisitorAuth) => ({ orgId: visitor.org._id.toString(), contactId: visitor.contact._id.toString() });

export async function visitorChat(ctx: AppContext, owner: { orgId: string; contactId: string }, chatId: string): Promise<ChatDoc> {
  if (!/^[0-9a-fA-F]{24}$/.test(chatId)) throw notFound('Chat');
  const chat = await ctx.repos.forOrg(new ObjectId(owner.orgId)).chats.findOne({ _id: new ObjectId(chatId), contactId: new ObjectId(owner.contactId) });
  if (!chat) throw notFound('Chat');
  return chat;
}
