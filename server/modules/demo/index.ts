import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import type { OrganizationDoc } from '../../db/types';
import { DEMO_OWNER } from '../../services/demo';
import { demoPage } from './page';

export function demoModule(ctx: AppContext) {
  return new Elysia().get(
    '/demo',
    async ({ set }) => {
      // The demo org when there is one; otherwise the oldest org, so /demo still works on installs
      // that switched the demo off but have signed up.
      const demoOwner = await ctx.models.User.findOne({ email: DEMO_OWNER.email }).lean();
      const org = demoOwner
        ? await ctx.models.Organization.findById(demoOwner.orgId).lean<OrganizationDoc>()
        : await ctx.models.Organization.findOne().sort({ createdAt: 1 }).lean<OrganizationDoc>();
      set.headers['content-type'] = 'text/html; charset=utf-8';
      return demoPage({
        publicUrl: ctx.config.publicUrl,
        widgetKey: org?.widgetKey ?? null,
        login: demoOwner ? { email: DEMO_OWNER.email, password: DEMO_OWNER.password } : null,
      });
    },
    { detail: { hide: true } },
  );
}
