// Journal and snapshot files below the wire: torn tails, corruption, compaction, locks.
import { afterEach, describe, expect, test } from 'bun:test';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { journalName, snapshotName } from './files.ts';
import { DataDirLockedError } from './lock.ts';
import { Persistence } from './persistence.ts';
import { JOURNAL_MAGIC, scanRecords } from './records.ts';
import { Store } from './storage.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'standin-journal-'));
  dirs.push(d);
  return d;
}
const silent = () => {};

async function open(dir: string, compactAtBytes?: number): Promise<{ store: Store; p: Persistence }> {
  const store = new Store();
  const p = await Persistence.open({ dir, store, log: silent, ...(compactAtBytes ? { compactAtBytes } : {}) });
  return { store, p };
}

/** Ten inserts, one record each, left in journal 1 as a crash would leave them (no clean stop). */
async function journalOfTen(): Promise<{ bytes: Buffer; offsets: number[] }> {
  const dir = await tempDir();
  const { store, p } = await open(dir);
  for (let i = 0; i < 10; i++) p.run(() => store.ensureCollection('app', 'messages').insert({ _id: i, text: `m${i}` }));
  await p.flush();
  const bytes = fs.readFileSync(path.join(dir, journalName(1)));
  const offsets: number[] = [];
  scanRecords(bytes, 'j', JOURNAL_MAGIC, false, (_payload, offset) => offsets.push(offset));
  await p.close();
  return { bytes, offsets };
}

const ids = (store: Store) => [...(store.collection('app', 'messages')?.docs.values() ?? [])].map((d) => d._id);

describe('journal', () => {
  test('a record cut in the middle at the end is dropped; everything before it is restored, and appending resumes', async () => {
    const { bytes, offsets } = await journalOfTen();
    expect(offsets.length).toBe(10); // the collection's creation rides in the first insert's record
    const last = offsets.at(-1) as number;
    const dir = await tempDir();
    fs.writeFileSync(path.join(dir, journalName(1)), bytes.subarray(0, last + 13));
    const { store, p } = await open(dir);
    expect(ids(store)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(p.recovered.torn).toContain(`at byte ${last}`);
    // The torn bytes were cut off before the new record, so it is not "corruption" next time.
    p.run(() => store.collection('app', 'messages')?.insert({ _id: 'after' }));
    await p.flush();
    const again = await open(dir).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DataDirLockedError);
    await p.close();
    const reopened = await open(dir);
    expect(ids(reopened.store)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 'after']);
    await reopened.p.close();
  });

  test('only the header of the last record, or a zero-filled tail, is a torn tail too', async () => {
    const { bytes, offsets } = await journalOfTen();
    const last = offsets.at(-1) as number;
    for (const damaged of [bytes.subarray(0, last + 5), Buffer.concat([bytes.subarray(0, last), Buffer.alloc(4096)])]) {
      const dir = await tempDir();
      fs.writeFileSync(path.join(dir, journalName(1)), damaged);
      const { store, p } = await open(dir);
      expect(ids(store)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      await p.close();
    }
  });

  test('a corrupt record in the middle is an error naming the file, byte offset and record', async () => {
    const { bytes, offsets } = await journalOfTen();
    const dir = await tempDir();
    const damaged = Buffer.from(bytes);
    const at = offsets[5] as number;
    damaged[at + 20] = (damaged[at + 20] as number) ^ 0xff;
    fs.writeFileSync(path.join(dir, journalName(1)), damaged);
    const err = (await open(dir).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(`standin: ${path.join(dir, journalName(1))} is corrupt at byte ${at} (record 6): checksum mismatch`);
    // The failed start released its lock: fixing the file and starting again works.
    fs.writeFileSync(path.join(dir, journalName(1)), bytes);
    const { store, p } = await open(dir);
    expect(ids(store).length).toBe(10);
    await p.close();
  });

  test('compaction under writes: snapshot + new journal, old files removed, state identical after restart', async () => {
    const dir = await tempDir();
    const { store, p } = await open(dir, 64 * 1024);
    const coll = () => store.ensureCollection('app', 'messages');
    p.run(() => coll().addIndex({ v: 2, key: { clientId: 1 }, name: 'clientId_1', unique: true }));
    for (let i = 0; i < 2_000; i++) {
      p.run(() => coll().insert({ _id: i, clientId: `c${i}`, body: 'x'.repeat(100) }));
      if (i % 3 === 0) p.run(() => coll().remove({ _id: i - 1 }));
      if (i % 50 === 0) await p.flush();
    }
    await p.flush();
    await p.compact();
    const files = fs.readdirSync(dir).sort();
    const gen = Number(/snapshot\.(\d+)/.exec(files.find((f) => f.startsWith('snapshot')) ?? '')?.[1]);
    expect(gen).toBeGreaterThan(2);
    expect(files).toEqual(['LOCK', journalName(gen), snapshotName(gen)]);
    p.run(() => coll().insert({ _id: 'tail', clientId: 'tail' }));
    await p.flush();
    const expected = ids(store);
    // The files as a crash would leave them now (copied while the owner still runs), plus a
    // snapshot left half-written: it is ignored and removed on start.
    const crashed = await tempDir();
    for (const f of files.filter((n) => n !== 'LOCK')) fs.copyFileSync(path.join(dir, f), path.join(crashed, f));
    fs.writeFileSync(path.join(crashed, `${snapshotName(gen + 1)}.tmp`), 'partial');
    await p.close();
    const restored = await open(crashed);
    expect(ids(restored.store)).toEqual(expected);
    expect(restored.store.collection('app', 'messages')?.indexes.get('clientId_1')?.spec.unique).toBe(true);
    expect(() => restored.store.collection('app', 'messages')?.insert({ clientId: 'c4' })).toThrow(/E11000/);
    expect(fs.existsSync(path.join(crashed, `${snapshotName(gen + 1)}.tmp`))).toBe(false);
    await restored.p.close();
  });

  test('a damaged snapshot is never "torn": it is an error', async () => {
    const dir = await tempDir();
    const { store, p } = await open(dir);
    p.run(() => store.ensureCollection('app', 'messages').insert({ _id: 1 }));
    await p.close();
    const snap = path.join(dir, snapshotName(2));
    fs.truncateSync(snap, fs.statSync(snap).size - 3);
    expect(String(await open(dir).catch((e: unknown) => e))).toContain(`${snap} is corrupt at byte`);
  });
});
