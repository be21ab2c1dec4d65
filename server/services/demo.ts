// The installation's demo organization and its public /demo page.
//
// The demo owner's password is generated per installation (never a fixed string that would
// open every install that forgot to switch the demo off). Where it is kept, and why:
// - on the account, hashed like every password (argon2id) — that is what signs in;
// - in clear text on the organization (`demo.password`) only while /demo is on, because the page
//   shows it to anyone who opens it: while it is published it is no secret, and the start log
//   prints it from there on every start. Switching the page off deletes the clear text and
//   replaces the password of every account that still has the published one (it has been public),
//   so nothing that /demo ever showed keeps working afterwards.
// `demo.pageOn` is stored, so a restart never switches a page back on that its owner switched off.
import type { DemoPageDto } from '../../shared/contract/demo';
import type { AppContext } from '../context';
import type { OrganizationDoc, UserDoc } from '../db/types';
import { canManageOrg } from '../domain/permissions';
import { forbidden, notFound } from '../errors';
import { actorOf } from './access';
import { randomToken } from './crypto';
import { createOrganization } from './organizations';
import { hashPassword, verifyPassword } from './passwords';
import { revokeUserSessions, type AgentAuth } from './sessions';

export const DEMO_OWNER = { email: 'admin@demo.phoenix.chat', name: 'Demo Admin' } as const;
const DEMO_DOMAIN = '@demo.phoenix.chat';

/**
 * The fixed password demo accounts had before passwords were generated. Kept only to find and
 * replace it on installs made back then (see `ensureDemoOrganization`); never given out.
 */
const LEGACY_DEMO_PASSWORD = 'phoenix-demo';

/** 96 random bits, URL-safe: easy to copy from the page, impossible to guess. */
export const newDemoPassword = (): string => randomToken(12);

/** The demo organization and its owner, found through the owner's e-mail, if this install has one. */
async function demoOwnerAndOrg(ctx: AppContext): Promise<{ owner: UserDoc; org: OrganizationDoc } | null> {
  const owner = await ctx.repos.crossOrg.userByEmail(DEMO_OWNER.email);
  if (!owner) return null;
  const org = await ctx.repos.forOrg(owner.orgId).organization.findOne();
  return org ? { owner, org } : null;
}

export async function demoOrganization(ctx: AppContext): Promise<OrganizationDoc | null> {
  return (await demoOwnerAndOrg(ctx))?.org ?? null;
}

// Checking the published password against the account costs an argon2 verify: remembered per
// (hash, password), so /demo stays cheap and still stops showing a password the owner changed.
const stillValid = new Map<string, boolean>();
async function publishedPasswordWorks(owner: UserDoc, password: string): Promise<boolean> {
  const key = `${owner.passwordHash}\n${password}`;
  let ok = stillValid.get(key);
  if (ok === undefined) {
    ok = await verifyPassword(password, owner.passwordHash);
    if (stillValid.size > 100) stillValid.clear();
    stillValid.set(key, ok);
  }
  return ok;
}

export type DemoPageState =
  /** The demo organization switched its page off: /demo is a 404. */
  | { kind: 'off' }
  /** What /demo embeds, and the login it shows (null: none to show). */
  | { kind: 'on'; org: OrganizationDoc | null; login: { email: string; password: string } | null };

/**
 * What /demo shows: the demo organization with its login while its page is on; a 404 once its
 * owner switched it off; without a demo organization the oldest one's widget (installs that
 * never had the demo but signed up), never with a login.
 */
export async function demoPageState(ctx: AppContext): Promise<DemoPageState> {
  const demo = await demoOwnerAndOrg(ctx);
  if (!demo) return { kind: 'on', org: await ctx.repos.crossOrg.oldestOrganization(), login: null };
  if (demo.org.demo?.pageOn === false) return { kind: 'off' };
  const password = demo.org.demo?.password ?? null;
  const login = password !== null && (await publishedPasswordWorks(demo.owner, password)) ? { email: demo.owner.email, password } : null;
  return { kind: 'on', org: demo.org, login };
}

async function setDemoState(ctx: AppContext, orgId: OrganizationDoc['_id'], demo: { pageOn: boolean; password: string | null }): Promise<OrganizationDoc | null> {
  return ctx.repos.forOrg(orgId).organization.findOneAndUpdate({}, { $set: { demo } });
}

/**
 * The demo accounts (owner and seeded agents, all @demo.phoenix.chat) whose password is
 * `password`. One argon2 verify each, so only those: members invited later chose their own.
 */
async function demoAccountsWithPassword(ctx: AppContext, orgId: OrganizationDoc['_id'], password: string): Promise<UserDoc[]> {
  const members = await ctx.repos.forOrg(orgId).members.find<UserDoc>({});
  const hits: UserDoc[] = [];
  for (const member of members) {
    if (member.email.endsWith(DEMO_DOMAIN) && (await verifyPassword(password, member.passwordHash))) hits.push(member);
  }
  return hits;
}

