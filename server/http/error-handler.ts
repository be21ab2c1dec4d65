import { Elysia } from 'elysia';
import type { ErrorBody } from '../../shared/errors';
import { AppError, internal, isAppError } from '../errors';
import type { Logger } from '../logger';
import { validationMessage } from './validation-message';

/** Turn a TypeBox error path ("/teamIds/0") and its location ("body") into "body.teamIds[0]". */
export function fieldOf(location: string, path: string | undefined): string {
  const parts = (path ?? '').split('/').filter(Boolean);
  let out = location;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  return out;
}

/** The AppError for a failed schema check of a request part (`body`, `query`, `params`, …). */
export function schemaError(location: string, first: Parameters<typeof validationMessage>[0] & { path?: string }): AppError {
  return new AppError('VALIDATION', validationMessage(first), fieldOf(location, first.path));
}

/**
 * One place where every failure becomes the shared ErrorBody: AppErrors keep their code,
 * schema failures become 400 naming the field (the message says what is wrong, in words, without
 * the path), unknown routes 404, and anything else — a response that does not match its own
 * schema included — a logged 500 that reveals nothing.
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
        if (error.type === 'response') {
          // Our answer broke our own contract: a bug, never the client's fault, and the schema's
          // wording (which may quote data) stays in the log.
          log.error('response does not match its schema', { path: new URL(request.url).pathname, err: error });
          return json(500, internal().toBody());
        }
        const first = error.all[0] as (Parameters<typeof validationMessage>[0] & { path?: string }) | undefined;
        if (first === undefined || !('type' in first)) return json(400, new AppError('VALIDATION', 'Invalid input', error.type).toBody());
        return json(400, schemaError(error.type, first).toBody());
      }
      case 'PARSE':
        return json(400, new AppError('BAD_REQUEST', 'The request body could not be parsed', 'body').toBody());
      case 'NOT_FOUND':
        return json(404, new AppError('NOT_FOUND', 'No such route').toBody());
      case 'INVALID_COOKIE_SIGNATURE':
        return json(401, new AppError('UNAUTHENTICATED', 'Invalid session').toBody());
      default: {
        log.error('unhandled error', { code, err: error, path: new URL(request.url).pathname });
        return json(500, internal().toBody());
      }
    }
  });
}
