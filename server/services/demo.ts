import type { AppContext } from '../context';
import type { OrganizationDoc } from '../db/types';
import { createOrganization } from './organizations';

export const DEMO_OWNER = { email: 'admin@demo.phoenix.chat', password: 'phoenix-demo', name: 'Demo Admin' } as const;

/**
 * A fresh install has no organization, so `/demo` would have no widget to show. With
 * PHOENIX_DEMO on (the default outside tests) one demo organization is created on first start.
 */
/** The demo organization, found through its owner's e-mail, if this install has one. */
export async function demoOrganization(ctx: AppContext): Promise<OrganizationDoc | null> {
  const owner = await ctx.repos.crossOrg.userByEmail(DEMO_OWNER.email);
  return owner ? ctx.repos.forOrg(owner.orgId).organization.findOne() : null;
}

/** What /demo embeds: the demo organization, else the oldest one (demo off but signed up). */
export async function demoPageOrganization(ctx: AppContext): Promise<{ org: OrganizationDoc | null; isDemo: boolean }> {
  const demo = await demoOrganization(ctx);
  return demo ? { org: demo, isDemo: true } : { org: await ctx.repos.crossOrg.oldestOrganization(), isDemo: false };
}

export async function ensureDemoOrganization(ctx: AppContext): Promise<OrganizationDoc> {
  const existing = await demoOrganization(ctx);
  if (existing) return existing;
  const { org } = await createOrganization(ctx, { orgName: 'Demo Company', ...DEMO_OWNER });
  ctx.log.info('demo organization created', { login: DEMO_OWNER.email, password: DEMO_OWNER.password });
  return org;
}
