/**
 * `$text` search: the same queries the product sends to MongoDB give the same documents in the
 * same order here. Terms are chosen so English stemming (which mongod does and the stand-in does
 * not) changes nothing; scores are compared exactly only on the stand-in.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type LooseDoc, type Target, onRealMongo, openTarget, serverError } from './harness.ts';

let t: Target;
const coll = () => t.db.collection<LooseDoc>('tickets');

beforeAll(async () => {
  t = await openTarget('text');
  await coll().insertMany([
    { _id: 1, subject: 'Refund request', body: 'I want a refund for my order' },
    { _id: 2, subject: 'Shipping delay', body: 'My order is late, where is my refund?' },
    { _id: 3, subject: 'Hello', body: 'Just saying hello' },
    { _id: 4, subject: 'Refund', body: 'refund refund refund' },
    { _id: 5, subject: 'Café opening hours', body: 'When does the CAFÉ open?' },
  ]);
  await coll().createIndex({ subject: 'text', body: 'text' }, { weights: { subject: 10 }, default_language: 'english', name: 'search' });
});
afterAll(async () => {
  await t.stop();
});

const ids = (docs: LooseDoc[]) => docs.map((d) => d._id as number);
const search = (s: string, extra: LooseDoc = {}) => coll().find({ $text: { $search: s }, ...extra }).toArray();


describe('text indexes', () => {
  test('are listed the way mongod stores them', async () => {
    const idx = (await coll().listIndexes().toArray()).find((i) => i.name === 'search');
    expect(idx?.key).toEqual({ _fts: 'text', _ftsx: 1 });
    expect(idx?.weights).toEqual({ body: 1, subject: 10 });
    expect(idx?.default_language).toBe('english');
    expect(idx?.language_override).toBe('language');
    expect(idx?.textIndexVersion).toBe(3);
  });

  test('one per collection: a second one is CannotCreateIndex (67); the same one again is a no-op', async () => {
    const err = await serverError(coll().createIndex({ body: 'text' }, { name: 'other' }));
    expect(err.code).toBe(67);
    expect(err.message).toContain('only one text index per collection allowed');
    expect(await coll().createIndex({ subject: 'text', body: 'text' }, { weights: { subject: 10 }, default_language: 'english', name: 'search' })).toBe('search');
  });

  test('$text without a text index is IndexNotFound (27), on a missing collection too', async () => {
    await t.db.collection<LooseDoc>('plain').insertOne({ body: 'hello world' });
    for (const name of ['plain', 'missing']) {
      const err = await serverError(t.db.collection<LooseDoc>(name).find({ $text: { $search: 'hello' } }).toArray());
      expect(err.code).toBe(27);
      expect(err.message).toBe('text index required for $text query');
    }
  });
});

describe('$text queries', () => {
  test('rank matches by score: weights, repetitions and whole-field matches count as on mongod', async () => {
    const docs = await coll()
      .find({ $text: { $search: 'refund' } }, { projection: { score: { $meta: 'textScore' } }, sort: { score: { $meta: 'textScore' } } })
      .toArray();
    expect(ids(docs)).toEqual([4, 1, 2]);
    if (!onRealMongo) {
      // subject "Refund" = 10 × 1 × 1 × 1.1; body "refund refund refund" = (1 + ½ + ¼) × 1
      expect(docs[0]?.score).toBeCloseTo(12.75, 6);
      expect(docs[1]?.score).toBeCloseTo(10 * 0.75 + 2 / 3, 6);
      expect(docs[2]?.score).toBeCloseTo(2 / 3, 6);
    }
  });

  test('any term matches; case and diacritics do not matter', async () => {
    expect(ids(await search('cafe')).sort()).toEqual([5]);
    expect(ids(await search('HELLO shipping')).sort()).toEqual([2, 3]);
    expect(ids(await search('opening Cafè')).sort()).toEqual([5]);
  });

  test('phrases must appear as written; -word and -"phrase" exclude', async () => {
    expect(ids(await search('"order is late"'))).toEqual([2]);
    expect(ids(await search('refund -order')).sort()).toEqual([4]);
    expect(ids(await search('refund -"my order"')).sort()).toEqual([4]);
    expect(await search('-refund')).toEqual([]);
  });

  test('stop words alone find nothing (english)', async () => {
    expect(await search('the is where')).toEqual([]);
  });

  test('combine with other conditions, count and aggregate with the score', async () => {
    expect(ids(await search('refund', { subject: /ship/i }))).toEqual([2]);
    expect(await coll().countDocuments({ $text: { $search: 'refund' } })).toBe(3);
    const agg = await coll()
      .aggregate([
        { $match: { $text: { $search: 'refund hello' } } },
        { $sort: { score: { $meta: 'textScore' } } },
        { $project: { subject: 1, score: { $meta: 'textScore' } } },
        { $limit: 2 },
      ])
      .toArray();
    // "Hello" is a whole-subject match too: 10 × 1.1 + ⅔ outranks doc 1's 10 × ¾ + ⅔.
    expect(ids(agg)).toEqual([4, 3]);
    expect(Object.keys(agg[0] ?? {}).sort()).toEqual(['_id', 'score', 'subject']);
    expect(agg[0]?.score).toBeGreaterThan(agg[1]?.score as number);
  });
});

describe('english stemming, and language none', () => {
  const load = async (name: string, language: string) => {
    const c = t.db.collection<LooseDoc>(name);
    await c.insertMany([
      { _id: 1, text: 'Meetings were rescheduled' },
      { _id: 2, text: 'Running late for the meeting' },
      { _id: 3, text: 'the run was cancelled' },
    ]);
    await c.createIndex({ text: 'text' }, { default_language: language });
    return async (s: string) => ids(await c.find({ $text: { $search: s } }).toArray()).sort();
  };

  test('english (the default) stems documents and queries alike and drops stop words', async () => {
    const find = await load('notes_en', 'english');
    expect(await find('meeting')).toEqual([1, 2]);
    expect(await find('runs')).toEqual([2, 3]);
    expect(await find('rescheduling')).toEqual([1]);
    expect(await find('the')).toEqual([]);
  });

  test('an index in language none matches tokens as written, stop words included', async () => {
    const find = await load('notes_none', 'none');
    expect(await find('meeting')).toEqual([2]);
    expect(await find('runs')).toEqual([]);
    expect(await find('the')).toEqual([2, 3]);
  });
});
