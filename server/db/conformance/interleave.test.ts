/**
 * The interleaving mode (standin/interleave.ts): commands of different connections, and the
 * documents of one multi-document write, interleave as a real server lets them, so a racy
 * read-then-write claim is caught while a conditional findOneAndUpdate stays exclusive, and
 * races inside one command (upserts without a unique index, a half-done updateMany) show up.
 * Turned on per stand-in with the admin command `{ standinInterleave: true }` (or for every
 * stand-in of a process with PHOENIX_STANDIN_INTERLEAVE=1). A real server interleaves anyway.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { MongoClient } from 'mongodb';
import { type LooseDoc, type Target, onRealMongo, openTarget } from './harness.ts';

let t: Target;
let clients: MongoClient[];

const interleave = async (on: boolean): Promise<void> => {
  if (!onRealMongo) await t.client.db('admin').command({ standinInterleave: on });
};

beforeAll(async () => {
  t = await openTarget('interleave');
  clients = await Promise.all(Array.from({ length: 4 }, () => t.newClient()));
  await interleave(true);
});
afterAll(async () => {
  await t.stop();
});

const chats = (c: MongoClient) => c.db(t.dbName).collection<LooseDoc>('chats');

/** Deliberately wrong: reads, then writes without re-checking the condition in the write. */
async function racyClaim(c: MongoClient, chatId: string, agent: string): Promise<boolean> {
  const chat = await chats(c).findOne({ _id: chatId, status: 'unassigned' });
  if (!chat) return false;
  await chats(c).updateOne({ _id: chatId }, { $set: { status: 'assigned', assignee: agent } });
  return true;
}

/** Right: the condition is part of the single-document write. */
async function conditionalClaim(c: MongoClient, chatId: string, agent: string): Promise<boolean> {
  const won = await chats(c).findOneAndUpdate({ _id: chatId, status: 'unassigned' }, { $set: { status: 'assigned', assignee: agent } });
  return won !== null;
}

async function rounds(claim: typeof racyClaim, prefix: string, n: number): Promise<number[]> {
  const winnersPerRound: number[] = [];
  for (let r = 0; r < n; r++) {
    const chatId = `${prefix}${r}`;
    await chats(t.client).insertOne({ _id: chatId, status: 'unassigned' });
    const results = await Promise.all(clients.map((c, i) => claim(c, chatId, `agent${i}`)));
    winnersPerRound.push(results.filter(Boolean).length);
  }
  return winnersPerRound;
}

describe('with interleaving on', () => {
  test('the racy read-then-write claim is caught: several clients "win" the same chat', async () => {
    const winners = await rounds(racyClaim, 'racy', 10);
    expect(Math.max(...winners)).toBeGreaterThan(1);
  });

  test('the conditional findOneAndUpdate claim stays exclusive', async () => {
    const winners = await rounds(conditionalClaim, 'cond', 10);
    expect(winners).toEqual(Array.from({ length: 10 }, () => 1));
  });

  test('parallel $inc and unique upserts stay correct', async () => {
    const counters = (c: MongoClient) => c.db(t.dbName).collection<LooseDoc>('counters');
    await counters(t.client).insertOne({ _id: 'seq', n: 0 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => counters(clients[i % 4] as MongoClient).updateOne({ _id: 'seq' }, { $inc: { n: 1 } })));
    expect((await counters(t.client).findOne({ _id: 'seq' }))?.n).toBe(40);
    const contacts = (c: MongoClient) => c.db(t.dbName).collection<LooseDoc>('contacts');
    await contacts(t.client).createIndex({ key: 1 }, { unique: true });
    const settled = await Promise.allSettled(clients.map((c, i) => contacts(c).updateOne({ key: 'k' }, { $setOnInsert: { by: i } }, { upsert: true })));
    for (const s of settled) if (s.status === 'rejected') expect((s.reason as { code?: number }).code).toBe(11000);
    expect(await contacts(t.client).countDocuments({ key: 'k' })).toBe(1);
  });
});

