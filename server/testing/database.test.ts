import { expect, test } from 'bun:test';
import { MongoClient } from 'mongodb';
import { countInDatabase, testDatabase } from './database.ts';

test('each testDatabase is isolated and cleans up after itself', async () => {
  const [a, b] = await Promise.all([testDatabase('helper a'), testDatabase('helper a')]);
  expect(a.dbName).not.toBe(b.dbName);
  expect(a.dbName).toMatch(/^helper_a_[0-9a-f]{12}$/);
  const ca = await MongoClient.connect(a.uri);
  try {
    await ca.db(a.dbName).command({ insert: 'x', documents: [{ from: 'a' }] });
  } finally {
    await ca.close();
  }
  expect(await countInDatabase(b, 'x')).toBe(0);
  expect(await countInDatabase(a, 'x')).toBe(1);
  expect(await countInDatabase(a, 'x', { from: 'b' })).toBe(0);
  await a.stop();
  await b.stop();
  if (process.env.MONGODB_URI) {
    const c = await MongoClient.connect(process.env.MONGODB_URI);
    try {
      const names = (await c.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name);
      expect(names).not.toContain(a.dbName);
    } finally {
      await c.close();
    }
  }
});
