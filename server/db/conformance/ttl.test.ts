import { afterAll, beforeAll, expect, test } from 'bun:test';
import { type LooseDoc, type Target, onRealMongo, openTarget } from './harness.ts';
import { waitFor } from '../../testing/wait.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('ttl');
  if (onRealMongo) {
    // A real mongod sweeps every 60 s; speed it up where allowed (skipped silently on managed clusters).
    await t.client.db('admin').command({ setParameter: 1, ttlMonitorSleepSecs: 1 }).catch(() => undefined);
  }
});
afterAll(async () => {
  await t.stop();
});

test('documents past expireAfterSeconds are removed; others stay', async () => {
  const c = t.db.collection<LooseDoc>('sessions');
  await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
  const past = new Date(Date.now() - 5_000);
  await c.insertMany([
    { k: 'expired', expiresAt: past },
    { k: 'future', expiresAt: new Date(Date.now() + 3_600_000) },
    { k: 'no-date', expiresAt: 'not a date' },
    { k: 'missing' },
    { k: 'old', createdAt: new Date(Date.now() - 7_200_000) },
    { k: 'array', expiresAt: [new Date(Date.now() + 3_600_000), past] },
  ]);
  t.standin?.sweepTtl();
  await waitFor(async () => (await c.countDocuments()) === 3, { timeout: onRealMongo ? 70_000 : 3_000, interval: 100, what: 'three documents left' });
  expect((await c.find({}, { projection: { _id: 0, k: 1 } }).toArray()).map((d) => d.k).sort()).toEqual(['future', 'missing', 'no-date']);
  const ttlIndex = (await c.listIndexes().toArray()).find((i) => i.name === 'expiresAt_1');
  expect(ttlIndex?.expireAfterSeconds).toBe(0);
});

test('the background sweeper removes expiring documents without being asked', async () => {
  const c = t.db.collection<LooseDoc>('tokens');
  await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
  await c.insertOne({ at: new Date() });
  await waitFor(async () => (await c.countDocuments()) === 0, { timeout: onRealMongo ? 70_000 : 4_000, interval: 100, what: 'every document expired' });
}, 80_000);
