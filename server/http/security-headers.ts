import { Elysia } from 'elysia';

/** Baseline headers on every response; the widget routes relax framing on purpose elsewhere. */
export function securityHeaders() {
  return new Elysia({ name: 'security-headers' }).onAfterHandle({ as: 'global' }, ({ set }) => {
    set.headers['x-content-type-options'] = 'nosniff';
    set.headers['referrer-policy'] = 'strict-origin-when-cross-origin';
    set.headers['x-frame-options'] ??= 'SAMEORIGIN';
  });
}
