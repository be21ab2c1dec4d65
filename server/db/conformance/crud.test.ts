import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { Binary, Decimal128, type Document, Long, ObjectId } from 'mongodb';
import { type LooseDoc, type Target, openTarget } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('crud');
});
afterAll(async () => {
  await t.stop();
});

describe('insert and find', () => {
  test('round-trips BSON types intact', async () => {
    const c = t.db.collection<LooseDoc>('types');
    const id = new ObjectId();
    const doc = {
      _id: id,
      date: new Date('2024-03-01T12:34:56.789Z'),
      long: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('12.345'),
      bin: new Binary(Buffer.from([1, 2, 3, 250])),
      nested: [[1, 2], [{ a: 'x' }], []],
      obj: { deep: { ref: new ObjectId() } },
      nil: null,
      bool: true,
      dbl: 1.5,
      str: 'héllo',
    };
    await c.insertOne(doc);
    const back = await t.client.db(t.dbName).collection<LooseDoc>('types').findOne({ _id: id }, { promoteLongs: false });
    expect(back).not.toBeNull();
    expect(back?._id).toBeInstanceOf(ObjectId);
    expect((back?._id as ObjectId).equals(id)).toBe(true);
    expect(back?.date).toEqual(doc.date);
    expect(back?.long).toBeInstanceOf(Long);
    expect(String(back?.long)).toBe('9007199254740993');
    expect(back?.dec).toBeInstanceOf(Decimal128);
    expect(String(back?.dec)).toBe('12.345');
    expect(Buffer.from((back?.bin as Binary).buffer).equals(Buffer.from([1, 2, 3, 250]))).toBe(true);
    expect(back?.nested).toEqual(doc.nested);
    expect((back?.obj as { deep: { ref: ObjectId } }).deep.ref.equals(doc.obj.deep.ref)).toBe(true);
    expect(back?.nil).toBeNull();
    expect(back?.dbl).toBe(1.5);
    expect(back?.str).toBe('héllo');
  });

  test('stores _id first and queries by ObjectId, Date ranges and $in', async () => {
    const c = t.db.collection<LooseDoc>('people');
    const base = new Date('2024-01-01T00:00:00Z');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await c.insertMany(
      ids.map((_id, i) => ({ name: `p${i}`, at: new Date(base.getTime() + i * 60_000), _id, tags: i === 1 ? ['a', 'b'] : ['c'] })),
    );
    const raw = await c.findOne({ _id: ids[1] });
    expect(Object.keys(raw ?? {})[0]).toBe('_id');
    expect(raw?.name).toBe('p1');
    expect(await c.countDocuments({ at: { $gte: new Date(base.getTime() + 60_000) } })).toBe(2);
    expect(await c.countDocuments({ _id: { $in: [ids[0], ids[2]] } })).toBe(2);
    expect(await c.countDocuments({ tags: 'b' })).toBe(1);
    expect(await c.countDocuments({ _id: { $gt: ids[0] } })).toBe(2);
  });

  test('sorts, skips, limits and projects', async () => {
    const c = t.db.collection<LooseDoc>('sorting');
    await c.insertMany([
      { k: 3, s: 'c', g: 1 },
      { k: 1, s: 'a', g: 2 },
      { k: 2, s: 'b', g: 1 },
      { k: null, s: 'n', g: 2 },
      { s: 'missing', g: 2 },
    ]);
    const asc = await c.find({}, { projection: { _id: 0, s: 1 } }).sort({ k: 1, s: 1 }).toArray();
    expect(asc.map((d) => d.s)).toEqual(['missing', 'n', 'a', 'b', 'c']);
    const desc = await c.find({ g: 2 }).sort({ k: -1 }).limit(2).toArray();
    expect(desc.map((d) => d.s)).toEqual(['a', 'n']);
    const page = await c.find({}).sort({ s: 1 }).skip(1).limit(2).project({ s: 1, _id: 0 }).toArray();
    expect(page).toEqual([{ s: 'b' }, { s: 'c' }]);
    const multi = await c.find({}).sort({ g: 1, k: -1 }).project({ _id: 0, s: 1 }).toArray();
    expect(multi.map((d) => d.s)).toEqual(['c', 'b', 'a', 'n', 'missing']);
  });

  test('cursors deliver results over several batches', async () => {
    const c = t.db.collection<LooseDoc>('many');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const all = await c.find({}, { batchSize: 7 }).sort({ i: 1 }).toArray();
    expect(all.length).toBe(250);
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const cursor = c.find({}, { batchSize: 10 });
    const first = await cursor.next();
    expect(first?.i).toBe(0);
    await cursor.close();
    const agg = await c.aggregate([{ $match: { i: { $lt: 120 } } }, { $sort: { i: -1 } }], { cursor: { batchSize: 5 } }).toArray();
    expect(agg.length).toBe(120);
    expect(agg[0]?.i).toBe(119);
  });
});

