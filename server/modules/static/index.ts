import { Elysia } from 'elysia';
import { existsSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serve one file from inside `root`, refusing anything that escapes it. */
function fileResponse(root: string, relative: string, cacheControl: string): Response | undefined {
  const full = normalize(join(root, relative));
  if (!full.startsWith(root) || !existsSync(full)) return undefined;
  const file = Bun.file(full);
  return new Response(file, {
    headers: { 'cache-control': cacheControl, 'content-type': file.type, 'x-content-type-options': 'nosniff' },
  });
}

/**
 * The built console at `/` (SPA: unknown non-API paths get index.html) and the widget at
 * `/widget.js`. Hashed assets are immutable; the entry points revalidate so deploys show up.
 */
export function staticModule(distDir = resolve(import.meta.dir, '../../../dist')) {
  const consoleDir = join(distDir, 'console');
  const widgetDir = join(distDir, 'widget');
  const notBuilt = (what: string) =>
    new Response(`${what} is not built yet. Run \`npm run build\` (or \`npm start\`, which builds first).`, {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });

  const consoleIndex = () =>
    fileResponse(consoleDir, 'index.html', 'no-cache') ?? notBuilt('The console');

  return new Elysia()
    .get('/widget.js', () => fileResponse(widgetDir, 'widget.js', 'public, max-age=300') ?? notBuilt('The widget'), {
      detail: { hide: true },
    })
    .get('/widget/assets/*', ({ params, set }) => {
      const res = fileResponse(join(widgetDir, 'assets'), params['*'], IMMUTABLE);
      if (res) {
        // The panel chunk is imported from customers' sites, so it must be fetchable cross-origin.
        res.headers.set('access-control-allow-origin', '*');
        return res;
      }
      set.status = 404;
      return 'Not found';
    }, { detail: { hide: true } })
    .get('/assets/*', ({ params, set }) => {
      const res = fileResponse(join(consoleDir, 'assets'), params['*'], IMMUTABLE);
      if (res) return res;
      set.status = 404;
      return 'Not found';
    }, { detail: { hide: true } })
    .get('/favicon.svg', () => fileResponse(consoleDir, 'favicon.svg', 'public, max-age=86400') ?? new Response(null, { status: 404 }), { detail: { hide: true } })
    .get('/', consoleIndex, { detail: { hide: true } })
    // Console routes (deep links like /chats/abc) must load the SPA; API and socket paths never do.
    .get('/*', ({ params, set }) => {
      const path = params['*'];
      if (path.startsWith('api/') || path.startsWith('ws') || path.includes('.')) {
        set.status = 404;
        return { error: { code: 'NOT_FOUND', message: 'No such route' } };
      }
      return consoleIndex();
    }, { detail: { hide: true } });
}
