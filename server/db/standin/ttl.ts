/**
 * TTL monitor. mongod sweeps every 60 s; the stand-in sweeps every second so tests of expiry
 * stay fast, and exposes `sweep()` for tests that want it deterministic.
 */
import type { Store } from './storage.ts';
import { valuesAtPath } from './values.ts';

/** Expiry instant of a document for a TTL field: the earliest date in it, or none. */
function expiryBase(value: unknown): number | undefined {
  const values = Array.isArray(value) ? value : [value];
  let earliest: number | undefined;
  for (const v of values) {
    if (v instanceof Date && (earliest === undefined || v.getTime() < earliest)) earliest = v.getTime();
  }
  return earliest;
}

export function sweepExpired(store: Store, now = Date.now()): number {
  let removed = 0;
  for (const db of store.databases.values()) {
    for (const coll of db.collections.values()) {
      for (const idx of coll.indexes.values()) {
        const seconds = idx.spec.expireAfterSeconds;
        const fields = Object.keys(idx.spec.key);
        // Like mongod, only single-field indexes expire documents.
        if (seconds === undefined || !Number.isFinite(seconds) || fields.length !== 1) continue;
        const field = fields[0] as string;
        for (const doc of [...coll.docs.values()]) {
          const found = valuesAtPath(doc, field)[0];
          const base = expiryBase(found);
          if (base !== undefined && base + seconds * 1000 <= now) {
            coll.remove(doc);
            removed++;
          }
        }
      }
    }
  }
  return removed;
}

/** `sweep` runs sweepExpired (through the journal in durable mode: expiries are writes too). */
export function startTtlMonitor(sweep: () => void, onTick: () => void, intervalMs = 1000): () => void {
  const timer = setInterval(() => {
    sweep();
    onTick();
  }, intervalMs);
  // The sweeper must never keep a process (or a test runner) alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