describe('indexed equality lookups', () => {
  test('return exactly what a scan would, in natural order, across updates', async () => {
    const c = t.db.collection<LooseDoc>('indexed');
    await c.createIndex({ chatId: 1, seq: 1 });
    await c.createIndex({ 'items.sku': 1 });
    await c.createIndex({ tags: 1 });
    await c.insertMany([
      { chatId: 'a', seq: 1, tags: ['x', 'y'], items: [{ sku: 'k1' }, { sku: 'k2' }] },
      { chatId: 'b', seq: 1, tags: [], items: [] },
      { chatId: 'a', seq: 2, tags: 'x' },
      { seq: 3 },
      { chatId: null, seq: 4, items: [{ sku: 'k2' }] },
    ]);
    const seqs = async (filter: LooseDoc) => (await c.find(filter).toArray()).map((d) => d.seq);
    expect(await seqs({ chatId: 'a' })).toEqual([1, 2]);
    expect(await seqs({ chatId: { $in: ['b', 'a'] } })).toEqual([1, 1, 2]);
    expect(await seqs({ chatId: null })).toEqual([3, 4]);
    expect(await seqs({ chatId: { $eq: 'a' }, seq: { $gt: 1 } })).toEqual([2]);
    expect(await seqs({ 'items.sku': 'k2' })).toEqual([1, 4]);
    expect(await seqs({ tags: 'x' })).toEqual([1, 2]);
    expect(await seqs({ tags: ['x', 'y'] })).toEqual([1]);
    await c.updateOne({ seq: 1, chatId: 'a' }, { $set: { chatId: 'c' } });
    await c.updateOne({ seq: 3 }, { $set: { chatId: 'a' } });
    expect(await seqs({ chatId: 'a' })).toEqual([2, 3]);
    expect(await seqs({ chatId: 'c' })).toEqual([1]);
    await c.deleteOne({ seq: 2 });
    expect(await seqs({ chatId: 'a' })).toEqual([3]);
    expect((await c.find({ chatId: 'a' }).sort({ seq: -1 }).limit(1).toArray())[0]?.seq).toBe(3);
  });
});

describe('update', () => {
  test('operators', async () => {
    const c = t.db.collection('ops');
    // The driver's PushOperator/PullOperator typings reject these valid forms on untyped collections.
    const pushEach: Document = { arr: { $each: [4, 5] } };
    const pullGte: Document = { arr: { $gte: 4 } };
    const { insertedId } = await c.insertOne({ n: 1, arr: [1, 2, 3], nested: { a: 1 }, old: 'x', items: [{ id: 1, q: 1 }, { id: 2, q: 5 }] });
    await c.updateOne(
      { _id: insertedId },
      {
        $inc: { n: 2 },
        $push: pushEach,
        $set: { 'nested.b': 2, 'deep.new.path': true },
        $unset: { old: '' },
        $addToSet: { tags: 'x' },
        $currentDate: { touched: true },
      },
    );
    await c.updateOne({ _id: insertedId }, { $pull: pullGte, $max: { n: 10 }, $min: { low: 5 }, $rename: { nested: 'moved' } });
    await c.updateOne({ _id: insertedId, 'items.id': 2 }, { $set: { 'items.$.q': 6 } });
    await c.updateOne({ _id: insertedId }, { $inc: { 'items.$[it].q': 10 } }, { arrayFilters: [{ 'it.q': { $lt: 5 } }] });
    await c.updateOne({ _id: insertedId }, { $addToSet: { tags: 'x' }, $mul: { n: 2 }, $pop: { arr: 1 } });
    const d = await c.findOne({ _id: insertedId });
    expect(d?.n).toBe(20);
    expect(d?.arr).toEqual([1, 2]);
    expect(d?.moved).toEqual({ a: 1, b: 2 });
    expect(d?.nested).toBeUndefined();
    expect(d?.deep).toEqual({ new: { path: true } });
    expect(d?.old).toBeUndefined();
    expect(d?.tags).toEqual(['x']);
    expect(d?.touched).toBeInstanceOf(Date);
    expect(d?.low).toBe(5);
    expect(d?.items).toEqual([{ id: 1, q: 11 }, { id: 2, q: 6 }]);
  });

  test('reports matched/modified counts and multi updates', async () => {
    const c = t.db.collection<LooseDoc>('counts');
    await c.insertMany([{ g: 1, v: 0 }, { g: 1, v: 0 }, { g: 2, v: 0 }]);
    const one = await c.updateOne({ g: 1 }, { $set: { v: 1 } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const many = await c.updateMany({ g: 1 }, { $set: { v: 1 } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 1]);
    const none = await c.updateMany({ g: 9 }, { $set: { v: 1 } });
    expect([none.matchedCount, none.modifiedCount, none.upsertedCount]).toEqual([0, 0, 0]);
  });

  test('upsert with $setOnInsert, filter equality seeding and replacement', async () => {
    const c = t.db.collection<LooseDoc>('upserts');
    const r1 = await c.updateOne(
      { orgId: 'o1', email: 'a@x.io', score: { $gt: 3 } },
      { $set: { name: 'A' }, $setOnInsert: { createdAt: new Date(0) }, $inc: { visits: 1 } },
      { upsert: true },
    );
    expect(r1.upsertedCount).toBe(1);
    expect(r1.upsertedId).toBeInstanceOf(ObjectId);
    const inserted = await c.findOne({ _id: r1.upsertedId as ObjectId });
    expect(inserted).toMatchObject({ orgId: 'o1', email: 'a@x.io', name: 'A', visits: 1, createdAt: new Date(0) });
    expect(inserted?.score).toBeUndefined();
    await c.updateOne({ _id: r1.upsertedId as ObjectId }, { $set: { score: 5 } });
    const r2 = await c.updateOne(
      { orgId: 'o1', email: 'a@x.io', score: { $gt: 3 } },
      { $set: { name: 'B' }, $setOnInsert: { createdAt: new Date(1) }, $inc: { visits: 1 } },
      { upsert: true },
    );
    expect([r2.matchedCount, r2.modifiedCount, r2.upsertedCount]).toEqual([1, 1, 0]);
    const updated = await c.findOne({ _id: r1.upsertedId as ObjectId });
    expect(updated).toMatchObject({ name: 'B', visits: 2, createdAt: new Date(0) });

    const r3 = await c.replaceOne({ _id: 'fixed', kind: 'x' }, { kind: 'y', v: 1 }, { upsert: true });
    expect(r3.upsertedId as unknown).toBe('fixed');
    expect(await c.findOne({ _id: 'fixed'  })).toEqual({ _id: 'fixed', kind: 'y', v: 1 });
  });

  test('pipeline updates', async () => {
    const c = t.db.collection<LooseDoc>('pipes');
    await c.insertOne({ _id: 1 , a: 2, b: 3, drop: true });
    await c.updateOne({ _id: 1  }, [
      { $set: { sum: { $add: ['$a', '$b'] }, label: { $concat: ['n', { $toString: '$a' }] } } },
      { $unset: 'drop' },
    ]);
    expect(await c.findOne({ _id: 1  })).toEqual({ _id: 1, a: 2, b: 3, sum: 5, label: 'n2' });
  });

  test('refuses to change _id', async () => {
    const c = t.db.collection<LooseDoc>('immutable');
    const { insertedId } = await c.insertOne({ a: 1 });
    const err = await c.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } }).catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(66);
  });
});

