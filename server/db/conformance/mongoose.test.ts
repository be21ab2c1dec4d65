import { afterAll, beforeAll, expect, test } from 'bun:test';
import mongoose, { type Connection, Types } from 'mongoose';
import { connectMongoose, disconnect } from '../mongoose.ts';
import { type Target, openTarget } from './harness.ts';

let t: Target;
let conn: Connection;

const teamSchema = new mongoose.Schema({ orgId: { type: String, required: true }, name: { type: String, required: true } }, { timestamps: true });
teamSchema.index({ orgId: 1, name: 1 }, { unique: true });
const contactSchema = new mongoose.Schema(
  {
    orgId: { type: String, required: true, index: true },
    name: String,
    email: { type: String, lowercase: true },
    tags: { type: [String], default: [] },
    status: { type: String, default: 'open' },
    team: { type: mongoose.Schema.Types.ObjectId, ref: 'Team' },
    lastSeenAt: Date,
  },
  { timestamps: true },
);
contactSchema.index({ orgId: 1, email: 1 }, { unique: true, partialFilterExpression: { email: { $type: 'string' } } });
contactSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600, sparse: true });

beforeAll(async () => {
  t = await openTarget('mongoose');
  conn = await connectMongoose(t.uri, t.dbName);
});
afterAll(async () => {
  await disconnect(conn);
  await t.stop();
});

test('models: create, timestamps, defaults, populate, lean, exists', async () => {
  const Team = conn.model('Team', teamSchema);
  const Contact = conn.model('Contact', contactSchema);
  await Promise.all([Team.init(), Contact.init()]);
  const team = await Team.create({ orgId: 'o', name: 'Inbox' });
  expect(team.createdAt).toBeInstanceOf(Date);
  const c = await Contact.create({ orgId: 'o', name: 'Zoë', email: 'ZOE@X.IO', team: team._id });
  const found = await Contact.findById(c._id).populate<{ team: { name: string } }>('team').lean();
  expect(found?.team.name).toBe('Inbox');
  expect(found?.email).toBe('zoe@x.io');
  expect(found?.tags).toEqual([]);
  expect(await Contact.exists({ orgId: 'o', email: 'zoe@x.io' })).toMatchObject({ _id: c._id });
  expect(await Contact.exists({ orgId: 'other' })).toBeNull();
});

test('upsert with setDefaultsOnInsert and timestamps; second call updates', async () => {
  const Contact = conn.model('Contact', contactSchema);
  const first = await Contact.findOneAndUpdate(
    { orgId: 'o', email: 'new@x.io' },
    { $set: { name: 'New' }, $addToSet: { tags: 'lead' } },
    { upsert: true, returnDocument: 'after', setDefaultsOnInsert: true },
  ).lean();
  expect(first).toMatchObject({ orgId: 'o', email: 'new@x.io', name: 'New', status: 'open', tags: ['lead'] });
  expect(first?.createdAt).toBeInstanceOf(Date);
  const second = await Contact.findOneAndUpdate({ orgId: 'o', email: 'new@x.io' }, { $set: { name: 'Renamed' } }, { upsert: true, returnDocument: 'after' }).lean();
  expect(second?._id.equals(first?._id as Types.ObjectId)).toBe(true);
  expect(second?.createdAt).toEqual(first?.createdAt as Date);
  expect(await Contact.countDocuments({ orgId: 'o' })).toBe(2);
});

test('regex search, case-insensitive equality, sort/skip/limit, bulkWrite', async () => {
  const Contact = conn.model('Contact', contactSchema);
  await Contact.insertMany([
    { orgId: 'r', name: 'Alice Smith', email: 'alice@x.io', tags: ['VIP'] },
    { orgId: 'r', name: 'bob smithers', email: 'bob@x.io' },
    { orgId: 'r', name: 'Carol', email: 'carol@x.io' },
  ]);
  const smiths = await Contact.find({ orgId: 'r', name: { $regex: 'smith', $options: 'i' } }).sort({ name: 1 }).lean();
  expect(smiths.map((s) => s.name)).toEqual(['Alice Smith', 'bob smithers']);
  expect(await Contact.countDocuments({ orgId: 'r', tags: /^vip$/i })).toBe(1);
  const page = await Contact.find({ orgId: 'r' }).sort({ email: -1 }).skip(1).limit(1).lean();
  expect(page.map((p) => p.email)).toEqual(['bob@x.io']);
  const res = await Contact.bulkWrite([
    { updateOne: { filter: { orgId: 'r', email: 'carol@x.io' }, update: { $set: { status: 'closed' } } } },
    { deleteOne: { filter: { orgId: 'r', email: 'bob@x.io' } } },
    { insertOne: { document: { orgId: 'r', name: 'Dan', email: 'dan@x.io' } } },
  ]);
  expect([res.modifiedCount, res.deletedCount, res.insertedCount]).toEqual([1, 1, 1]);
  expect((await Contact.distinct('status', { orgId: 'r' })).sort()).toEqual(['closed', 'open']);
});

test('createIndexes / syncIndexes are idempotent across restarts', async () => {
  const Contact = conn.model('Contact', contactSchema);
  await Contact.createIndexes();
  const dropped = await Contact.syncIndexes();
  expect(dropped).toEqual([]);
  const names = (await Contact.listIndexes()).map((i: { name: string }) => i.name).sort();
  expect(names).toEqual(['_id_', 'expiresAt_1', 'orgId_1', 'orgId_1_email_1']);
  // A second connection (another server process) building the same indexes is a no-op.
  const other = await connectMongoose(t.uri, t.dbName);
  try {
    const Again = other.model('Contact', contactSchema);
    await Again.init();
    expect(await Again.syncIndexes()).toEqual([]);
  } finally {
    await disconnect(other);
  }
});

test('the partial unique index allows many contacts without e-mail but not duplicates', async () => {
  const Contact = conn.model('Contact', contactSchema);
  await Contact.create([{ orgId: 'p' }, { orgId: 'p' }, { orgId: 'p', email: 'a@x.io' }]);
  const err = await Contact.create({ orgId: 'p', email: 'A@x.io' }).catch((e: unknown) => e);
  expect((err as { code?: number }).code).toBe(11000);
});