describe.skipIf(onRealMongo)('upserts', () => {
  /** An upsert used as "create if absent": racy without a unique index, on mongod as here. */
  async function upsertRace(name: string): Promise<number> {
    const profiles = (c: MongoClient) => c.db(t.dbName).collection<LooseDoc>(name);
    await Promise.all(clients.map((c, i) => profiles(c).updateOne({ email: 'a@x.io' }, { $setOnInsert: { by: i } }, { upsert: true })));
    return profiles(t.client).countDocuments({ email: 'a@x.io' });
  }

  test('interleaving on: parallel upserts without a unique index create duplicates, as mongod allows', async () => {
    expect(await upsertRace('profiles_racy')).toBeGreaterThan(1);
  });

  test('interleaving off: the same upserts cannot race, so the bug would go unnoticed', async () => {
    await interleave(false);
    try {
      expect(await upsertRace('profiles_atomic')).toBe(1);
    } finally {
      await interleave(true);
    }
  });

  test('with a unique index on the filtered field the losers are retried as updates: one document, no error', async () => {
    await t.db.collection('profiles_unique').createIndex({ email: 1 }, { unique: true });
    expect(await upsertRace('profiles_unique')).toBe(1);
  });

  test('findOneAndUpdate upserts race the same way; a unique index makes them one document', async () => {
    const race = async (name: string) => {
      const results = await Promise.all(
        clients.map((c, i) => c.db(t.dbName).collection<LooseDoc>(name).findOneAndUpdate({ email: 'b@x.io' }, { $setOnInsert: { by: i } }, { upsert: true, returnDocument: 'after' })),
      );
      expect(results.every((r) => r?.email === 'b@x.io')).toBe(true);
      return t.db.collection(name).countDocuments({ email: 'b@x.io' });
    };
    expect(await race('fam_racy')).toBeGreaterThan(1);
    await t.db.collection('fam_unique').createIndex({ email: 1 }, { unique: true });
    expect(await race('fam_unique')).toBe(1);
  });
});

describe.skipIf(onRealMongo)('multi-document writes', () => {
  /** Counts seen by a second client while one updateMany increments every document. */
  async function observeUpdateMany(name: string): Promise<number[]> {
    const docs = (c: MongoClient) => c.db(t.dbName).collection<LooseDoc>(name);
    await docs(t.client).insertMany(Array.from({ length: 300 }, (_, i) => ({ i, n: 0 })));
    const seen: number[] = [];
    let done = false;
    const writer = docs(clients[0] as MongoClient)
      .updateMany({}, { $inc: { n: 1 } })
      .finally(() => (done = true));
    while (!done) seen.push(await docs(clients[1] as MongoClient).countDocuments({ n: 1 }));
    expect((await writer).modifiedCount).toBe(300);
    return seen;
  }

  test('interleaving on: another client sees an updateMany half done, as on a real server', async () => {
    const seen = await observeUpdateMany('torn');
    expect(seen.some((n) => n > 0 && n < 300)).toBe(true);
  });

  test('interleaving off: every command is atomic, so nobody ever sees it half done', async () => {
    await interleave(false);
    try {
      const seen = await observeUpdateMany('atomic');
      expect(seen.every((n) => n === 0 || n === 300)).toBe(true);
    } finally {
      await interleave(true);
    }
  });

  test('a document changed away from the filter during the yield is skipped, as mongod re-checks it', async () => {
    const docs = (c: MongoClient) => c.db(t.dbName).collection<LooseDoc>('recheck');
    await docs(t.client).insertMany(Array.from({ length: 200 }, (_, i) => ({ i, status: 'open' })));
    const closer = docs(clients[0] as MongoClient).updateMany({ status: 'open' }, { $set: { status: 'closed', by: 'bulk' } });
    // Races the bulk close for the last document; whichever gets there first, only one writes it.
    const late = await docs(clients[1] as MongoClient).findOneAndUpdate({ i: 199, status: 'open' }, { $set: { status: 'taken' } });
    const bulk = await closer;
    expect(bulk.modifiedCount + (late ? 1 : 0)).toBe(200);
    expect((await docs(t.client).findOne({ i: 199 }))?.status).toBe(late ? 'taken' : 'closed');
  });
});
