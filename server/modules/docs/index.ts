import { openapi } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { openApiDocumentation } from './document';
import { docsPage } from './page';
import { DOCS_SCRIPT, DOCS_STYLE } from './page-assets';

type OpenApiConfig = NonNullable<Parameters<typeof openapi>[0]>;

export const DOCS_PATH = '/docs';
export const SPEC_PATH = '/docs/json';
const SCRIPT_PATH = '/docs/app.js';
const STYLE_PATH = '/docs/app.css';

/**
 * The OpenAPI document of every route (generated from the routes' own schemas) at /docs/json,
 * and a page to read it at /docs. Must be used before the static module, whose catch-all would
 * otherwise answer /docs with the console.
 */
export function docsModule(ctx: AppContext) {
  const page = docsPage({ spec: SPEC_PATH, script: SCRIPT_PATH, style: STYLE_PATH });
  const asset = (body: string, type: string) => () => new Response(body, { headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' } });
  return new Elysia()
    .use(
      openapi({
        path: DOCS_PATH,
        specPath: SPEC_PATH,
        // Our own page instead of the plugin's, which loads its viewer from a CDN.
        provider: null,
        // Hand-written JSON Schema literals; the plugin's OpenAPI types are stricter than needed.
        documentation: openApiDocumentation(ctx.version) as OpenApiConfig['documentation'],
        exclude: { paths: [DOCS_PATH, SPEC_PATH, SCRIPT_PATH, STYLE_PATH] },
      }),
    )
    .get(
      DOCS_PATH,
      ({ request, redirect }) => {
        // Tools asking for JSON get the document itself.
        if ((request.headers.get('accept') ?? '').includes('application/json')) return redirect(SPEC_PATH, 302);
        return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
      },
      { detail: { hide: true } },
    )
    .get(SCRIPT_PATH, asset(DOCS_SCRIPT, 'text/javascript'), { detail: { hide: true } })
    .get(STYLE_PATH, asset(DOCS_STYLE, 'text/css'), { detail: { hide: true } });
}
