// The fast filter must answer exactly as mingo does (the general matcher it stands in for) on
// every filter it accepts, for documents of every shape: a differential test over a grid.
import { describe, expect, test } from 'bun:test';
import { Long, ObjectId } from 'bson';
import { Query } from 'mingo';
import { compileFastFilter } from './fast-filter.ts';
import { mingoOptions } from './mingo.ts';
import type { Doc } from './values.ts';

const id = new ObjectId();
const other = new ObjectId();
const day = new Date('2026-01-02T03:04:05Z');
const ids = Array.from({ length: 9 }, () => new ObjectId());

const filters: Doc[] = [
  { _id: id },
  { _id: id, orgId: other, lastSeq: 3, rev: null },
  { _id: id, orgId: other, lastSeq: 3, rev: 0, status: { $ne: 'ended' } },
  { a: null },
  { a: { $ne: null } },
  { a: { $eq: 3 } },
  { a: { $in: [1, 'x', null] } },
  { a: { $nin: [1, 'x'] } },
  { a: { $in: ids } },
  { a: { $gt: 2 } },
  { a: { $gte: 2, $lt: 5 } },
  { a: { $lte: 'm' } },
  { a: { $gt: day } },
  { a: { $exists: true } },
  { a: { $exists: false } },
  { a: { $type: 'string' } },
  { a: true },
  { a: day },
  { a: 'x', b: { $gt: 1 } },
];

const values: unknown[] = [undefined, null, 0, 2, 3, 4, 5, 7.5, Number.NaN, 'x', 'a', 'z', '', true, false, day, new Date(0), id, other, ids[3], [3], [1, 'x'], [], [null], { x: 1 }, new Long(3), [id], ['s']];

const docs: Doc[] = [];
for (const a of values) for (const b of [undefined, 2, 'x', [2]]) {
  const d: Doc = { _id: id, orgId: other, lastSeq: 3, rev: null, status: 'open' };
  if (a !== undefined) d.a = a;
  if (b !== undefined) d.b = b;
  docs.push(d);
}
docs.push({ _id: other }, { _id: id, orgId: other, lastSeq: 3, rev: 0, status: 'ended' }, { _id: id, orgId: other, lastSeq: 3, rev: 0 });

describe('fast filter', () => {
  for (const filter of filters) {
    test(`agrees with mingo: ${JSON.stringify(filter)}`, () => {
      const mingo = new Query(filter, mingoOptions());
      let slowCalls = 0;
      const fast = compileFastFilter(filter, () => {
        slowCalls++;
        return (doc) => mingo.test(doc);
      });
      expect(fast).toBeDefined();
      for (const doc of docs) expect({ doc, match: fast!(doc) }).toEqual({ doc, match: mingo.test(doc) });
      // Plain scalar documents never need mingo.
      expect(slowCalls).toBeLessThan(docs.length);
    });
  }

  test('filters it does not cover are left to mingo', () => {
    for (const f of [{ 'a.b': 1 }, { $or: [{ a: 1 }] }, { a: { x: 1 } }, { a: /x/ }, { a: { $elemMatch: { x: 1 } } }, { a: new Long(1) }, { a: { $gt: null } }, { a: [1] }]) {
      expect(compileFastFilter(f as Doc, () => () => true)).toBeUndefined();
    }
  });
});
