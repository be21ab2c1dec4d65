/**
 * One database per test file. With MONGODB_URI set, tests share that server but each gets a
 * uniquely named database that is dropped afterwards; otherwise each test file starts its own
 * stand-in on a free port, which is faster than sharing and leaves nothing behind.
 */
import { MongoClient } from 'mongodb';
import { startStandin } from '../db/standin/index.ts';

export interface TestDatabase {
  uri: string;
  dbName: string;
  stop(): Promise<void>;
}

function uniqueName(label: string): string {
  // Database names: max 63 bytes, no '/\. "$*<>:|?'.
  const clean = label.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'test';
  return `${clean}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/**
 * `interleave`: the stand-in yields between commands and between the documents of one write, as
 * a real server may interleave them, so a race in the application can make its test fail here
 * (see server/db/README.md, Interleaving mode). A real MongoDB interleaves anyway.
 */
export async function testDatabase(label: string, opts: { interleave?: boolean } = {}): Promise<TestDatabase> {
  const dbName = uniqueName(label);
  const external = process.env.MONGODB_URI;
  if (external) {
    return {
      uri: external,
      dbName,
      stop: async () => {
        const client = await MongoClient.connect(external, { serverSelectionTimeoutMS: 5_000 });
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }
  const standin = await startStandin();
  if (opts.interleave) {
    const client = await MongoClient.connect(standin.uri);
    try {
      await client.db('admin').command({ standinInterleave: true });
    } finally {
      await client.close();
    }
  }
  return { uri: standin.uri, dbName, stop: () => standin.stop() };
}

/**
 * How many documents `collection` holds over the whole database, every organization's. Only for
 * asserting that a request that failed before it had an organization (a refused sign-up) wrote
 * nothing anywhere; everything else reads through `repos.forOrg(orgId)`.
 */
export async function countInDatabase(database: { uri: string; dbName: string }, collection: string, query: Record<string, unknown> = {}): Promise<number> {
  const client = await MongoClient.connect(database.uri);
  try {
    const res = await client.db(database.dbName).command({ count: collection, query });
    return res.n as number;
  } finally {
    await client.close();
  }
}
