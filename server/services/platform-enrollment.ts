// Enrollment by the bot platform (issue 16, DESIGN §6): one platform credential creates or
// updates a whole organization — its owner and members with the password hashes the platform
// already stores, teams by name, the API key and the webhook — keyed by the platform's account id.
//
// Decisions:
// - Idempotent on the external account id: enrolling again with the same body changes nothing
//   (same ids, no duplicate members, no new key, no new webhook secret). The unique index on
//   `externalAccountId` decides between two racing first enrollments.
// - Imported accounts are separate from then on (the product overview): a member that exists is
//   matched by e-mail and its password is never touched again; only name, role and teams follow
//   the platform. New members get the hash as sent (bcrypt or argon2; Bun.password.verify checks
//   both); no plain password ever crosses this API.
// - An e-mail can only be imported into one organization: an address of another organization's
//   member is a 409 on that field, never a move — one external account cannot reach another's
//   people. Everything in the body is checked before the first write.
// - New members without teams join the default team, so chats handed off without a team reach
//   agents with no per-flow setup.
import { ObjectId } from '../db/ids';
import type { PlatformEnrollDto, PlatformEnrollInput, PlatformMemberDto, PlatformMemberInput, PlatformOrgDto } from '../../shared/contract/platform';
import type { Role } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { IMPORTED_HASH_FORMATS, importedHashKind } from '../domain/imported-password-hash';
import { isValidTimeZone } from '../domain/schedule';
import { defaultTeamSettings } from '../domain/team-settings';
import { badRequest, conflict, notFound } from '../errors';
import type { OrganizationDoc, TeamDoc, UserDoc } from '../db/types';
import { createApiKey } from './api-keys';
import { randomToken } from './crypto';
import { isDuplicateKey, normalizeEmail } from './organizations';
import { revokeUserSessions, type AgentAuth } from './sessions';

const ENROLLMENT_KEY_NAME = 'Bot platform (enrollment)';

/**
 * The organization's webhook, as server/webhooks manages it; handed in by the route module
 * (services do not import webhooks: webhooks import services).
 */
export interface WebhookPort {
  /** The URL as it would be stored, or why it is refused (private address, bad scheme…). */
  check(url: string): Promise<{ ok: true; url: string } | { ok: false; reason: string }>;
  /** Sets the URL and/or rotates the secret; `secret` only when it was generated now. */
  change(org: OrganizationDoc, patch: { url?: string | null; rotateSecret?: boolean }): Promise<{ url: string | null; hasSecret: boolean; secret?: string }>;
}

interface PreparedMember {
  field: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  /** Team names as given (trimmed, unique ignoring case); undefined: not given. */
  teams: string[] | undefined;
}

/** Checks members without writing: hash formats, duplicates, e-mails of other organizations. */
async function prepareMembers(ctx: AppContext, orgId: ObjectId | null, list: { input: PlatformMemberInput; field: string; role?: Role }[]): Promise<PreparedMember[]> {
  const seen = new Set<string>();
  const out: PreparedMember[] = [];
  for (const { input, field, role } of list) {
    const email = normalizeEmail(input.email);
    if (seen.has(email)) throw badRequest('This e-mail is given twice', `${field}.email`);
    seen.add(email);
    if (importedHashKind(input.passwordHash) === null) throw badRequest(`Must be ${IMPORTED_HASH_FORMATS}`, `${field}.passwordHash`);
    const existing = await ctx.repos.crossOrg.userByEmail(email);
    if (existing && (orgId === null || !existing.orgId.equals(orgId))) {
      throw conflict('An account with this e-mail already exists in another organization', `${field}.email`);
    }
    let teams: string[] | undefined;
    if (input.teams !== undefined) {
      const byKey = new Map<string, string>();
      for (const t of input.teams) if (!byKey.has(t.trim().toLowerCase())) byKey.set(t.trim().toLowerCase(), t.trim());
      teams = [...byKey.values()];
    }
    out.push({ field, email, name: input.name.trim(), passwordHash: input.passwordHash, role: role ?? input.role ?? 'agent', teams });
  }
  return out;
}

