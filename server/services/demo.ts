import type { AppContext } from '../context';
import type { OrganizationDoc } from '../db/types';
import { createOrganization } from './organizations';

export const DEMO_OWNER = { email: 'admin@demo.phoenix.chat', password: 'phoenix-demo', name: 'Demo Admin' } as const;

/**
 * A fresh install has no organization, so `/demo` would have no widget to show. With
 * PHOENIX_DEMO on (the default outside tests) one demo organization is created on first start.
 */
export async function ensureDemoOrganization(ctx: AppContext): Promise<OrganizationDoc> {
  const owner = await ctx.models.User.findOne({ email: DEMO_OWNER.email }).lean();
  if (owner) {
    const org = await ctx.models.Organization.findById(owner.orgId).lean<OrganizationDoc>();
    if (org) return org;
  }
  const { org } = await createOrganization(ctx, { orgName: 'Demo Company', ...DEMO_OWNER });
  ctx.log.info('demo organization created', { login: DEMO_OWNER.email, password: DEMO_OWNER.password });
  return org;
}
