// An update re-keys only the indexes whose fields it changes (storage.ts put): the others must
// still be exactly right afterwards, for unique, sparse and lookup indexes alike.
import { expect, test } from 'bun:test';
import { DuplicateKeyError, normalizeIndexSpec } from './indexes.ts';
import { Collection } from './storage.ts';

test('updates that change, keep, drop or null an indexed field leave every index right', () => {
  const c = new Collection('db', 'c');
  c.addIndex(normalizeIndexSpec({ key: { a: 1 }, unique: true, sparse: true }));
  c.addIndex(normalizeIndexSpec({ key: { k: 1, n: 1 }, unique: true }));
  c.addIndex(normalizeIndexSpec({ key: { g: 1 } }));
  const one = c.insert({ _id: 1, a: null, k: 'x', n: 1, g: 'red' });
  // Keeps every indexed field: nothing re-keyed, all still enforced.
  const kept = c.replace(one, { _id: 1, a: null, k: 'x', n: 1, g: 'red', other: 2 });
  expect(() => c.insert({ _id: 2, a: null })).toThrow(DuplicateKeyError);
  expect(() => c.insert({ _id: 2, k: 'x', n: 1 })).toThrow(DuplicateKeyError);
  // Drops `a` (null → missing): the sparse index must forget it.
  const dropped = c.replace(kept, { _id: 1, k: 'x', n: 2, g: 'blue' });
  c.insert({ _id: 3, a: null, k: 'y', n: 1, g: 'red' });
  c.insert({ _id: 4, k: 'x', n: 1, g: 'red' }); // n 1 was freed
  expect(() => c.insert({ _id: 5, k: 'x', n: 2 })).toThrow(DuplicateKeyError);
  expect(c.candidates('g', ['blue'])?.map((d) => d._id)).toEqual([1]);
  expect(c.candidates('g', ['red'])?.map((d) => d._id)).toEqual([3, 4]);
  c.replace(dropped, { _id: 1, a: 7, k: 'x', n: 2, g: 'blue' });
  expect(() => c.insert({ _id: 6, a: 7 })).toThrow(DuplicateKeyError);
});