async function enrolledOrg(ctx: AppContext, externalAccountId: string): Promise<OrganizationDoc> {
  const org = await ctx.repos.crossOrg.organizationByExternalAccountId(externalAccountId);
  if (!org) throw notFound('Organization');
  return org;
}

/** The organization's teams by lower-cased name, creating the missing ones and the default team. */
async function ensureTeams(ctx: AppContext, orgId: ObjectId, names: string[]): Promise<{ byName: Map<string, TeamDoc>; defaultTeam: TeamDoc }> {
  const teams = ctx.repos.forOrg(orgId).teams;
  let all = await teams.inOrder();
  const insert = async (name: string, isDefault: boolean) => {
    try {
      await teams.insert({ name, isDefault, ...defaultTeamSettings(), createdAt: ctx.clock.now() });
    } catch (err) {
      // A racing enrollment created it first: the re-read below finds it.
      if (!isDuplicateKey(err)) throw err;
    }
  };
  if (!all.some((t) => t.isDefault)) await insert('Inbox', true);
  for (const name of names) {
    if (!all.some((t) => t.name.toLowerCase() === name.toLowerCase())) await insert(name, false);
  }
  all = await teams.inOrder();
  const byName = new Map(all.map((t) => [t.name.toLowerCase(), t]));
  const defaultTeam = all.find((t) => t.isDefault) ?? all[0]!;
  return { byName, defaultTeam };
}

const sameIds = (a: readonly ObjectId[], b: readonly ObjectId[]) =>
  a.length === b.length && a.every((id) => b.some((other) => other.equals(id)));

/** Creates or updates each member; returns them in the order given, with whether each was created. */
async function applyMembers(ctx: AppContext, orgId: ObjectId, members: PreparedMember[]): Promise<{ user: UserDoc; created: boolean }[]> {
  const repos = ctx.repos.forOrg(orgId);
  const wanted = members.flatMap((m) => m.teams ?? []);
  const { byName, defaultTeam } = await ensureTeams(ctx, orgId, wanted);
  const teamIdsOf = (m: PreparedMember) => (m.teams ?? []).map((n) => byName.get(n.toLowerCase())!._id);
  const out: { user: UserDoc; created: boolean }[] = [];
  const changedTeams = new Set<string>();
  for (const m of members) {
    let existing = await repos.members.findOne({ email: m.email });
    if (!existing) {
      const teamIds = m.teams === undefined || m.teams.length === 0 ? [defaultTeam._id] : teamIdsOf(m);
      try {
        const user = await repos.members.insert({ email: m.email, name: m.name, passwordHash: m.passwordHash, role: m.role, teamIds, createdAt: ctx.clock.now() });
        await repos.invitations.revokePendingFor(m.email, ctx.clock.now());
        teamIds.forEach((id) => changedTeams.add(id.toHexString()));
        await ctx.bus.publish({ kind: 'user.changed', orgId: orgId.toString(), userId: user._id.toString() });
        out.push({ user, created: true });
        continue;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // A racing enrollment of this organization imported them first: that account is updated below.
        existing = await repos.members.findOne({ email: m.email });
        if (!existing) throw conflict('An account with this e-mail already exists in another organization', `${m.field}.email`);
      }
    }
    // The password is the member's own now: never set from the platform again.
    const set: Record<string, unknown> = {};
    if (existing.name !== m.name) set.name = m.name;
    if (existing.role !== m.role) {
      if (existing.role === 'owner' && existing.active !== false && (await repos.members.activeOwnerCount()) <= 1) {
        throw conflict('The organization must keep an owner; enroll another owner first', `${m.field}.role`);
      }
      set.role = m.role;
    }
    if (m.teams !== undefined) {
      const teamIds = m.teams.length === 0 ? [defaultTeam._id] : teamIdsOf(m);
      if (!sameIds(teamIds, existing.teamIds ?? [])) {
        set.teamIds = teamIds;
        [...teamIds, ...(existing.teamIds ?? [])].forEach((id) => changedTeams.add(id.toHexString()));
      }
    }
    if (Object.keys(set).length === 0) {
      out.push({ user: existing, created: false });
      continue;
    }
    const updated = (await repos.members.findOneAndUpdate({ _id: existing._id }, { $set: set })) ?? existing;
    await ctx.bus.publish({ kind: 'user.changed', orgId: orgId.toString(), userId: existing._id.toString() });
    out.push({ user: updated, created: false });
  }
  for (const teamId of changedTeams) await ctx.bus.publish({ kind: 'team.changed', orgId: orgId.toString(), teamId });
  return out;
}

