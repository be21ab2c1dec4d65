// The message writer's bare OP_MSG connection: when it may be used at all, and that its commands
// get the very replies the driver gets from the same database (write errors included).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { MongoClient, ObjectId } from 'mongodb';
import { testDatabase, type TestDatabase } from '../testing/database';
import { createHotWire, plainHost, type HotWire } from './hot-wire';

test.each([
  ['mongodb://127.0.0.1:27017/app', { host: '127.0.0.1', port: 27017 }],
  ['mongodb://localhost:40001', { host: 'localhost', port: 40001 }],
  ['mongodb://user:secret@127.0.0.1:27017/app', null],
  ['mongodb://a.example:27017,b.example:27017/app', null],
  ['mongodb://127.0.0.1:27017/app?replicaSet=rs0', null],
  ['mongodb://127.0.0.1:27017/app?tls=true', null],
  ['mongodb://127.0.0.1:27017/app?compressors=zlib', null],
] as const)('%s: the hot wire %p', (uri, expected) => {
  expect(plainHost(new MongoClient(uri))).toEqual(expected);
});

test('PHOENIX_HOT_WIRE=off always uses the driver', () => {
  process.env.PHOENIX_HOT_WIRE = 'off';
  try {
    expect(plainHost(new MongoClient('mongodb://127.0.0.1:27017/app'))).toBeNull();
  } finally {
    delete process.env.PHOENIX_HOT_WIRE;
  }
});

let db: TestDatabase;
let client: MongoClient;
let wire: HotWire;
beforeAll(async () => {
  db = await testDatabase('hot-wire');
  client = await MongoClient.connect(db.uri);
  const target = plainHost(client);
  if (!target) throw new Error(`the test database ${db.uri} should allow the hot wire`);
  wire = createHotWire(target, db.dbName);
  await client.db(db.dbName).collection('items').createIndex({ key: 1 }, { unique: true });
});
afterAll(async () => {
  wire.close();
  await client.close();
  await db.stop();
});

test('inserts land where the driver reads them, with duplicate keys as write errors at their index', async () => {
  const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
  const reply = await wire.command({
    insert: 'items',
    ordered: false,
    documents: [
      { _id: ids[0], key: 'a', at: new Date(0) },
      { _id: ids[1], key: 'a' },
      { _id: ids[2], key: 'c' },
    ],
  });
  expect(reply.ok).toBe(1);
  expect(reply.n).toBe(2);
  const errors = reply.writeErrors as { index: number; code: number }[];
  expect(errors.map((e) => [e.index, e.code])).toEqual([[1, 11000]]);
  const stored = await client.db(db.dbName).collection('items').find({}, { sort: { key: 1 } }).toArray();
  expect(stored.map((d) => [d._id.toString(), d.key])).toEqual([
    [ids[0]!.toString(), 'a'],
    [ids[2]!.toString(), 'c'],
  ]);
  expect(stored[0]!.at).toEqual(new Date(0));
});

test('many commands in flight at once each get their own reply', async () => {
  const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => wire.command({ insert: 'bulk', documents: [{ n: i, text: 'x'.repeat(i * 100) }] })));
  expect(replies.every((r) => r.ok === 1 && r.n === 1)).toBe(true);
  const count = await wire.command({ count: 'bulk' });
  expect(count.n).toBe(50);
});

test('a failing command answers its error, and the wire stays usable', async () => {
  const reply = await wire.command({ noSuchCommand: 1 });
  expect(reply.ok).toBe(0);
  expect(typeof reply.errmsg).toBe('string');
  expect(wire.usable).toBe(true);
  expect((await wire.command({ ping: 1 })).ok).toBe(1);
});
