import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { MongoBulkWriteError, ObjectId } from 'mongodb';
import mongoose from 'mongoose';
import { connectMongoose, disconnect } from '../mongoose.ts';
import { type LooseDoc, type Target, openTarget, serverError } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('unique');
});
afterAll(async () => {
  await t.stop();
});


describe('unique indexes', () => {
  test('duplicate insert: exact E11000 shape, nothing written', async () => {
    const c = t.db.collection<LooseDoc>('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x.io', n: 1 });
    const err = await serverError(c.insertOne({ email: 'a@x.io', n: 2 }));
    expect(err.code).toBe(11000);
    expect(err.message).toBe(`E11000 duplicate key error collection: ${t.dbName}.users index: email_1 dup key: { email: "a@x.io" }`);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(await c.countDocuments()).toBe(1);
  });

  test('_id is always unique', async () => {
    const c = t.db.collection<LooseDoc>('ids');
    const _id = new ObjectId();
    await c.insertOne({ _id });
    const err = await serverError(c.insertOne({ _id }));
    expect(err.code).toBe(11000);
    expect(err.message).toBe(`E11000 duplicate key error collection: ${t.dbName}.ids index: _id_ dup key: { _id: ObjectId('${_id.toHexString()}') }`);
    expect(err.keyValue?._id).toBeInstanceOf(ObjectId);
  });

  test('insertMany ordered stops at the first duplicate; unordered reports each', async () => {
    const c = t.db.collection<LooseDoc>('batch');
    await c.createIndex({ k: 1 }, { unique: true });
    const ordered = await c.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]).catch((e: unknown) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    const oe = ordered as MongoBulkWriteError;
    expect(oe.insertedCount).toBe(2);
    const errs = Array.isArray(oe.writeErrors) ? oe.writeErrors : [oe.writeErrors];
    expect(errs.map((w) => w.index)).toEqual([2]);
    expect(errs[0]?.code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
    const unordered = (await c.insertMany([{ k: 2 }, { k: 4 }, { k: 1 }, { k: 5 }], { ordered: false }).catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(unordered.insertedCount).toBe(2);
    const uerrs = Array.isArray(unordered.writeErrors) ? unordered.writeErrors : [unordered.writeErrors];
    expect(uerrs.map((w) => w.index)).toEqual([0, 2]);
    expect(uerrs[0]?.errInfo === undefined || typeof uerrs[0]?.errInfo === 'object').toBe(true);
    expect(await c.countDocuments()).toBe(4);
  });

  test('compound unique index', async () => {
    const c = t.db.collection<LooseDoc>('compound');
    await c.createIndex({ chatId: 1, clientId: 1 }, { unique: true });
    await c.insertMany([{ chatId: 'c1', clientId: 'm1' }, { chatId: 'c1', clientId: 'm2' }, { chatId: 'c2', clientId: 'm1' }]);
    const err = await serverError(c.insertOne({ chatId: 'c1', clientId: 'm2' }));
    expect(err.message).toBe(`E11000 duplicate key error collection: ${t.dbName}.compound index: chatId_1_clientId_1 dup key: { chatId: "c1", clientId: "m2" }`);
    expect(err.keyPattern).toEqual({ chatId: 1, clientId: 1 });
    expect(err.keyValue).toEqual({ chatId: 'c1', clientId: 'm2' });
  });

  test('missing fields collide as null unless the index is sparse', async () => {
    const plain = t.db.collection<LooseDoc>('nulls');
    await plain.createIndex({ phone: 1 }, { unique: true });
    await plain.insertOne({ name: 'a' });
    const err = await serverError(plain.insertOne({ name: 'b' }));
    expect(err.message).toEndWith('index: phone_1 dup key: { phone: null }');
    expect(err.keyValue).toEqual({ phone: null });

    const sparse = t.db.collection<LooseDoc>('sparse');
    await sparse.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'a' }, { name: 'b' }, { phone: '1' }]);
    expect((await serverError(sparse.insertOne({ phone: '1' }))).code).toBe(11000);
  });

  test('partial unique index only covers matching documents', async () => {
    const c = t.db.collection<LooseDoc>('partial');
    await c.createIndex({ email: 1 }, { unique: true, name: 'active_email', partialFilterExpression: { active: true } });
    await c.insertMany([{ email: 'a', active: false }, { email: 'a', active: false }, { email: 'a', active: true }]);
    const err = await serverError(c.insertOne({ email: 'a', active: true }));
    expect(err.message).toBe(`E11000 duplicate key error collection: ${t.dbName}.partial index: active_email dup key: { email: "a" }`);
    const upd = await serverError(c.updateOne({ active: false }, { $set: { active: true } }));
    expect(upd.code).toBe(11000);
    expect(await c.countDocuments({ active: true })).toBe(1);
  });

  test('updates, upserts and findOneAndUpdate that would collide write nothing', async () => {
    const c = t.db.collection<LooseDoc>('updates');
    await c.createIndex({ slug: 1 }, { unique: true });
    await c.insertMany([{ slug: 'a', v: 1 }, { slug: 'b', v: 1 }]);
    expect((await serverError(c.updateOne({ slug: 'b' }, { $set: { slug: 'a', v: 2 } }))).code).toBe(11000);
    expect(await c.findOne({ slug: 'b' }, { projection: { _id: 0 } })).toEqual({ slug: 'b', v: 1 });
    expect((await serverError(c.updateOne({ slug: 'zzz' }, { $set: { v: 3 }, $setOnInsert: { slug: 'a' } }, { upsert: true }))).code).toBe(11000);
    const fam = await serverError(c.findOneAndUpdate({ slug: 'b' }, { $set: { slug: 'a' } }));
    expect(fam.code).toBe(11000);
    expect(fam.keyValue).toEqual({ slug: 'a' });
    expect(await c.countDocuments()).toBe(2);
    // Changing a document to its own key is not a conflict.
    expect((await c.updateOne({ slug: 'a' }, { $set: { slug: 'a', v: 5 } })).modifiedCount).toBe(1);
  });

  test('multikey unique: array elements are keys', async () => {
    const c = t.db.collection<LooseDoc>('multikey');
    await c.createIndex({ aliases: 1 }, { unique: true });
    await c.insertOne({ aliases: ['x', 'y', 'x'] });
    const err = await serverError(c.insertOne({ aliases: ['z', 'y'] }));
    expect(err.keyValue).toEqual({ aliases: 'y' });
  });

  test('building a unique index over duplicates fails with 11000', async () => {
    const c = t.db.collection<LooseDoc>('late');
    await c.insertMany([{ u: 1 }, { u: 1 }]);
    const err = await serverError(c.createIndex({ u: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
  });

  test('a mongoose model with a unique path raises code 11000', async () => {
    const conn = await connectMongoose(t.uri, t.dbName);
    try {
      const Member = conn.model(
        'Member',
        new mongoose.Schema({ orgId: { type: String, required: true }, email: { type: String, required: true } }).index(
          { orgId: 1, email: 1 },
          { unique: true },
        ),
      );
      await Member.init();
      await Member.create({ orgId: 'o', email: 'e@x.io' });
      await Member.create({ orgId: 'p', email: 'e@x.io' });
      const err = await Member.create({ orgId: 'o', email: 'e@x.io' }).catch((e: unknown) => e);
      expect((err as { code?: number }).code).toBe(11000);
      expect((err as { keyValue?: unknown }).keyValue).toEqual({ orgId: 'o', email: 'e@x.io' });
      const indexes = await Member.listIndexes();
      expect(indexes.map((i: { name: string }) => i.name).sort()).toEqual(['_id_', 'orgId_1_email_1']);
    } finally {
      await disconnect(conn);
    }
  });
});

describe('reads through unique indexes', () => {
  test('equality on every field of a unique (partial, compound, multikey) index finds exactly what a scan finds', async () => {
    const c = t.db.collection<LooseDoc>('lookups');
    await c.createIndex({ chat: 1, client: 1 }, { unique: true, partialFilterExpression: { client: { $type: 'string' } } });
    await c.createIndex({ tags: 1 }, { unique: true, sparse: true });
    const chat = new ObjectId();
    await c.insertMany([
      { chat, client: 'a', n: 1 },
      { chat, client: null, n: 2 },
      { chat, n: 3 },
      { chat: new ObjectId(), client: 'a', n: 4 },
      { tags: ['x', 'y'], n: 5 },
    ]);
    const ns = async (filter: LooseDoc) => (await c.find(filter).toArray()).map((d) => d.n).sort();
    expect(await ns({ chat, client: 'a' })).toEqual([1]);
    expect(await ns({ chat, client: 'a', n: 2 })).toEqual([]);
    expect(await ns({ chat, client: 'zzz' })).toEqual([]);
    // null is outside the partial index: the documents must still be found.
    expect(await ns({ chat, client: null })).toEqual([2, 3]);
    expect(await ns({ tags: 'y' })).toEqual([5]);
    expect(await ns({ tags: ['x', 'y'] })).toEqual([5]);
  });
});
