// The Idempotency-Key header of /api/v1 POSTs: a bot that retries after a timeout sends the same
// key, and gets the first answer (status and body) again instead of a second chat, message or
// invitation.
//
// Decisions:
// - Keys are per API key and live 24 h from the first request (TTL index; also checked on read
//   with the injected clock, so an expired record never answers between two TTL sweeps).
// - The request is its method, path with query and exact body (not the signature headers: a
//   retry is re-signed with a fresh timestamp). The same key for a different request is a 409.
// - Only successful (2xx) answers are kept. A refused or failed request frees the key: nothing
//   was written (errors never leave partial writes), so a retry may try again.
// - A retry while the first request still runs is a 409 too (retry a moment later), never a
//   second execution.
import type { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import { AppError, badRequest } from '../errors';
import type { ApiAuth } from './api-keys';
import { sha256 } from './crypto';
import { isDuplicateKey } from './organizations';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyStart = { kind: 'replay'; status: number; body: unknown } | { kind: 'claimed'; recordId: ObjectId };

const idempotencyConflict = (message: string) => new AppError('IDEMPOTENCY_CONFLICT', message, 'headers.idempotency-key');

export async function beginIdempotentRequest(
  ctx: AppContext,
  auth: ApiAuth,
  req: { key: string; method: string; pathWithQuery: string; rawBody: string },
): Promise<IdempotencyStart> {
  if (!KEY_PATTERN.test(req.key)) throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', 'headers.idempotency-key');
  const repo = ctx.repos.forOrg(auth.org._id).idempotency;
  const fingerprint = sha256(`${req.method.toUpperCase()}\n${req.pathWithQuery}\n${req.rawBody}`);
  // Two rounds at most: an expired record is dropped once, then the key is claimed afresh.
  for (let round = 0; round < 2; round++) {
    const now = ctx.clock.now();
    const existing = await repo.byKey(auth.key._id, req.key);
    if (existing && existing.expiresAt.getTime() <= now.getTime()) {
      await repo.dropExpired(existing._id, now);
      continue;
    }
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw idempotencyConflict('This Idempotency-Key was already used for a different request (method, path or body); use a new key');
      }
      if (existing.status === null || existing.status === undefined || existing.body === null || existing.body === undefined) {
        throw idempotencyConflict('A request with this Idempotency-Key is still being processed; retry in a moment');
      }
      return { kind: 'replay', status: existing.status, body: JSON.parse(existing.body) as unknown };
    }
    try {
      const record = await repo.claim({ apiKeyId: auth.key._id, key: req.key, fingerprint, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) });
      return { kind: 'claimed', recordId: record._id };
    } catch (err) {
      // Another request claimed it between our read and our insert: read again.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw idempotencyConflict('A request with this Idempotency-Key is still being processed; retry in a moment');
}

/** Keeps a successful answer for replays; any other outcome frees the key. */
export async function finishIdempotentRequest(ctx: AppContext, orgId: ObjectId, recordId: ObjectId, status: number, body: unknown): Promise<void> {
  const repo = ctx.repos.forOrg(orgId).idempotency;
  if (status >= 200 && status < 300) await repo.complete(recordId, status, JSON.stringify(body ?? null));
  else await repo.release(recordId);
}

export async function releaseIdempotentRequest(ctx: AppContext, orgId: ObjectId, recordId: ObjectId): Promise<void> {
  await ctx.repos.forOrg(orgId).idempotency.release(recordId);
}