/** Gives `users` a new password, ending their sessions (but the caller's own). */
async function replacePassword(ctx: AppContext, users: UserDoc[], password: string, keepSessionHash?: string): Promise<void> {
  if (users.length === 0) return;
  const passwordHash = await hashPassword(ctx.config, password);
  for (const user of users) {
    await ctx.repos.forOrg(user.orgId).members.updateOne({ _id: user._id }, { $set: { passwordHash } });
    await revokeUserSessions(ctx, user, 'password_changed', keepSessionHash);
  }
}

/**
 * At start with PHOENIX_DEMO on: creates the demo organization on a fresh install, with a
 * generated password, and prints the login (on every start while the page is on, so the
 * operator finds it in the log). A page its owner switched off stays off.
 */
export async function ensureDemoOrganization(ctx: AppContext): Promise<OrganizationDoc> {
  const existing = await demoOwnerAndOrg(ctx);
  if (!existing) {
    const password = newDemoPassword();
    const { org } = await createOrganization(ctx, { orgName: 'Demo Company', ...DEMO_OWNER, password });
    const created = (await setDemoState(ctx, org._id, { pageOn: true, password })) ?? org;
    ctx.log.info('demo organization created', { page: `${ctx.config.publicUrl}/demo`, login: DEMO_OWNER.email, password });
    return created;
  }
  let { org } = existing;
  if (org.demo == null) {
    // Made before passwords were generated: the accounts that still have the old fixed
    // password get a generated one.
    const password = newDemoPassword();
    const legacy = await demoAccountsWithPassword(ctx, org._id, LEGACY_DEMO_PASSWORD);
    await replacePassword(ctx, legacy, password);
    const ownerReplaced = legacy.some((u) => u._id.equals(existing.owner._id));
    org = (await setDemoState(ctx, org._id, { pageOn: true, password: ownerReplaced ? password : null })) ?? org;
    if (legacy.length > 0) ctx.log.warn('demo password replaced: the fixed one no longer signs in', { accounts: legacy.map((u) => u.email) });
  }
  if (org.demo?.pageOn === false) {
    ctx.log.info('demo page is off (switched off in the console: Integrations)');
  } else if (org.demo?.password) {
    ctx.log.info('demo organization', { page: `${ctx.config.publicUrl}/demo`, login: DEMO_OWNER.email, password: org.demo.password });
  }
  return org;
}

function pageDto(org: OrganizationDoc, isDemo: boolean, password: string | null): DemoPageDto {
  if (!isDemo) return { isDemo: false, enabled: false, login: null, password: null };
  return { isDemo: true, enabled: org.demo?.pageOn !== false, login: DEMO_OWNER.email, password };
}

const isDemoOrg = async (ctx: AppContext, org: OrganizationDoc): Promise<boolean> =>
  (await demoOrganization(ctx))?._id.equals(org._id) ?? false;

/** The console's view of the switch (admins of any organization; only the demo one has one). */
export async function demoPageSettings(ctx: AppContext, auth: AgentAuth): Promise<DemoPageDto> {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can see the demo page settings');
  const isDemo = await isDemoOrg(ctx, auth.org);
  return pageDto(auth.org, isDemo, auth.org.demo?.pageOn === false ? null : (auth.org.demo?.password ?? null));
}

/**
 * The owner switches /demo off (the published password is deleted and stops working: the
 * accounts that had it get a new one, returned this once) or on again (the demo owner account
 * gets a new generated password, which the page then shows).
 */
export async function setDemoPage(ctx: AppContext, auth: AgentAuth, enabled: boolean): Promise<DemoPageDto> {
  if (auth.user.role !== 'owner') throw forbidden('Only an owner can switch the demo page');
  const demo = await demoOwnerAndOrg(ctx);
  if (!demo || !demo.org._id.equals(auth.org._id)) throw notFound('Demo page');
  const wasOn = demo.org.demo?.pageOn !== false;
  if (enabled === wasOn) return pageDto(demo.org, true, enabled ? (demo.org.demo?.password ?? null) : null);
  const password = newDemoPassword();
  if (enabled) {
    await replacePassword(ctx, [demo.owner], password, auth.sessionHash);
    const org = await setDemoState(ctx, demo.org._id, { pageOn: true, password });
    ctx.log.info('demo page switched on', { by: auth.user.email });
    return pageDto(org ?? demo.org, true, password);
  }
  const published = demo.org.demo?.password ?? null;
  const holders = published === null ? [] : await demoAccountsWithPassword(ctx, demo.org._id, published);
  await replacePassword(ctx, holders, password, auth.sessionHash);
  const org = await setDemoState(ctx, demo.org._id, { pageOn: false, password: null });
  ctx.log.info('demo page switched off', { by: auth.user.email, passwordsReplaced: holders.length });
  return pageDto(org ?? demo.org, true, holders.length > 0 ? password : null);
}
