import type { AppContext } from '../context';
import { defaultTeamSettings } from '../domain/team-settings';
import { conflict } from '../errors';
import type { OrganizationDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { randomToken } from './crypto';
import { hashPassword } from './passwords';

export const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Sign-up: the organization, its owner and the default `Inbox` team. If the owner cannot be
 * created (e-mail taken in a race) the org and team are removed again: no half-made orgs.
 */
export async function createOrganization(
  ctx: AppContext,
  input: { orgName: string; name: string; email: string; password: string; timezone?: string },
): Promise<{ org: OrganizationDoc; user: UserDoc }> {
  const email = normalizeEmail(input.email);
  if (await ctx.repos.crossOrg.emailTaken(email)) throw conflict('An account with this e-mail already exists', 'body.email');
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(ctx.config, input.password);
  const org = await ctx.repos.crossOrg.createOrganization({
    name: input.orgName.trim(),
    timezone: input.timezone ?? 'UTC',
    widgetKey: `pk_${randomToken(12)}`,
    identitySecret: randomToken(32),
    createdAt: now,
  });
  const repos = ctx.repos.forOrg(org._id);
  try {
    const team = await repos.teams.insert({ name: 'Inbox', isDefault: true, ...defaultTeamSettings(), createdAt: now });
    const user = await repos.members.insert({
      email,
      name: input.name.trim(),
      passwordHash,
      role: 'owner',
      teamIds: [team._id],
      createdAt: now,
    });
    return { org, user };
  } catch (err) {
    await repos.teams.deleteMany();
    await repos.organization.deleteOne({});
    if (isDuplicateKey(err)) throw conflict('An account with this e-mail already exists', 'body.email');
    throw err;
  }
}