async function memberDtos(ctx: AppContext, orgId: ObjectId, rows: { user: UserDoc; created: boolean }[]): Promise<PlatformMemberDto[]> {
  const teams = await ctx.repos.forOrg(orgId).teams.inOrder();
  const names = new Map(teams.map((t) => [t._id.toHexString(), t.name]));
  return rows.map(({ user, created }) => ({
    id: user._id.toString(),
    email: user.email,
    name: user.name,
    role: user.role,
    teams: (user.teamIds ?? []).flatMap((id) => names.get(id.toHexString()) ?? []),
    active: user.active !== false,
    created,
  }));
}

export function platformOrgDto(org: OrganizationDoc): PlatformOrgDto {
  return {
    id: org._id.toString(),
    externalAccountId: org.externalAccountId ?? '',
    name: org.name,
    timezone: org.timezone,
    widgetKey: org.widgetKey,
    disabled: org.disabled === true,
    createdAt: org.createdAt.toISOString(),
  };
}

/** The organization for `externalAccountId`: found, or created (the winner of a race is used). */
async function findOrCreateOrg(ctx: AppContext, externalAccountId: string, input: PlatformEnrollInput): Promise<{ org: OrganizationDoc; created: boolean }> {
  const existing = await ctx.repos.crossOrg.organizationByExternalAccountId(externalAccountId);
  if (existing) return { org: existing, created: false };
  try {
    const org = await ctx.repos.crossOrg.createOrganization({
      name: input.name.trim(),
      timezone: input.timezone ?? 'UTC',
      widgetKey: `pk_${randomToken(12)}`,
      identitySecret: randomToken(32),
      externalAccountId,
      createdAt: ctx.clock.now(),
    });
    return { org, created: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return { org: await enrolledOrg(ctx, externalAccountId), created: false };
  }
}

export async function enrollOrganization(
  ctx: AppContext,
  webhooks: WebhookPort,
  externalAccountId: string,
  input: PlatformEnrollInput,
): Promise<{ result: PlatformEnrollDto; created: boolean }> {
  // ---- checks: nothing is written before all of them pass ----
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) throw badRequest('Must be an IANA time zone such as "Europe/London"', 'body.timezone');
  let webhookUrl: string | null | undefined = input.webhookUrl;
  if (typeof webhookUrl === 'string' && webhookUrl.trim() !== '') {
    const check = await webhooks.check(webhookUrl.trim());
    if (!check.ok) throw badRequest(check.reason, 'body.webhookUrl');
    webhookUrl = check.url;
  } else if (webhookUrl !== undefined) webhookUrl = null;
  const before = await ctx.repos.crossOrg.organizationByExternalAccountId(externalAccountId);
  const members = await prepareMembers(ctx, before?._id ?? null, [
    { input: { ...input.owner, role: 'owner' }, field: 'body.owner', role: 'owner' },
    ...(input.members ?? []).map((m, i) => ({ input: m, field: `body.members[${i}]` })),
  ]);

  // ---- writes ----
  const { org: found, created } = await findOrCreateOrg(ctx, externalAccountId, input);
  const orgRepos = ctx.repos.forOrg(found._id);
  const orgSet: Record<string, unknown> = {};
  if (!created && found.name !== input.name.trim()) orgSet.name = input.name.trim();
  if (!created && input.timezone !== undefined && found.timezone !== input.timezone) orgSet.timezone = input.timezone;
  let org = Object.keys(orgSet).length > 0 ? ((await orgRepos.organization.findOneAndUpdate({}, { $set: orgSet })) ?? found) : found;

  const rows = await applyMembers(ctx, org._id, members);
  const owner = rows[0]!.user;
  const ownerAuth = (): AgentAuth => ({ user: owner, org, sessionHash: '' });

  let apiKey: PlatformEnrollDto['apiKey'] = null;
  if (created || input.rotateApiKey === true || !org.platformApiKeyId) {
    const previous = org.platformApiKeyId ?? null;
    const key = await createApiKey(ctx, ownerAuth(), { name: ENROLLMENT_KEY_NAME });
    // Swapped in only if no racing call swapped first: one enrollment key at a time, the loser's
    // key is revoked at once and that call answers without a key (the winner's answer has it).
    const swapped = await orgRepos.organization.findOneAndUpdate({ platformApiKeyId: previous }, { $set: { platformApiKeyId: new ObjectId(key.id) } });
    if (swapped) {
      org = swapped;
      if (previous) await orgRepos.apiKeys.updateOne({ _id: previous, revokedAt: null }, { $set: { revokedAt: ctx.clock.now() } });
      apiKey = { id: key.id, prefix: key.prefix, key: key.key };
    } else {
      await orgRepos.apiKeys.updateOne({ _id: new ObjectId(key.id) }, { $set: { revokedAt: ctx.clock.now() } });
      org = (await orgRepos.organization.findOne()) ?? org;
    }
  }

  // Read again: a racing first enrollment may have set the webhook meanwhile (narrows, does not
  // close, the window in which two racing calls would each generate a secret).
  org = (await orgRepos.organization.findOne()) ?? org;
  let webhook: PlatformEnrollDto['webhook'] = { url: org.handoff?.webhookUrl ?? null, hasSecret: Boolean(org.handoff?.webhookSecret) };
  const urlChanged = webhookUrl !== undefined && webhookUrl !== (org.handoff?.webhookUrl ?? null);
  if (urlChanged || input.rotateWebhookSecret === true) {
    const updated = await webhooks.change(org, { ...(urlChanged ? { url: webhookUrl } : {}), ...(input.rotateWebhookSecret ? { rotateSecret: true } : {}) });
    webhook = { url: updated.url, hasSecret: updated.hasSecret, ...(updated.secret ? { secret: updated.secret } : {}) };
  }

  return { result: { organization: platformOrgDto(org), created, apiKey, webhook, members: await memberDtos(ctx, org._id, rows) }, created };
}

