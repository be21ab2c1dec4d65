// The commands the message writer sends (repos/message-batches.ts, repos/chats.ts allocateSeq),
// as raw commands, checked reply field by reply field: the writer reads these replies to decide
// what applied, so the stand-in must answer exactly as mongod does.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ObjectId } from 'mongodb';
import { type LooseDoc, type Target, openTarget } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('message_path');
});
afterAll(async () => {
  await t.stop();
});

const orgId = new ObjectId();
const at = new Date('2026-03-04T05:06:07Z');

describe('update with many conditional upsert statements (seq steps)', () => {
  test('a statement whose condition fails on an existing _id is an E11000 at its index; the others apply', async () => {
    const chats = t.db.collection<LooseDoc>('chats_steps');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId(), new ObjectId()];
    await chats.insertMany(ids.map((_id, i) => ({ _id, orgId, lastSeq: 10 + i, rev: i === 2 ? null : 0, status: i === 3 ? 'ended' : 'open' })));
    const step = (_id: ObjectId, lastSeq: number, rev: number | null) => ({
      q: { _id, orgId, lastSeq, rev, status: { $ne: 'ended' } },
      u: { $set: { lastSeq: lastSeq + 2, lastMessage: { seq: lastSeq + 2, text: 'hi' }, updatedAt: at }, $setOnInsert: { vanished: true } },
      upsert: true,
    });
    const reply = await t.db.command({
      update: 'chats_steps',
      ordered: false,
      updates: [
        step(ids[0]!, 10, 0), // applies
        step(ids[1]!, 99, 0), // stale lastSeq
        step(ids[2]!, 12, null), // applies (rev null matches null)
        step(ids[3]!, 13, 0), // ended
        step(ids[0]!, 12, 0), // applies: sees statement 0's write
      ],
    });
    expect(reply.ok).toBe(1);
    expect(reply.n).toBe(3);
    expect(reply.nModified).toBe(3);
    expect(reply.upserted).toBeUndefined();
    const errors = reply.writeErrors as LooseDoc[];
    expect(errors.map((e) => e.index)).toEqual([1, 3]);
    for (const [k, e] of errors.entries()) {
      const _id = k === 0 ? ids[1]! : ids[3]!;
      expect(e.code).toBe(11000);
      expect(e.keyPattern).toEqual({ _id: 1 });
      expect(e.keyValue).toEqual({ _id });
      expect(e.errmsg).toBe(`E11000 duplicate key error collection: ${t.dbName}.chats_steps index: _id_ dup key: { _id: ObjectId('${_id.toHexString()}') }`);
    }
    const after = new Map((await chats.find({}).toArray()).map((c) => [c._id.toHexString(), [c.lastSeq, c.vanished]]));
    expect(Object.fromEntries(after)).toEqual({
      [ids[0]!.toHexString()]: [14, undefined],
      [ids[1]!.toHexString()]: [11, undefined],
      [ids[2]!.toHexString()]: [14, undefined],
      [ids[3]!.toHexString()]: [13, undefined],
    });
    expect(await chats.countDocuments()).toBe(4);
  });

  test('a statement on a chat that does not exist upserts it (reported under upserted at its index)', async () => {
    const chats = t.db.collection<LooseDoc>('chats_vanished');
    const gone = new ObjectId();
    const reply = await t.db.command({
      update: 'chats_vanished',
      ordered: false,
      updates: [{ q: { _id: gone, orgId, lastSeq: 3, rev: 0 }, u: { $set: { lastSeq: 4, updatedAt: at }, $setOnInsert: { vanished: true } }, upsert: true }],
    });
    expect(reply.n).toBe(1);
    expect(reply.nModified).toBe(0);
    expect(reply.upserted).toEqual([{ index: 0, _id: gone }]);
    expect(await chats.findOne({ _id: gone })).toEqual({ _id: gone, orgId, lastSeq: 4, rev: 0, updatedAt: at, vanished: true });
  });
});

describe('insert of a batch of messages', () => {
  test('duplicates of either unique index are writeErrors at their index; the rest is stored', async () => {
    const messages = t.db.collection<LooseDoc>('messages_batch');
    await messages.createIndex({ chatId: 1, seq: 1 }, { unique: true });
    await messages.createIndex({ chatId: 1, clientId: 1 }, { unique: true, partialFilterExpression: { clientId: { $type: 'string' } } });
    const chatId = new ObjectId();
    const m = (seq: number, clientId: string | null) => ({ _id: new ObjectId(), orgId, chatId, seq, clientId, text: `m${seq}`, createdAt: at });
    await messages.insertOne(m(1, 'a'));
    const reply = await t.db.command({
      insert: 'messages_batch',
      ordered: false,
      documents: [m(2, 'b'), m(3, 'a'), m(2, 'c'), m(4, null), m(5, null), m(6, 'b')],
    });
    expect(reply.n).toBe(3);
    const errors = reply.writeErrors as LooseDoc[];
    expect(errors.map((e) => [e.index, e.code, e.keyPattern])).toEqual([
      [1, 11000, { chatId: 1, clientId: 1 }],
      [2, 11000, { chatId: 1, seq: 1 }],
      [5, 11000, { chatId: 1, clientId: 1 }],
    ]);
    expect(errors[0]!.keyValue).toEqual({ chatId, clientId: 'a' });
    expect(errors[1]!.keyValue).toEqual({ chatId, seq: 2 });
    expect((await messages.find({}, { sort: { seq: 1 } }).toArray()).map((d) => d.seq)).toEqual([1, 2, 4, 5]);
  });
});

