import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { MongoClient } from 'mongodb';
import { type LooseDoc, type Target, openTarget } from './harness.ts';

let t: Target;
let clients: MongoClient[];
beforeAll(async () => {
  t = await openTarget('races');
  clients = await Promise.all(Array.from({ length: 5 }, () => t.newClient()));
});
afterAll(async () => {
  await t.stop();
});

const claim = (client: MongoClient, chatId: string, agent: string) =>
  client
    .db(t.dbName)
    .collection<LooseDoc>('chats')
    .findOneAndUpdate({ _id: chatId, status: 'unassigned' }, { $set: { status: 'assigned', assignee: agent } }, { returnDocument: 'after' });

test('two parallel findOneAndUpdate claims on separate clients: exactly one wins', async () => {
  await t.db.collection<LooseDoc>('chats').insertOne({ _id: 'c1', status: 'unassigned' });
  const [a, b] = await Promise.all([claim(clients[0] as MongoClient, 'c1', 'A'), claim(clients[1] as MongoClient, 'c1', 'B')]);
  const winners = [a, b].filter((r) => r !== null);
  expect(winners.length).toBe(1);
  const stored = await t.db.collection<LooseDoc>('chats').findOne({ _id: 'c1' });
  expect(stored?.assignee).toBe(winners[0]?.assignee);
});

test('50 parallel claims across 5 clients: exactly one wins', async () => {
  await t.db.collection<LooseDoc>('chats').insertOne({ _id: 'c2', status: 'unassigned' });
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(clients[i % 5] as MongoClient, 'c2', `agent${i}`)));
  expect(results.filter((r) => r !== null).length).toBe(1);
});

test('parallel $inc from many clients loses no update', async () => {
  await t.db.collection<LooseDoc>('counters').insertOne({ _id: 'seq', n: 0 });
  await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      (clients[i % 5] as MongoClient).db(t.dbName).collection<LooseDoc>('counters').findOneAndUpdate({ _id: 'seq' }, { $inc: { n: 1 } }),
    ),
  );
  expect((await t.db.collection<LooseDoc>('counters').findOne({ _id: 'seq' }))?.n).toBe(100);
});

test('parallel upserts on a unique key create one document', async () => {
  const coll = t.db.collection<LooseDoc>('contacts');
  await coll.createIndex({ orgId: 1, externalId: 1 }, { unique: true });
  const settled = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      (clients[i % 5] as MongoClient)
        .db(t.dbName)
        .collection<LooseDoc>('contacts')
        .updateOne({ orgId: 'o', externalId: 'x' }, { $setOnInsert: { firstSeen: i } }, { upsert: true }),
    ),
  );
  // A real server may reject a racing upsert with 11000 (the driver/app retries); never two documents.
  for (const s of settled) if (s.status === 'rejected') expect((s.reason as { code?: number }).code).toBe(11000);
  expect(await coll.countDocuments({ orgId: 'o', externalId: 'x' })).toBe(1);
});
