/**
 * Refusals checked up front, as mongod parses before it reads: an unknown operator fails on a
 * missing or empty collection too. Cursors close when the first batch holds everything; `let`
 * variables reach filters.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type CommandStartedEvent, MongoClient } from 'mongodb';
import { type LooseDoc, type Target, onRealMongo, openTarget, serverError } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('fidelity');
});
afterAll(async () => {
  await t.stop();
});


describe('unknown operators are refused before any document is read', () => {
  test('find with an unknown top-level operator, on a missing collection: BadValue (2)', async () => {
    const err = await serverError(t.db.collection<LooseDoc>('missing').find({ $bogus: 1 }).toArray());
    expect(err.code).toBe(2);
    expect(err.message).toStartWith('unknown top level operator: $bogus');
  });

  test('find with an unknown field operator, on a missing collection: BadValue (2)', async () => {
    const err = await serverError(t.db.collection<LooseDoc>('missing').find({ a: { $bogus: 1 } }).toArray());
    expect(err.code).toBe(2);
    expect(err.message).toBe('unknown operator: $bogus');
  });

  test('countDocuments / deleteMany / findOneAndUpdate refuse them too', async () => {
    const coll = t.db.collection<LooseDoc>('missing');
    expect((await serverError(coll.countDocuments({ a: { $bogus: 1 } }))).code).toBe(2);
    expect((await serverError(coll.deleteMany({ $bogus: 1 }))).code).toBe(2);
    expect((await serverError(coll.findOneAndUpdate({ a: { $bogus: 1 } }, { $set: { b: 1 } }))).code).toBe(2);
  });

  test('updateMany with an unknown update operator on an empty collection: FailedToParse (9)', async () => {
    await t.db.createCollection('empty_for_update');
    const err = await serverError(t.db.collection<LooseDoc>('empty_for_update').updateMany({}, { $bogus: {} } as LooseDoc));
    expect(err.code).toBe(9);
    expect(err.message).toBe('Unknown modifier: $bogus. Expected a valid update modifier or pipeline-style update specified as an array');
  });

  test('an unknown pipeline stage, on a missing collection: 40324', async () => {
    const err = await serverError(t.db.collection<LooseDoc>('missing').aggregate([{ $bogus: {} }]).toArray());
    expect(err.code).toBe(40324);
    expect(err.message).toBe("Unrecognized pipeline stage name: '$bogus'");
  });

  test('an unknown expression in $expr: 168; an unknown accumulator in $group: 15952', async () => {
    const coll = t.db.collection<LooseDoc>('missing');
    expect((await serverError(coll.find({ $expr: { $bogus: ['$a', 1] } }).toArray())).code).toBe(168);
    expect((await serverError(coll.aggregate([{ $group: { _id: null, n: { $bogus: 1 } } }]).toArray())).code).toBe(15952);
    expect((await serverError(coll.aggregate([{ $addFields: { x: { $bogus: 1 } } }]).toArray())).code).toBe(168);
  });

  test('an unknown expression in $project: 31325; a $match inside an update pipeline: InvalidOptions (72)', async () => {
    const coll = t.db.collection<LooseDoc>('missing');
    const project = await serverError(coll.aggregate([{ $project: { x: { $bogus: 1 } } }]).toArray());
    expect(project.code).toBe(31325);
    expect(project.message).toContain('$bogus');
    const pipelineUpdate = await serverError(coll.updateMany({}, [{ $match: { a: 1 } }]));
    expect(pipelineUpdate.code).toBe(72);
    expect(pipelineUpdate.message).toBe('$match is not allowed to be used within an update');
  });

  test('$text in a later $match stage is refused (17313)', async () => {
    const err = await serverError(t.db.collection<LooseDoc>('missing').aggregate([{ $limit: 1 }, { $match: { $text: { $search: 'x' } } }]).toArray());
    expect(err.code).toBe(17313);
  });

  test('$-prefixed field names inside _id are refused: DollarPrefixedFieldName (52)', async () => {
    const err = await serverError(t.db.collection<LooseDoc>('ids').insertOne({ _id: { $a: 1 } }));
    expect(err.code).toBe(52);
    expect(err.message).toContain("_id fields may not contain '$'-prefixed fields: $a is not valid for storage.");
    expect(await t.db.collection('ids').countDocuments()).toBe(0);
  });
});

test.skipIf(onRealMongo)('sort on updateOne is refused as MongoDB 7.0 (the reported version) refuses it', async () => {
  const coll = t.db.collection<LooseDoc>('sorted');
  await coll.insertMany([{ n: 1 }, { n: 2 }]);
  const err = await serverError(coll.updateOne({}, { $set: { hit: true } }, { sort: { n: -1 } }));
  expect(err.code).toBe(40415);
  expect(err.message).toBe("BSON field 'update.updates.sort' is an unknown field.");
  expect(await coll.countDocuments({ hit: true })).toBe(0);
});

describe('cursors close when the first batch holds everything', () => {
  let client: MongoClient;
  const started: string[] = [];
  beforeAll(async () => {
    client = new MongoClient(t.uri, { monitorCommands: true, serverSelectionTimeoutMS: 5_000 });
    client.on('commandStarted', (e: CommandStartedEvent) => started.push(e.commandName));
    await client.connect();
    await client.db(t.dbName).collection<LooseDoc>('batches').insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });
  afterAll(async () => {
    await client.close();
  });

  test('findOne that matches nothing / something, find, aggregate: no getMore', async () => {
    const coll = client.db(t.dbName).collection<LooseDoc>('batches');
    started.length = 0;
    expect(await coll.findOne({ a: 99 })).toBeNull();
    expect((await coll.findOne({ a: 2 }))?.a).toBe(2);
    expect(await coll.find({}).toArray()).toHaveLength(3);
    expect(await coll.find({ a: { $gt: 5 } }).toArray()).toHaveLength(0);
    expect(await coll.aggregate([{ $match: { a: { $gte: 2 } } }]).toArray()).toHaveLength(2);
    expect(await client.db(t.dbName).collection('nothing_here').findOne({})).toBeNull();
    expect(started.filter((n) => n === 'getMore')).toEqual([]);
    expect(started.filter((n) => n === 'find' || n === 'aggregate')).toHaveLength(6);
  });

  test('results larger than the batch still page through getMore', async () => {
    const coll = client.db(t.dbName).collection<LooseDoc>('batches');
    started.length = 0;
    expect(await coll.find({}, { batchSize: 2 }).toArray()).toHaveLength(3);
    expect(started.filter((n) => n === 'getMore')).toHaveLength(1);
  });
});

describe('command-level let', () => {
  beforeAll(async () => {
    await t.db.collection<LooseDoc>('lets').insertMany([
      { _id: 1, owner: 'ann', n: 1 },
      { _id: 2, owner: 'bob', n: 2 },
      { _id: 3, owner: 'ann', n: 3 },
    ]);
  });

  test('reaches find filters and a leading $match of aggregate', async () => {
    const coll = t.db.collection<LooseDoc>('lets');
    const found = await coll.find({ $expr: { $eq: ['$owner', '$$who'] } }, { let: { who: 'ann' } }).toArray();
    expect(found.map((d) => d._id)).toEqual([1, 3]);
    const agg = await coll.aggregate([{ $match: { $expr: { $gt: ['$n', '$$min'] } } }, { $project: { _id: 1 } }], { let: { min: 1 } }).toArray();
    expect(agg.map((d) => d._id)).toEqual([2, 3]);
  });

  test('reaches update, delete and findAndModify filters', async () => {
    const coll = t.db.collection<LooseDoc>('lets');
    const upd = await coll.updateMany({ $expr: { $eq: ['$owner', '$$who'] } }, { $set: { seen: true } }, { let: { who: 'bob' } });
    expect(upd.modifiedCount).toBe(1);
    const fam = await coll.findOneAndUpdate({ $expr: { $eq: ['$n', '$$n'] } }, { $set: { picked: true } }, { let: { n: 3 }, returnDocument: 'after' });
    expect(fam?._id).toBe(3);
    const del = await coll.deleteMany({ $expr: { $lt: ['$n', '$$max'] } }, { let: { max: 2 } });
    expect(del.deletedCount).toBe(1);
    expect((await coll.find({}).toArray()).map((d) => d._id)).toEqual([2, 3]);
    await coll.updateOne({ _id: 2 }, [{ $set: { tag: '$$tag' } }], { let: { tag: 'vip' } });
    expect((await coll.findOne({ _id: 2 }))?.tag).toBe('vip');
  });
});
