import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { DEMO_OWNER, demoPageOrganization } from '../../services/demo';
import { demoPage } from './page';

export function demoModule(ctx: AppContext) {
  return new Elysia().get(
    '/demo',
    async ({ set }) => {
      // The demo org when there is one; otherwise the oldest org, so /demo still works on installs
      // that switched the demo off but have signed up.
      const { org, isDemo } = await demoPageOrganization(ctx);
      set.headers['content-type'] = 'text/html; charset=utf-8';
      return demoPage({
        publicUrl: ctx.config.publicUrl,
        widgetKey: org?.widgetKey ?? null,
        login: isDemo ? { email: DEMO_OWNER.email, password: DEMO_OWNER.password } : null,
      });
    },
    { detail: { hide: true } },
  );
}
