import { toOpenAPISchema } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { V1_MAX_BODY_BYTES } from '../handoff/api-auth';
import { openApiDocumentation } from './document';
import { docsPage } from './page';
import { DOCS_SCRIPT, DOCS_STYLE } from './page-assets';
import { refineDocument } from './refine';

export const DOCS_PATH = '/docs';
export const SPEC_PATH = '/docs/json';
const SCRIPT_PATH = '/docs/app.js';
const STYLE_PATH = '/docs/app.css';
const OPENAPI_VERSION = '3.1.2';

/**
 * The OpenAPI document of every route (generated from the routes' own schemas by
 * @elysiajs/openapi's toOpenAPISchema, then refined centrally: refine.ts) at /docs/json, and a
 * page to read it at /docs. Must be used before the static module, whose catch-all would
 * otherwise answer /docs with the console.
 */
export function docsModule(ctx: AppContext) {
  const page = docsPage({ spec: SPEC_PATH, script: SCRIPT_PATH, style: STYLE_PATH });
  const asset = (body: string, type: string) => () => new Response(body, { headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' } });
  const limits = { jsonBodyMaxBytes: V1_MAX_BODY_BYTES, uploadMaxBytes: ctx.config.uploadMaxBytes };
  const documentation = openApiDocumentation(ctx.version, limits) as { components: { schemas?: Record<string, unknown> }; paths?: Record<string, unknown> } & Record<string, unknown>;
  const exclude = { paths: [DOCS_PATH, SPEC_PATH, SCRIPT_PATH, STYLE_PATH] };
  // Every route is registered before the server listens, so the document is built once, on the
  // first request (toOpenAPISchema reads the whole app's routes through this instance).
  let cached: string | null = null;
  const docs = new Elysia();
  const spec = () => {
    if (cached !== null) return cached;
    const generated = toOpenAPISchema(docs, exclude, undefined, undefined, OPENAPI_VERSION);
    const full = {
      ...documentation,
      openapi: OPENAPI_VERSION,
      paths: { ...generated.paths, ...documentation.paths },
      components: { ...documentation.components, schemas: { ...generated.components.schemas, ...documentation.components.schemas } },
    };
    const refined = refineDocument(full, { publicUrl: ctx.config.publicUrl, ...limits });
    cached = JSON.stringify(refined);
    return cached;
  };
  return docs
    .get(SPEC_PATH, () => new Response(spec(), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' } }), { detail: { hide: true } })
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
