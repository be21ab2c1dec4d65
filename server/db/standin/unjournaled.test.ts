// Writes sent with `writeConcern: { j: false }` (the message writer's seq step): answered once
// applied, journaled with the next write someone waits for (or soon after on their own), and
// covered by that write's acknowledgement across a kill -9.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { cpSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { waitFor } from '../../testing/wait.ts';
import { spawnStandin } from './drill.ts';
import { startStandin, type Standin } from './server.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'standin-unjournaled-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function journalBytes(dataDir: string): Promise<number> {
  const journals = (await readdir(dataDir)).filter((f) => f.startsWith('journal.'));
  return journals.reduce((sum, f) => sum + statSync(path.join(dataDir, f)).size, 0);
}

async function withStandin<T>(dataDir: string, fn: (s: Standin, client: MongoClient) => Promise<T>, lazyWriteMs?: number): Promise<T> {
  const standin = await startStandin({ dataDir, ...(lazyWriteMs !== undefined ? { lazyWriteMs } : {}) });
  const client = await MongoClient.connect(standin.uri);
  try {
    return await fn(standin, client);
  } finally {
    await client.close();
    await standin.stop();
  }
}

test('a j:false write is answered before its record is on disk; a journaled write after it takes both in one write', async () => {
  const own = path.join(dir, 'one-write');
  const crashed = path.join(dir, 'one-write-as-crashed');
  await withStandin(own, async (_s, client) => {
    const db = client.db('app');
    await db.collection('chats').insertOne({ _id: 'c1' as never, lastSeq: 0 });
    const before = await journalBytes(own);
    const step = await db.command({ update: 'chats', updates: [{ q: { _id: 'c1' }, u: { $set: { lastSeq: 2 } } }], writeConcern: { j: false } });
    expect(step.nModified).toBe(1);
    // Answered, not written yet (the lazy write is a minute away here).
    expect(await journalBytes(own)).toBe(before);
    await db.collection('messages').insertOne({ chat: 'c1', seq: 2 });
    expect(await journalBytes(own)).toBeGreaterThan(before);
    // What is on disk now, as a crash would leave it (the copy without the live lock): the
    // insert's write held the step's record too.
    cpSync(own, crashed, { recursive: true });
    rmSync(path.join(crashed, 'LOCK'), { force: true });
  }, 60_000);
  await withStandin(crashed, async (_s, client) => {
    expect((await client.db('app').collection('chats').findOne({ _id: 'c1' as never }))?.lastSeq).toBe(2);
    expect(await client.db('app').collection('messages').countDocuments()).toBe(1);
  });
});

test('a j:false write nobody follows is still written on its own, soon', async () => {
  const own = path.join(dir, 'alone');
  await withStandin(own, async (_s, client) => {
    const db = client.db('app');
    await db.collection('chats').insertOne({ _id: 'c1' as never, lastSeq: 0 });
    const before = await journalBytes(own);
    await db.command({ update: 'chats', updates: [{ q: { _id: 'c1' }, u: { $set: { lastSeq: 5 } } }], writeConcern: { j: false } });
    await waitFor(async () => (await journalBytes(own)) > before, { timeout: 2_000, what: 'the lone record on disk' });
  });
});

test('kill -9 right after a journaled insert: the j:false step before it is restored with it', async () => {
  const own = path.join(dir, 'crash');
  const child = await spawnStandin(own);
  const client = await MongoClient.connect(child.uri);
  const db = client.db('app');
  await db.collection('chats').insertOne({ _id: 'c1' as never, lastSeq: 0 });
  for (let seq = 1; seq <= 50; seq++) {
    await db.command({ update: 'chats', updates: [{ q: { _id: 'c1', lastSeq: seq - 1 }, u: { $set: { lastSeq: seq } } }], writeConcern: { j: false } });
    await db.collection('messages').insertOne({ chat: 'c1', seq });
  }
  // The client goes first (a driver closing against a killed server waits for its timeouts);
  // nothing it sends on closing writes anything.
  await client.close();
  await child.kill9();
  await withStandin(own, async (_s, again) => {
    const chat = await again.db('app').collection('chats').findOne({ _id: 'c1' as never });
    expect(chat?.lastSeq).toBe(50);
    expect(await again.db('app').collection('messages').countDocuments()).toBe(50);
  });
}, 30_000);
