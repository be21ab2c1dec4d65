// The one place that talks HTTP. Every call goes through `request`, so errors always come back
// as an `ApiError` carrying the server's code and the offending field.
import type { Static, TSchema } from '@sinclair/typebox';
import { ERROR_CODES, isErrorBody, type ErrorCode } from '../../../shared/errors/index';
import { decodeAnswer } from './answers';
import { ApiError } from './api-error';

export { ApiError, isApiError, normalizeField } from './api-error';

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_CODES) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (match) return match[0];
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}

/** Turns any response body into an ApiError; tolerant of non-JSON error pages. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const e = body.error;
    return new ApiError(status, e.code, e.message, e.field, e.details);
  }
  const code = codeForStatus(status);
  return new ApiError(status, code, status >= 500 ? 'The server had a problem. Try again.' : `Request failed (${status}).`);
}

// Answers to requests made before the session ended must not land in the stores of whoever signs
// in next (or in the emptied stores of nobody): `dropInFlightRequests()` starts a new era, and a
// request of an older era never settles — not even with an error, whose handler would write
// "failed" flags back into the reset stores.
let era = 0;
/** The current request era; compare with a later value to know the session ended meanwhile. */
export const requestEra = (): number => era;
export function dropInFlightRequests(): void {
  era++;
}
/** A promise that never settles: what a request of an ended session answers. */
export const never = <T>(): Promise<T> => new Promise<T>(() => {});

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when any call answers 401, so the session can end without every screen checking. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not broadcast a 401 (used by `GET /api/auth/me` at boot and by login forms). */
  quiet401?: boolean;
}

/** Calls one route; the answer is checked against `answer`, that route's success schema from the contract. */
export async function request<S extends TSchema>(method: string, path: string, answer: S, opts: RequestOptions = {}): Promise<Static<S>> {
  const started = era;
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (started !== era) return never();
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(0, 'UNAVAILABLE', 'Cannot reach the server. Check your connection.');
  }
  if (started !== era) return never();
  const text = await res.text();
  if (started !== era) return never();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, data);
    if (res.status === 401 && !opts.quiet401) for (const l of unauthenticatedListeners) l(error);
    // The 401 that ended the session is answered like every other request of that session.
    if (started !== era) return never();
    throw error;
  }
  return decodeAnswer(answer, data, res.status, `${method} ${path}`);
}