describe('delete, count, distinct, findAndModify', () => {
  test('deleteOne / deleteMany / countDocuments / estimatedDocumentCount', async () => {
    const c = t.db.collection<LooseDoc>('dels');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }, { g: 3 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect(await c.countDocuments({ g: 1 })).toBe(1);
    expect((await c.deleteMany({ g: { $in: [1, 2] } })).deletedCount).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(1);
    expect(await c.countDocuments({}, { limit: 5 })).toBe(1);
  });

  test('distinct unwinds arrays and honours the filter', async () => {
    const c = t.db.collection<LooseDoc>('distinct');
    await c.insertMany([{ t: ['a', 'b'], k: 1 }, { t: 'b', k: 1 }, { t: 'c', k: 2 }, { k: 1 }]);
    expect((await c.distinct('t', { k: 1 })).sort()).toEqual(['a', 'b']);
  });

  test('findOneAndUpdate / findOneAndDelete / findOneAndReplace', async () => {
    const c = t.db.collection<LooseDoc>('fam');
    await c.insertMany([{ q: 'x', p: 2 }, { q: 'x', p: 5 }, { q: 'y', p: 1 }]);
    const before = await c.findOneAndUpdate({ q: 'x' }, { $set: { taken: true } }, { sort: { p: -1 }, returnDocument: 'before' });
    expect(before?.p).toBe(5);
    expect(before?.taken).toBeUndefined();
    const after = await c.findOneAndUpdate({ q: 'x', taken: { $ne: true } }, { $set: { taken: true } }, { returnDocument: 'after', projection: { p: 1, _id: 0 } });
    expect(after).toEqual({ p: 2 });
    const none = await c.findOneAndUpdate({ q: 'x', taken: { $ne: true } }, { $set: { taken: true } });
    expect(none).toBeNull();
    const up = await c.findOneAndUpdate({ q: 'z' }, { $setOnInsert: { p: 9 } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(up.value?.p).toBe(9);
    expect(up.lastErrorObject?.updatedExisting).toBe(false);
    const del = await c.findOneAndDelete({ q: 'y' });
    expect(del?.p).toBe(1);
    const rep = await c.findOneAndReplace({ q: 'z' }, { q: 'z', p: 10 }, { returnDocument: 'after' });
    expect(rep?.p).toBe(10);
    expect(await c.countDocuments()).toBe(3);
  });
});
