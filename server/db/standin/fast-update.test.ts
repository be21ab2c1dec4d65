// The fast update paths must produce what mingo's path does (document, field order, "modified")
// for every update they accept; the one intended difference, merging a sub-document in a `$set`
// stage as mongod does, is checked on its own (and against a real server in conformance/crud).
import { describe, expect, test } from 'bun:test';
import { ObjectId } from 'bson';
import { fastOperatorUpdate, fastPipelineUpdate } from './fast-update.ts';
import { applyWithMingo } from './update.ts';
import type { Doc } from './values.ts';

const id = new ObjectId();
const at = new Date('2026-01-02T03:04:05Z');
const docs: Doc[] = [
  { _id: id },
  { _id: id, lastSeq: 4, rev: 2, lastMessage: null, status: 'open', updatedAt: at },
  { _id: id, lastSeq: 4, rev: null, lastMessage: 'x', z: [1, 2] },
  { _id: id, a: 1, lastSeq: 4.5, n: 0 },
];
const base = { filter: {}, resolver: () => [] };

const operatorUpdates: Doc[] = [
  { $set: { lastSeq: 5, lastMessage: { seq: 5, text: 'hi', createdAt: at }, updatedAt: at }, $setOnInsert: { vanished: true } },
  { $set: { lastSeq: 4 } },
  { $set: { z: [1, 2], new1: 1, a: 1 } },
  { $inc: { rev: 1, fresh: 2 } },
  { $inc: { n: 0 } },
  { $setOnInsert: { b: 1, a: 2 } },
  { $unset: { status: '', missing: '' }, $set: { q: 1 } },
  { $set: {} },
  { $inc: { lastSeq: -1.5 }, $set: { s: 'x' } },
];

const pipelines: Doc[][] = [
  [{ $set: { lastSeq: { $add: [{ $ifNull: ['$lastSeq', 0] }, 1] }, updatedAt: { $literal: at } } }],
  [{ $set: { rev: { $add: [{ $ifNull: ['$rev', 0] }, 1] } } }, { $set: { rev2: '$rev', t: { $literal: '$not' } } }],
  [{ $addFields: { d: { $add: [at, 1000, '$lastSeq'] }, e: { $add: [1, '$missing'] }, f: { $ifNull: [null, '$status', 'dflt'] } } }],
  [{ $set: { lastSeq: 4, k: true, nul: null, s: 'str', copy: { $ifNull: ['$lastMessage', 'none'] }, copy2: '$_id' } }],
];

describe('fast operator updates', () => {
  for (const spec of operatorUpdates) {
    for (const inserting of [false, true]) {
      test(`as mingo: ${JSON.stringify(spec)}${inserting ? ' (inserting)' : ''}`, () => {
        for (const doc of docs) {
          if (spec.$inc && Object.keys(spec.$inc as Doc).some((f) => doc[f] !== undefined && typeof doc[f] !== 'number')) continue;
          const fast = fastOperatorUpdate(doc, spec, inserting);
          const slow = applyWithMingo(doc, spec, { ...base, inserting });
          expect(fast).toBeDefined();
          expect(Object.keys(fast!.doc)).toEqual(Object.keys(slow.doc));
          expect(fast).toEqual(slow);
        }
      });
    }
  }

  test('the stored document is left as it was', () => {
    const doc = { _id: id, a: { b: 1 }, n: 1 };
    const before = structuredClone(doc);
    fastOperatorUpdate(doc, { $set: { a: { c: 2 } }, $inc: { n: 1 }, $unset: { x: '' } }, false);
    expect(doc).toEqual(before);
  });

  test('shapes it does not cover are left to mingo', () => {
    for (const spec of [{ $set: { 'a.b': 1 } }, { $set: { _id: 1 } }, { $push: { a: 1 } }, { $set: { a: 1 }, $inc: { a: 1 } }, { $inc: { a: 'x' } }]) {
      expect(fastOperatorUpdate({ _id: id }, spec as Doc, false)).toBeUndefined();
    }
    expect(fastOperatorUpdate({ _id: id, a: 'text' }, { $inc: { a: 1 } }, false)).toBeUndefined();
  });
});

describe('fast pipeline updates', () => {
  for (const stages of pipelines) {
    test(`as mingo: ${JSON.stringify(stages)}`, () => {
      for (const doc of docs) {
        const fast = fastPipelineUpdate(doc, stages);
        const slow = applyWithMingo(doc, stages, { ...base, inserting: false });
        expect(fast).toBeDefined();
        expect(Object.keys(fast!.doc)).toEqual(Object.keys(slow.doc));
        expect(fast).toEqual(slow);
      }
    });
  }

  test('a sub-document is merged into an existing one (mongod), set whole otherwise', () => {
    const spec = [{ $set: { m: { seq: { $add: ['$m.seq', 1] }, text: { $literal: 'b' } } } }];
    expect(fastPipelineUpdate({ _id: id, m: { seq: 1, text: 'a', extra: 1 } }, spec)?.doc).toEqual({ _id: id, m: { seq: 2, text: 'b', extra: 1 } });
    expect(fastPipelineUpdate({ _id: id, m: null }, spec)?.doc).toEqual({ _id: id, m: { seq: null, text: 'b' } });
  });

  test('shapes it does not cover are left to mingo', () => {
    const cases: Doc[][] = [
      [{ $project: { a: 1 } }],
      [{ $set: { a: { $concat: ['x', 'y'] } } }],
      [{ $set: { a: '$$NOW' } }],
      [{ $set: { a: '$missing' } }],
      [{ $set: { 'a.b': 1 } }],
      [{ $set: { a: '$z' } }],
      [{ $set: { a: { $add: [at, at] } } }],
      [{ $set: { a: [1, 2] } }],
    ];
    for (const stages of cases) expect(fastPipelineUpdate({ _id: id, z: [1] }, stages)).toBeUndefined();
  });
});