export async function upsertPlatformMembers(ctx: AppContext, externalAccountId: string, input: PlatformMemberInput[]): Promise<PlatformMemberDto[]> {
  const org = await enrolledOrg(ctx, externalAccountId);
  const members = await prepareMembers(ctx, org._id, input.map((m, i) => ({ input: m, field: `body.members[${i}]` })));
  return memberDtos(ctx, org._id, await applyMembers(ctx, org._id, members));
}

export async function platformOrganization(ctx: AppContext, externalAccountId: string): Promise<PlatformOrgDto> {
  return platformOrgDto(await enrolledOrg(ctx, externalAccountId));
}

/**
 * Disabling stops the organization at once: its sessions end (sockets close), and from then on
 * its API keys, sign-ins and new widget chats are refused (api-keys, auth, sessions, widget check
 * the flag). Nothing is deleted, so enabling again restores everything.
 */
export async function setOrganizationDisabled(ctx: AppContext, externalAccountId: string, disabled: boolean): Promise<PlatformOrgDto> {
  const org = await enrolledOrg(ctx, externalAccountId);
  const repos = ctx.repos.forOrg(org._id);
  const updated = (await repos.organization.findOneAndUpdate({}, { $set: { disabled } })) ?? org;
  if (disabled) {
    const members = await repos.members.find<Pick<UserDoc, '_id' | 'orgId'>>({}, { projection: { _id: 1, orgId: 1 } });
    for (const m of members) await revokeUserSessions(ctx, m, 'deactivated');
  }
  return platformOrgDto(updated);
}
