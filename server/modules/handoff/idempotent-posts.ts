// Idempotency-Key on every POST of /api/v1 (JSON bodies and uploads alike). A POST with a key is
// claimed once its input is valid (beforeHandle); mapResponse, which runs for answers and errors
// alike before anything is sent, keeps a successful answer or frees the key of a failed one, so a
// retry right after an error finds the key free. The three hooks are registered by each auth
// chain itself (api-auth.ts, chat-files.ts), next to the `derive` that authenticates, so they are
// scoped exactly like it. `rawBodyOf` is what a retry is compared by: the body's text, or an
// upload's SHA-256.
import type { AppContext } from '../../context';
import type { ObjectId } from '../../db/ids';
import type { ApiAuth } from '../../services/api-keys';
import { beginIdempotentRequest, finishIdempotentRequest, IDEMPOTENCY_HEADER, releaseIdempotentRequest } from '../../services/idempotency';

/** Idempotency records claimed by requests in flight; removed once the outcome is stored. */
const claims = new WeakMap<Request, { orgId: ObjectId; recordId: ObjectId }>();

/** What a request signs, and is compared by, as its path: the URL's path and query as the URL parser serialises them. */
export const pathWithQuery = (request: Request): string => {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
};

interface HookContext {
  request: Request;
  headers: Record<string, string | undefined>;
  set: { status?: number | string; headers: Record<string, unknown> };
}

export function idempotencyHooks(ctx: AppContext, rawBodyOf: (request: Request) => string) {
  return {
    /** beforeHandle: replays a stored answer, or claims the key for this request. */
    async claim({ request, headers, set, api }: HookContext & { api: ApiAuth }): Promise<unknown> {
      const key = headers[IDEMPOTENCY_HEADER];
      if (request.method !== 'POST' || key === undefined) return;
      const started = await beginIdempotentRequest(ctx, api, {
        key,
        method: request.method,
        pathWithQuery: pathWithQuery(request),
        rawBody: rawBodyOf(request),
      });
      if (started.kind === 'replay') {
        set.status = started.status;
        set.headers['idempotent-replayed'] = 'true';
        return started.body;
      }
      claims.set(request, { orgId: api.org._id, recordId: started.recordId });
    },
    /** mapResponse: keeps the outcome of a claimed request. */
    async keep({ request, set, responseValue }: Pick<HookContext, 'request' | 'set'> & { responseValue: unknown }): Promise<void> {
      const claim = claims.get(request);
      if (claim === undefined) return;
      claims.delete(request);
      await finishIdempotentRequest(ctx, claim.orgId, claim.recordId, typeof set.status === 'number' ? set.status : 200, responseValue);
    },
    /** afterResponse: still claimed (mapResponse did not get to it): nothing may be kept; free the key. */
    async release({ request }: Pick<HookContext, 'request'>): Promise<void> {
      const claim = claims.get(request);
      if (claim === undefined) return;
      claims.delete(request);
      await releaseIdempotentRequest(ctx, claim.orgId, claim.recordId);
    },
  };
}
