import { Elysia } from 'elysia';

/**
 * Baseline headers on every response, errors and unknown routes included: they are set when the
 * request arrives (not after the handler, which error answers skip), and the error handler answers
 * through the same `set`. A Response a route builds keeps its own value of a header (Elysia lets
 * the Response's headers win), which is how files and static assets choose their caching.
 */
export function securityHeaders() {
  return new Elysia({ name: 'security-headers' }).onRequest(({ request, set }) => {
    set.headers['x-content-type-options'] = 'nosniff';
    set.headers['referrer-policy'] = 'strict-origin-when-cross-origin';
    set.headers['x-frame-options'] ??= 'SAMEORIGIN';
    // API answers carry members' and visitors' data: no browser or shared cache may keep them
    // (a signed-out user's back button, a proxy). Routes that may be cached say so themselves.
    if (new URL(request.url).pathname.startsWith('/api/')) set.headers['cache-control'] ??= 'no-store';
  });
}
