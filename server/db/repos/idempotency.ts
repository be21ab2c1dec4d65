// Idempotency-Key records of one organization (models/idempotency-record.ts).
import type { ObjectId } from '../ids';
import type { IdempotencyRecordDoc } from '../models/idempotency-record';
import { ScopedCollection } from '../scoped-collection';

export class IdempotencyRepo extends ScopedCollection<IdempotencyRecordDoc> {
  byKey(apiKeyId: ObjectId, key: string): Promise<IdempotencyRecordDoc | null> {
    return this.findOne({ apiKeyId, key });
  }

  /** Claims `key` for a request; throws a duplicate-key error when another record holds it. */
  claim(input: { apiKeyId: ObjectId; key: string; fingerprint: string; createdAt: Date; expiresAt: Date }): Promise<IdempotencyRecordDoc> {
    return this.insert({ ...input, status: null, body: null });
  }

  /** Drops a record that has expired (read with the injected clock; the TTL sweep does the rest). */
  async dropExpired(id: ObjectId, now: Date): Promise<void> {
    await this.deleteOne({ _id: id, expiresAt: { $lte: now } });
  }

  /** Stores the first request's answer. */
  async complete(id: ObjectId, status: number, body: string): Promise<void> {
    await this.updateOne({ _id: id, status: null }, { $set: { status, body } });
  }

  /** Frees the key of a request that failed, so a retry does the work. */
  async release(id: ObjectId): Promise<void> {
    await this.deleteOne({ _id: id, status: null });
  }
}
