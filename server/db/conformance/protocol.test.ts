import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import net from 'node:net';
import { BSON, MongoServerError } from 'mongodb';
import { type LooseDoc, type Target, onRealMongo, openTarget } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('protocol');
});
afterAll(async () => {
  await t.stop();
});

function hostPort(uri: string): { host: string; port: number } {
  const m = /^mongodb:\/\/(?:[^@/]*@)?([^:/,]+):(\d+)/.exec(uri);
  if (!m) throw new Error(`cannot parse ${uri}`);
  return { host: m[1] as string, port: Number(m[2]) };
}

function opMsg(body: Record<string, unknown>, requestId = 1): Buffer {
  const doc = BSON.serialize(body);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + doc.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(2013, 12);
  header.writeUInt32LE(0, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, doc]);
}

/** Sends raw bytes; resolves with the first reply document, or 'closed' when the server hangs up. */
function rawExchange(bytes: Buffer, timeoutMs = 3_000): Promise<Record<string, unknown> | 'closed'> {
  const { host, port } = hostPort(t.uri);
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host, () => sock.write(bytes));
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('no reply and no close: the server hung'));
    }, timeoutMs);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(BSON.deserialize(buf.subarray(21, buf.readInt32LE(0))));
      }
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    sock.on('error', () => undefined);
  });
}

describe('errors', () => {
  test('unknown command answers CommandNotFound (59)', async () => {
    const err = await t.db.command({ frobnicate: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(59);
    expect((err as MongoServerError).codeName).toBe('CommandNotFound');
    expect((err as MongoServerError).message).toBe("no such command: 'frobnicate'");
  });

  test('change streams are refused like on a standalone mongod', async () => {
    const err = await t.db.collection('x').aggregate([{ $changeStream: {} }]).toArray().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    if (!onRealMongo) expect((err as MongoServerError).code).toBe(40573);
  });

  test('$text without a text index is IndexNotFound (27), never a hang or a wrong result', async () => {
    await t.db.collection<LooseDoc>('texts').insertOne({ body: 'hello world' });
    const err = await t.db.collection('texts').find({ $text: { $search: 'hello' } }).toArray().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(27);
  });

  test('create on an existing collection is NamespaceExists (48)', async () => {
    await t.db.createCollection('made');
    const err = await t.db.createCollection('made').catch((e: unknown) => e);
    expect((err as MongoServerError).code).toBe(48);
  });

  test('a malformed frame closes only that connection; others keep working', async () => {
    const garbage = Buffer.alloc(32, 0xff);
    garbage.writeInt32LE(32, 0);
    garbage.writeInt32LE(2013, 12);
    garbage.writeUInt32LE(0, 16);
    garbage.writeUInt8(0, 20);
    garbage.writeInt32LE(1_000_000, 21); // BSON length past the frame
    const [bad, insane] = await Promise.all([rawExchange(garbage), rawExchange(Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4]))]);
    expect(bad).toBe('closed');
    expect(insane).toBe('closed');
    expect((await t.db.command({ ping: 1 })).ok).toBe(1);
    await t.db.collection('alive').insertOne({ ok: true });
    expect(await t.db.collection('alive').countDocuments()).toBe(1);
  });

  test('a raw OP_MSG unknown command gets a reply, not a hang', async () => {
    const reply = await rawExchange(opMsg({ notACommand: 1, $db: 'admin' }));
    expect(reply).toMatchObject({ ok: 0, code: 59 });
  });
});

/** Collects `count` reply frames from one connection after writing `bytes`. */
function rawReplies(bytes: Buffer[], count: number, timeoutMs = 3_000): Promise<Buffer[]> {
  const { host, port } = hostPort(t.uri);
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host, () => {
      for (const b of bytes) sock.write(b);
    });
    let buf = Buffer.alloc(0);
    const frames: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`got ${frames.length} of ${count} replies`));
    }, timeoutMs);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        const len = buf.readInt32LE(0);
        frames.push(buf.subarray(0, len));
        buf = buf.subarray(len);
      }
      if (frames.length >= count) {
        clearTimeout(timer);
        sock.destroy();
        resolve(frames);
      }
    });
    sock.on('error', () => undefined);
  });
}

function frame(opCode: number, payload: Buffer, requestId: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, payload]);
}

