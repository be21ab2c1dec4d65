// The durable stand-in through the official driver, with a real kill -9 of its process: an
// organization's data, unique and TTL indexes and a GridFS file all come back, with their options.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GridFSBucket, MongoClient, ObjectId, type Db } from 'mongodb';
import type { LooseDoc } from '../conformance/harness.ts';
import { crashDrill, spawnStandin } from './drill.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'standin-durable-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const orgId = new ObjectId();
const file = Buffer.alloc(600_000);
for (let i = 0; i < file.length; i++) file[i] = (i * 131 + 17) % 256;

async function writeOrganization(db: Db): Promise<ObjectId> {
  await db.collection('organizations').createIndex({ slug: 1 }, { unique: true });
  await db.collection('sessions').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 });
  await db.collection('members').createIndex({ orgId: 1, email: 1 }, { unique: true, name: 'org_email' });
  await db.collection('members').createIndex({ orgId: 1, role: 1 });
  await db.collection('organizations').insertOne({ _id: orgId, slug: 'acme', name: 'Acme', createdAt: new Date('2026-01-02T03:04:05Z') });
  await db.collection('members').insertMany([
    { orgId, email: 'owner@acme.test', role: 'owner' },
    { orgId, email: 'agent@acme.test', role: 'agent', teams: ['support', 'sales'] },
    { orgId, email: 'gone@acme.test', role: 'agent' },
  ]);
  await db.collection<LooseDoc>('members').updateOne({ email: 'agent@acme.test' }, { $set: { role: 'supervisor' }, $push: { teams: 'vip' } } as LooseDoc);
  await db.collection('members').deleteOne({ email: 'gone@acme.test' });
  await db.collection('sessions').insertOne({ orgId, token: 't1', expiresAt: new Date(Date.now() + 3_600_000) });
  await db.collection('members').dropIndex('orgId_1_role_1');
  await db.createCollection('scratch');
  await db.collection('scratch').insertOne({ x: 1 });
  await db.collection('scratch').drop();
  const bucket = new GridFSBucket(db, { bucketName: 'uploads' });
  const upload = bucket.openUploadStream('logo.png', { metadata: { orgId, contentType: 'image/png' } });
  await new Promise<void>((resolve, reject) => {
    Readable.from([file]).pipe(upload).on('finish', resolve).on('error', reject);
  });
  return upload.id;
}

async function expectOrganization(db: Db, fileId: ObjectId): Promise<void> {
  expect(await db.collection<LooseDoc>('organizations').findOne({ _id: orgId } as LooseDoc)).toEqual({ _id: orgId, slug: 'acme', name: 'Acme', createdAt: new Date('2026-01-02T03:04:05Z') });
  const members: LooseDoc[] = await db.collection('members').find({}, { projection: { _id: 0 } }).toArray();
  expect(members).toEqual([
    { orgId, email: 'owner@acme.test', role: 'owner' },
    { orgId, email: 'agent@acme.test', role: 'supervisor', teams: ['support', 'sales', 'vip'] },
  ]);
  const dup = await db.collection('organizations').insertOne({ slug: 'acme' }).catch((e: unknown) => e);
  expect((dup as { code?: number }).code).toBe(11000);
  const dupMember = await db.collection('members').insertOne({ orgId, email: 'owner@acme.test' }).catch((e: unknown) => e);
  expect(String(dupMember)).toContain('index: org_email dup key');
  const ttl = (await db.collection('sessions').listIndexes().toArray()).find((i) => i.name === 'expiresAt_1');
  expect(ttl?.expireAfterSeconds).toBe(3600);
  expect((await db.collection('members').listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'org_email']);
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  expect(names).toEqual(['members', 'organizations', 'sessions', 'uploads.chunks', 'uploads.files']);
  const bucket = new GridFSBucket(db, { bucketName: 'uploads' });
  const parts: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(fileId)) parts.push(chunk as Buffer);
  expect(Buffer.concat(parts).equals(file)).toBe(true);
  const [meta] = await bucket.find({ _id: fileId }).toArray();
  expect(meta?.metadata).toEqual({ orgId, contentType: 'image/png' });
}

describe('durable stand-in', () => {
  test('kill -9, restart on the same dir: documents, unique + TTL indexes, GridFS are all there', async () => {
    const first = await spawnStandin(dir);
    const client = await MongoClient.connect(first.uri, { serverSelectionTimeoutMS: 5_000 });
    const fileId = await writeOrganization(client.db('phoenix'));
    // The driver's close can hang once its server is gone; the kill is what matters here.
    await client.close();
    await first.kill9();

    const second = await spawnStandin(dir);
    const again = await MongoClient.connect(second.uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      await expectOrganization(again.db('phoenix'), fileId);
    } finally {
      await again.close();
      // A clean stop compacts: one snapshot, an empty journal of the next generation, no lock.
      expect(await second.stop()).toBe(0);
    }
    expect((await readdir(dir)).sort()).toEqual(['journal.000002.wal', 'snapshot.000002.bson']);

    const third = await spawnStandin(dir);
    const fromSnapshot = await MongoClient.connect(third.uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      await expectOrganization(fromSnapshot.db('phoenix'), fileId);
    } finally {
      await fromSnapshot.close();
      await third.kill9();
    }
  }, 60_000);

  test('a second stand-in on a live data dir is refused; a dead owner\'s lock is taken over', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'standin-lock-'));
    try {
      const first = await spawnStandin(own);
      const second = Bun.spawn([process.execPath, path.join(import.meta.dir, 'cli.ts'), '--port', '0', '--data-dir', own], { stdout: 'ignore', stderr: 'pipe' });
      expect(await second.exited).not.toBe(0);
      expect(await new Response(second.stderr as ReadableStream).text()).toContain(`is locked by running process ${first.proc.pid}`);
      await first.kill9();
      const third = await spawnStandin(own);
      expect(await third.stop()).toBe(0);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  }, 60_000);

  test('200 acknowledged inserts streamed at a process killed -9 mid-stream: none lost', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'standin-crash-'));
    try {
      const result = await crashDrill(own, 200, 100);
      expect(result.acknowledged).toBeGreaterThanOrEqual(100);
      expect(result.acknowledged).toBeLessThan(200);
      expect(result.lost).toBe(0);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  }, 60_000);
});
