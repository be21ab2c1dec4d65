import { Elysia } from 'elysia';
import type { ErrorBody } from '../../shared/errors';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../logger';

/** Turn a TypeBox error path ("/teamIds/0") and its location ("body") into "body.teamIds[0]". */
export function fieldOf(location: string, path: string | undefined): string {
  const parts = (path ?? '').split('/').filter(Boolean);
  let out = location;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return out;
}


/**
 * One place where every failure becomes the shared ErrorBody: AppErrors keep their code,
 * schema failures become 400 naming the field, unknown routes 404, and anything else a
 * logged 500 that reveals nothing.
 */
export function errorHandler(log: Logger) {
  return new Elysia({ name: 'error-handler' }).onError({ as: 'global' }, ({ code, error, request, set }) => {
    // Answer through `set` so headers other hooks set (CORS for the widget) stay on errors too.
    const json = (status: number, body: ErrorBody, headers: Record<string, string> = {}): ErrorBody => {
      set.status = status;
      Object.assign(set.headers, { 'content-type': 'application/json; charset=utf-8', ...headers });
      return body;
    };
    if (isAppError(error)) {
      const retry = error.details?.retryAfterSeconds;
      return json(error.status, error.toBody(), typeof retry === 'number' ? { 'retry-after': String(retry) } : {});
    }
    switch (code) {
      case 'VALIDATION': {
        const first = error.all[0] as { path?: string; message?: string; summary?: string } | undefined;
        const field = fieldOf(error.type, first?.path);
        const message = first?.summary ?? first?.message ?? 'Invalid input';
        return json(400, new AppError('VALIDATION', `${field}: ${message}`, field).toBody());
      }
      case 'PARSE':
        return json(400, new AppError('BAD_REQUEST', 'The request body could not be parsed', 'body').toBody());
      case 'NOT_FOUND':
        return json(404, new AppError('NOT_FOUND', 'No such route').toBody());
      case 'INVALID_COOKIE_SIGNATURE':
        return json(401, new AppError('UNAUTHENTICATED', 'Invalid session').toBody());
      default: {
        log.error('unhandled error', { code, err: error, path: new URL(request.url).pathname });
        return json(500, new AppError('INTERNAL', 'Something went wrong on our side').toBody());
      }
    }
  });
}
