import { afterAll, beforeAll, expect, test } from 'bun:test';
import { ObjectId } from 'mongodb';
import { type LooseDoc, type Target, openTarget } from './harness.ts';

let t: Target;
const agents = [new ObjectId(), new ObjectId()];
beforeAll(async () => {
  t = await openTarget('aggregate');
  await t.db.collection<LooseDoc>('users').insertMany([
    { _id: agents[0], name: 'Ada', teams: ['sales', 'support'] },
    { _id: agents[1], name: 'Bob', teams: ['support'] },
  ]);
  await t.db.collection<LooseDoc>('chats').insertMany([
    // 23:30 UTC on Mar 1 is already Mar 2 in Berlin (UTC+1).
    { orgId: 'o', assignee: agents[0], status: 'ended', createdAt: new Date('2024-03-01T23:30:00Z'), tags: ['vip', 'billing'] },
    { orgId: 'o', assignee: agents[0], status: 'assigned', createdAt: new Date('2024-03-02T10:00:00Z'), tags: ['billing'] },
    { orgId: 'o', assignee: agents[1], status: 'ended', createdAt: new Date('2024-03-02T11:00:00Z'), tags: [] },
    { orgId: 'o', assignee: null, status: 'unassigned', createdAt: new Date('2024-03-03T09:00:00Z') },
    { orgId: 'other', assignee: agents[1], status: 'ended', createdAt: new Date('2024-03-03T09:00:00Z') },
  ]);
});
afterAll(async () => {
  await t.stop();
});

test('$match + $group + $sort + $lookup by ObjectId + $unwind + $project', async () => {
  const rows = await t.db
    .collection('chats')
    .aggregate([
      { $match: { orgId: 'o', assignee: { $ne: null } } },
      { $group: { _id: '$assignee', chats: { $sum: 1 }, ended: { $sum: { $cond: [{ $eq: ['$status', 'ended'] }, 1, 0] } } } },
      { $lookup: { from: 'users', localField: '_id', foreignField: '_id', as: 'agent' } },
      { $unwind: '$agent' },
      { $project: { _id: 0, name: '$agent.name', chats: 1, ended: 1 } },
      { $sort: { chats: -1, name: 1 } },
    ])
    .toArray();
  expect(rows).toEqual([
    { chats: 2, ended: 1, name: 'Ada' },
    { chats: 1, ended: 1, name: 'Bob' },
  ]);
});

test('$lookup with pipeline and let', async () => {
  const rows = await t.db
    .collection('users')
    .aggregate([
      { $lookup: { from: 'chats', let: { uid: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$assignee', '$$uid'] } } }, { $count: 'n' }], as: 'stats' } },
      { $project: { _id: 0, name: 1, n: { $ifNull: [{ $first: '$stats.n' }, 0] } } },
      { $sort: { name: 1 } },
    ])
    .toArray();
  expect(rows).toEqual([
    { name: 'Ada', n: 2 },
    { name: 'Bob', n: 2 },
  ]);
});

test('$dateToString with timezone groups by local day', async () => {
  const rows = await t.db
    .collection('chats')
    .aggregate([
      { $match: { orgId: 'o' } },
      { $group: { _id: { $dateToString: { format: '%Y-%m-%d', date: '$createdAt', timezone: 'Europe/Berlin' } }, n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ])
    .toArray();
  expect(rows).toEqual([
    { _id: '2024-03-02', n: 3 },
    { _id: '2024-03-03', n: 1 },
  ]);
  const utc = await t.db
    .collection('chats')
    .aggregate([{ $match: { orgId: 'o' } }, { $project: { _id: 0, d: { $dateToString: { format: '%Y-%m-%d %H:%M', date: '$createdAt' } }, h: { $hour: { date: '$createdAt', timezone: 'America/New_York' } } } }, { $limit: 1 }])
    .toArray();
  expect(utc).toEqual([{ d: '2024-03-01 23:30', h: 18 }]);
});

test('$facet + $count + $unwind of tags + $addFields', async () => {
  const [res] = await t.db
    .collection('chats')
    .aggregate([
      { $match: { orgId: 'o' } },
      { $addFields: { tagCount: { $size: { $ifNull: ['$tags', []] } } } },
      {
        $facet: {
          total: [{ $count: 'n' }],
          byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          tags: [{ $unwind: '$tags' }, { $group: { _id: '$tags', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }],
          maxTags: [{ $group: { _id: null, m: { $max: '$tagCount' } } }],
        },
      },
    ])
    .toArray();
  expect(res).toEqual({
    total: [{ n: 4 }],
    byStatus: [
      { _id: 'assigned', n: 1 },
      { _id: 'ended', n: 2 },
      { _id: 'unassigned', n: 1 },
    ],
    tags: [
      { _id: 'billing', n: 2 },
      { _id: 'vip', n: 1 },
    ],
    maxTags: [{ _id: null, m: 2 }],
  });
});

test('$unionWith and a trailing $out', async () => {
  const rows = await t.db
    .collection('users')
    .aggregate([{ $project: { _id: 0, n: '$name' } }, { $unionWith: { coll: 'chats', pipeline: [{ $match: { orgId: 'other' } }, { $project: { _id: 0, n: '$status' } }] } }])
    .toArray();
  expect(rows.map((r) => r.n)).toEqual(['Ada', 'Bob', 'ended']);
  await t.db.collection('chats').aggregate([{ $match: { orgId: 'o' } }, { $group: { _id: '$status', n: { $sum: 1 } } }, { $out: 'statusCounts' }]).toArray();
  const out = await t.db.collection('statusCounts').find().sort({ _id: 1 }).toArray();
  expect(out).toEqual([
    { _id: 'assigned', n: 1 },
    { _id: 'ended', n: 2 },
    { _id: 'unassigned', n: 1 },
  ] as never);
});

test('aggregation does not modify stored documents', async () => {
  await t.db.collection('chats').aggregate([{ $match: { orgId: 'o' } }, { $set: { 'tags.0': 'changed', status: 'x' } }]).toArray();
  expect(await t.db.collection('chats').countDocuments({ status: 'x' })).toBe(0);
});

test('countDocuments / $count on an empty match', async () => {
  expect(await t.db.collection('chats').countDocuments({ orgId: 'nobody' })).toBe(0);
  expect(await t.db.collection('chats').aggregate([{ $match: { orgId: 'nobody' } }, { $count: 'n' }]).toArray()).toEqual([]);
});
