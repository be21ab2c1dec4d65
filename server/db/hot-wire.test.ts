// The message writer's bare OP_MSG connection: when it may be used at all, and that its commands
// get the very replies the driver gets from the same database (write errors included), over a
// socket and over the lane into a stand-in of this process.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { testDatabase, type TestDatabase } from '../testing/database';
import { createHotWire, plainHost, type HotWire } from './hot-wire';
import { openLocalLane } from './standin/local-lane';
import { startStandin } from './standin/index';

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
beforeAll(async () => {
  db = await testDatabase('hot-wire');
  client = await MongoClient.connect(db.uri);
});
afterAll(async () => {
  await client.close();
  await db.stop();
});

/** The test database's host (it allows the hot wire), and whether its stand-in runs in this process. */
function target(): { host: string; port: number } {
  const found = plainHost(client);
  if (!found) throw new Error(`the test database ${db.uri} should allow the hot wire`);
  return found;
}
const inProcess = () => openLocalLane(target().host, target().port) !== null;

test('a stand-in of this process offers a lane at its own address, and only there', () => {
  if (process.env.MONGODB_URI) return; // a real database: no lane, by design
  expect(inProcess()).toBe(true);
  expect(openLocalLane(target().host, target().port + 1)).toBeNull();
  expect(openLocalLane('localhost', target().port)).toBeNull();
});

// Each transport gets the very replies the driver gets: the socket always, the lane when the
// database is a stand-in of this process (the test database is, unless MONGODB_URI is set).
describe.each([
  ['socket', true],
  ['lane', false],
] as const)('over the %s', (name, socket) => {
  let wire: HotWire;
  beforeAll(() => {
    wire = createHotWire(target(), db.dbName, { socket });
  });
  afterAll(() => wire.close());
  const skip = () => name === 'lane' && !inProcess();

  test('inserts land where the driver reads them, with duplicate keys as write errors at their index', async () => {
    if (skip()) return;
    const items = `items_${name}`;
    await client.db(db.dbName).collection(items).createIndex({ key: 1 }, { unique: true });
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    const reply = await wire.command({
      insert: items,
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
    const stored = await client.db(db.dbName).collection(items).find({}, { sort: { key: 1 } }).toArray();
    expect(stored.map((d) => [d._id.toString(), d.key])).toEqual([
      [ids[0]!.toString(), 'a'],
      [ids[2]!.toString(), 'c'],
    ]);
    expect(stored[0]!.at).toEqual(new Date(0));
  });

  test('many commands in flight at once each get their own reply', async () => {
    if (skip()) return;
    const bulk = `bulk_${name}`;
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => wire.command({ insert: bulk, documents: [{ n: i, text: 'x'.repeat(i * 100) }] })));
    expect(replies.every((r) => r.ok === 1 && r.n === 1)).toBe(true);
    const count = await wire.command({ count: bulk });
    expect(count.n).toBe(50);
  });

  test('a failing command answers its error, and the wire stays usable', async () => {
    if (skip()) return;
    const reply = await wire.command({ noSuchCommand: 1 });
    expect(reply.ok).toBe(0);
    expect(typeof reply.errmsg).toBe('string');
    expect(wire.usable).toBe(true);
    expect((await wire.command({ ping: 1 })).ok).toBe(1);
  });
});

test('over a lane into a durable stand-in, a write is answered once journaled, and survives a restart; a stopped stand-in is not usable', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-lane-'));
  const own = await startStandin({ dataDir });
  const lane = createHotWire({ host: '127.0.0.1', port: own.port }, 'lane_stop');
  expect((await lane.command({ insert: 'kept', documents: [{ _id: 1, text: 'journaled' }] })).n).toBe(1);
  expect(lane.usable).toBe(true);
  // In flight together, a j:false update is answered ahead of the journaled inserts before it:
  // each reply still reaches its own command (found by CI: matched by arrival, an insert got an
  // update's reply).
  await lane.command({ insert: 'pairs', documents: Array.from({ length: 20 }, (_, i) => ({ _id: i, seq: 0 })) });
  const mixed = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? lane.command({ insert: 'many', documents: [{ i }, { i }, { i }].slice(0, 1 + (i % 3)) })
        : lane.command({ update: 'pairs', updates: [{ q: { _id: (i - 1) / 2 }, u: { $set: { seq: i } } }], writeConcern: { j: false } }),
    ),
  );
  mixed.forEach((reply, i) => {
    if (i % 2 === 0) expect([i, reply.n, reply.nModified]).toEqual([i, 1 + (i % 3), undefined]);
    else expect([i, reply.n, reply.nModified]).toEqual([i, 1, 1]);
  });
  await own.stop();
  expect(lane.usable).toBe(false);
  expect(openLocalLane('127.0.0.1', own.port)).toBeNull();
  const again = await startStandin({ dataDir });
  try {
    const reader = await MongoClient.connect(again.uri);
    expect(await reader.db('lane_stop').collection('kept').findOne({ _id: 1 as never })).toEqual({ _id: 1, text: 'journaled' } as never);
    await reader.close();
  } finally {
    await again.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a stand-in stopping with a lane request still owed answers or refuses it: it never hangs', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-lane-stop-'));
  const own = await startStandin({ dataDir });
  try {
    const lane = createHotWire({ host: '127.0.0.1', port: own.port }, 'lane_owed');
    const owed = lane.command({ insert: 'late', documents: [{ at: 1 }] }).then(
      () => 'answered',
      () => 'refused',
    );
    await own.stop();
    const outcome = await Promise.race([owed, Bun.sleep(5_000).then(() => 'hung')]);
    expect(['answered', 'refused']).toContain(outcome);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
