import { afterAll, beforeAll, expect, test } from 'bun:test';
import { Readable } from 'node:stream';
import { GridFSBucket, ObjectId } from 'mongodb';
import { type Target, openTarget } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await openTarget('gridfs');
});
afterAll(async () => {
  await t.stop();
});

async function upload(bucket: GridFSBucket, name: string, data: Buffer, chunkSizeBytes?: number): Promise<ObjectId> {
  const stream = bucket.openUploadStream(name, { metadata: { orgId: 'o', contentType: 'image/png' }, ...(chunkSizeBytes ? { chunkSizeBytes } : {}) });
  await new Promise<void>((resolve, reject) => {
    Readable.from([data]).pipe(stream).on('finish', resolve).on('error', reject);
  });
  return stream.id;
}

async function download(bucket: GridFSBucket, id: ObjectId): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

test('multi-chunk upload/download round trip', async () => {
  const bucket = new GridFSBucket(t.db, { bucketName: 'files' });
  const data = Buffer.alloc(700_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) % 256;
  const id = await upload(bucket, 'big.bin', data, 64 * 1024);
  expect(await t.db.collection('files.chunks').countDocuments({ files_id: id })).toBe(11);
  const back = await download(bucket, id);
  expect(back.equals(data)).toBe(true);
  const [file] = await bucket.find({ _id: id }).toArray();
  expect(file?.length).toBe(data.length);
  expect(file?.metadata).toEqual({ orgId: 'o', contentType: 'image/png' });
});

test('small file, range download, delete', async () => {
  const bucket = new GridFSBucket(t.db);
  const id = await upload(bucket, 'hello.txt', Buffer.from('hello gridfs'));
  const parts: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id, { start: 6, end: 12 })) parts.push(chunk as Buffer);
  expect(Buffer.concat(parts).toString()).toBe('gridfs');
  await bucket.delete(id);
  expect(await bucket.find({ _id: id }).toArray()).toEqual([]);
  expect(await t.db.collection('fs.chunks').countDocuments({ files_id: id })).toBe(0);
});
