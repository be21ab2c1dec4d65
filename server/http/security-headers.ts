import { Elysia } from 'elysia';

/** PUBLIC_URL's origin and its socket origin (the agent and visitor sockets live there too). */
function publicOrigins(publicUrl: string): { http: string; socket: string } | null {
  try {
    const url = new URL(publicUrl);
    return { http: url.origin, socket: `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}` };
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy of our own pages (console, /demo, /docs): scripts only from files
 * on this host (never inline, never eval), requests and sockets only to this host, no plugins,
 * no <base> or form targets elsewhere, and no framing (clickjacking).
 *
 * PUBLIC_URL's origin is listed besides `'self'`: /demo loads the widget from PUBLIC_URL even
 * when the page is reached under another name, and `'self'` covers ws:/wss: only in CSP Level 3
 * browsers, so the socket origin of PUBLIC_URL is named too.
 *
 * Styles: files only, no 'unsafe-inline' — the console's Vue build sets styles through the
 * CSSOM (never innerHTML or style attributes in markup), and /demo and /docs use files too.
 * Images: `data:` for the console's favicon and small inlined assets, `blob:` for attachment
 * previews (files are fetched with a token, then shown from memory).
 */
export function pageContentSecurityPolicy(publicUrl: string): string {
  const origins = publicOrigins(publicUrl);
  const publicHost = origins ? ` ${origins.http}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${publicHost}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${publicHost}${origins ? ` ${origins.socket}` : ''}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Baseline headers on every response, errors and unknown routes included: they are set when the
 * request arrives (not after the handler, which error answers skip), and the error handler answers
 * through the same `set`. A Response a route builds keeps its own value of a header (Elysia lets
 * the Response's headers win), which is how files and static assets choose their caching — and
 * how uploads choose their own, sandboxing CSP.
 */
export function securityHeaders(opts: { publicUrl?: string } = {}) {
  const csp = pageContentSecurityPolicy(opts.publicUrl ?? '');
  return new Elysia({ name: 'security-headers' }).onRequest(({ request, set }) => {
    set.headers['x-content-type-options'] = 'nosniff';
    set.headers['referrer-policy'] = 'strict-origin-when-cross-origin';
    set.headers['x-frame-options'] ??= 'SAMEORIGIN';
    // Every answer, not only HTML: a JSON or text answer opened as a page runs under it too.
    set.headers['content-security-policy'] ??= csp;
    // API answers carry members' and visitors' data: no browser or shared cache may keep them
    // (a signed-out user's back button, a proxy). Routes that may be cached say so themselves.
    if (new URL(request.url).pathname.startsWith('/api/')) set.headers['cache-control'] ??= 'no-store';
  });
}