describe('findAndModify with a pipeline update (allocateSeq)', () => {
  test('$add/$ifNull/$literal, the new document returned; an ended chat is not matched', async () => {
    const chats = t.db.collection<LooseDoc>('chats_alloc');
    const open = new ObjectId();
    const fresh = new ObjectId();
    const ended = new ObjectId();
    await chats.insertMany([
      { _id: open, orgId, status: 'open', lastSeq: 7, lastMessage: { seq: 7, text: 'old', authorKind: 'visitor', authorName: 'A', createdAt: at } },
      { _id: fresh, orgId, status: 'open' },
      { _id: ended, orgId, status: 'ended', lastSeq: 2 },
    ]);
    const allocate = (_id: ObjectId) => {
      const next = { $add: [{ $ifNull: ['$lastSeq', 0] }, 2] };
      return t.db.command({
        findAndModify: 'chats_alloc',
        query: { _id, orgId, status: { $ne: 'ended' } },
        update: [{ $set: { lastSeq: next, lastMessage: { seq: next, text: { $literal: '$literally' }, authorKind: { $literal: 'agent' }, authorName: { $literal: null }, createdAt: { $literal: at } }, updatedAt: { $literal: at } } }],
        new: true,
      });
    };
    const a = await allocate(open);
    expect(a.lastErrorObject).toEqual({ n: 1, updatedExisting: true });
    expect(a.value).toEqual({ _id: open, orgId, status: 'open', lastSeq: 9, lastMessage: { seq: 9, text: '$literally', authorKind: 'agent', authorName: null, createdAt: at }, updatedAt: at });
    const b = await allocate(fresh);
    expect(b.value).toEqual({ _id: fresh, orgId, status: 'open', lastSeq: 2, lastMessage: { seq: 2, text: '$literally', authorKind: 'agent', authorName: null, createdAt: at }, updatedAt: at });
    const c = await allocate(ended);
    expect(c.lastErrorObject).toEqual({ n: 0, updatedExisting: false });
    expect(c.value).toBeNull();
  });

  test('a sub-document in a $set stage is merged into the existing one, as $addFields does', async () => {
    const chats = t.db.collection<LooseDoc>('chats_merge');
    const _id = new ObjectId();
    await chats.insertOne({ _id, lastMessage: { seq: 1, text: 'a', keep: true } });
    const r = await t.db.command({ findAndModify: 'chats_merge', query: { _id }, update: [{ $set: { lastMessage: { seq: { $add: ['$lastMessage.seq', 1] }, text: { $literal: 'b' } } } }], new: true });
    expect(r.value).toEqual({ _id, lastMessage: { seq: 2, text: 'b', keep: true } });
  });
});

describe('finds of the message path', () => {
  test('by _id $in and orgId; by chat and seq range, sorted, limited: the whole result in the first batch, cursor id 0', async () => {
    const messages = t.db.collection<LooseDoc>('messages_find');
    await messages.createIndex({ chatId: 1, seq: 1 }, { unique: true });
    const chatId = new ObjectId();
    const docs = Array.from({ length: 30 }, (_, i) => ({ _id: new ObjectId(), orgId, chatId, seq: 30 - i, clientId: `c${i}` }));
    await messages.insertMany(docs);
    const byIds = await t.db.command({ find: 'messages_find', filter: { _id: { $in: [docs[3]!._id, docs[7]!._id, new ObjectId()] }, orgId } });
    expect(byIds.cursor.id.toString()).toBe('0');
    expect(byIds.cursor.firstBatch.map((d: LooseDoc) => d.seq).sort()).toEqual([23, 27]);
    const page = await t.db.command({ find: 'messages_find', filter: { orgId, chatId, seq: { $gt: 20 } }, sort: { seq: 1 }, limit: 50 });
    expect(page.cursor.id.toString()).toBe('0');
    expect(page.cursor.firstBatch.map((d: LooseDoc) => d.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    const other = await t.db.command({ find: 'messages_find', filter: { orgId: new ObjectId(), chatId, seq: { $gt: 20 } }, sort: { seq: 1 }, limit: 50 });
    expect(other.cursor.firstBatch).toEqual([]);
  });
});