// Raw wire details only the stand-in is tested on: a real mongod verifies the CRC-32C we fake here.
const standinOnly = onRealMongo ? describe.skip : describe;
standinOnly('wire protocol details', () => {
  test('legacy OP_QUERY isMaster gets an OP_REPLY', async () => {
    const ns = Buffer.from('admin.$cmd\0');
    const skipReturn = Buffer.alloc(8);
    skipReturn.writeInt32LE(-1, 4);
    const payload = Buffer.concat([Buffer.alloc(4), ns, skipReturn, BSON.serialize({ isMaster: 1, helloOk: true })]);
    const [reply] = await rawReplies([frame(2004, payload, 7)], 1);
    expect(reply?.readInt32LE(8)).toBe(7); // responseTo
    expect(reply?.readInt32LE(12)).toBe(1); // OP_REPLY
    expect(reply?.readInt32LE(32)).toBe(1); // numberReturned
    const doc = BSON.deserialize((reply as Buffer).subarray(36));
    expect(doc).toMatchObject({ ok: 1, ismaster: true, helloOk: true });
    expect(doc.maxWireVersion).toBeGreaterThanOrEqual(17);
  });

  test('OP_MSG document sequences, checksum flag and moreToCome', async () => {
    const body = (doc: Record<string, unknown>): Buffer => Buffer.concat([Buffer.from([0]), BSON.serialize(doc)]);
    const sequence = (id: string, docs: Record<string, unknown>[]): Buffer => {
      const inner = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => BSON.serialize(d))]);
      const size = Buffer.alloc(4);
      size.writeInt32LE(4 + inner.length, 0);
      return Buffer.concat([Buffer.from([1]), size, inner]);
    };
    const flags = (bits: number): Buffer => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(bits, 0);
      return b;
    };
    // moreToCome (bit 1): no reply expected; the insert must still happen.
    const fireAndForget = frame(2013, Buffer.concat([flags(2), body({ insert: 'raw', $db: t.dbName }), sequence('documents', [{ a: 1 }, { a: 2 }])]), 1);
    // checksumPresent (bit 0): 4 trailing bytes the stand-in strips without verifying.
    const withChecksum = frame(2013, Buffer.concat([flags(1), body({ count: 'raw', $db: t.dbName }), Buffer.alloc(4)]), 2);
    const [reply] = await rawReplies([fireAndForget, withChecksum], 1);
    expect(reply?.readInt32LE(8)).toBe(2);
    expect(BSON.deserialize((reply as Buffer).subarray(21))).toMatchObject({ ok: 1, n: 2 });
  });
});

describe('collections and indexes', () => {
  test('listCollections / listIndexes / dropIndexes / drop / dropDatabase', async () => {
    const db = t.client.db(`${t.dbName}_admin`);
    await db.collection<LooseDoc>('a').insertOne({ x: 1 });
    await db.collection('b').createIndex({ y: -1, z: 1 }, { name: 'yz', sparse: true });
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['a', 'b']);
    expect((await db.listCollections({ name: 'b' }).toArray()).length).toBe(1);
    const idx = await db.collection('b').listIndexes().toArray();
    expect(idx.map((i) => i.name)).toEqual(['_id_', 'yz']);
    expect(idx[1]).toMatchObject({ key: { y: -1, z: 1 }, sparse: true });
    expect(await db.collection('b').indexExists('yz')).toBe(true);
    // Re-creating an identical index is a no-op; same name with another key is refused.
    await db.collection('b').createIndex({ y: -1, z: 1 }, { name: 'yz', sparse: true });
    const conflict = await db.collection('b').createIndex({ q: 1 }, { name: 'yz' }).catch((e: unknown) => e);
    expect([85, 86]).toContain(Number((conflict as MongoServerError).code));
    await db.collection('b').dropIndex('yz');
    expect((await db.collection('b').listIndexes().toArray()).length).toBe(1);
    const missing = await db.collection('b').dropIndex('nope').catch((e: unknown) => e);
    expect((missing as MongoServerError).code).toBe(27);
    const noNs = await db.collection('nothing').listIndexes().toArray().catch((e: unknown) => e);
    expect((noNs as MongoServerError).code).toBe(26);
    expect(await db.collection('a').drop()).toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['b']);
    expect(await db.dropDatabase()).toBe(true);
    const dbs = await t.client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(dbs.databases.map((d) => d.name)).not.toContain(`${t.dbName}_admin`);
  });

  test('renameCollection keeps documents and indexes', async () => {
    const db = t.client.db(`${t.dbName}_rename`);
    await db.collection<LooseDoc>('old').insertOne({ k: 1 });
    await db.collection('old').createIndex({ k: 1 }, { unique: true });
    await db.renameCollection('old', 'new');
    expect(await db.collection('new').countDocuments()).toBe(1);
    expect((await db.collection('new').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'k_1']);
    expect((await db.listCollections({ name: 'old' }).toArray()).length).toBe(0);
    await db.dropDatabase();
  });

  test('standalone: no transactions, but sessions are accepted', async () => {
    const hello = await t.client.db('admin').command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
    if (!onRealMongo) expect(hello.setName).toBeUndefined();
    const session = t.client.startSession();
    try {
      await t.db.collection<LooseDoc>('sess').insertOne({ a: 1 }, { session });
      expect(await t.db.collection('sess').countDocuments({}, { session })).toBe(1);
    } finally {
      await session.endSession();
    }
  });
});
