import { Elysia } from 'elysia';
import { demoPageBody, demoResponses } from '../../../shared/contract/demo';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { demoPageSettings, demoPageState, setDemoPage } from '../../services/demo';
import { DEMO_STYLE, demoOffPage, demoPage } from './page';

const STYLE_PATH = '/demo/demo.css';

export function demoModule(ctx: AppContext) {
  // The page is a customer's site with the snippet in it. It runs under our pages' policy
  // (security-headers.ts), which is what widget/README.md asks customers to allow, with the
  // widget host being this host. no-store: a switched-off page must not live on in a cache.
  const html = (body: string, status = 200) =>
    new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  return new Elysia()
    .get(
      '/demo',
      async () => {
        const state = await demoPageState(ctx);
        // Switched off by the demo organization's owner: nothing of the demo is shown.
        if (state.kind === 'off') return html(demoOffPage(STYLE_PATH), 404);
        return html(demoPage({ publicUrl: ctx.config.publicUrl, style: STYLE_PATH, widgetKey: state.org?.widgetKey ?? null, login: state.login }));
      },
      { detail: { hide: true } },
    )
    .get(STYLE_PATH, () => new Response(DEMO_STYLE, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' } }), {
      detail: { hide: true },
    })
    .use(authPlugin(ctx))
    .get('/api/org/demo-page', ({ auth }) => demoPageSettings(ctx, requireAgent(auth)), {
      response: demoResponses.get,
      detail: { summary: 'Whether this is the demo organization and its /demo page is on (admin)', tags: ['org'] },
    })
    .put('/api/org/demo-page', ({ auth, body }) => setDemoPage(ctx, requireAgent(auth), body.enabled), {
      body: demoPageBody,
      response: demoResponses.put,
      detail: {
        summary: 'Switch the /demo page of the demo organization off or on (owner)',
        description:
          'Off: /demo answers 404 and stays off across restarts; the published password is deleted and every demo account that still had it gets a new one, returned in `password` this once. On: the demo owner gets a new generated password, which /demo shows.',
        tags: ['org'],
      },
    });
}
