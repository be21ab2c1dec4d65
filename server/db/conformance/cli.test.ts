import { afterAll, beforeAll, expect, test } from 'bun:test';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { onRealMongo } from './harness.ts';

// The CLI is the stand-in's own process; against a real MongoDB there is nothing to test here.
const maybe = onRealMongo ? test.skip : test;

const cli = path.join(import.meta.dir, '../standin/cli.ts');
let proc: ReturnType<typeof Bun.spawn> | undefined;
let uri = '';

async function firstLine(stream: ReadableStream<Uint8Array>, timeoutMs: number): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!text.includes('\n')) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('stand-in CLI printed no URI in time');
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stand-in CLI printed no URI in time')), left)),
      ]);
      if (chunk.done) throw new Error('stand-in CLI exited before printing its URI');
      text += decoder.decode(chunk.value);
    }
  } finally {
    reader.releaseLock();
  }
  return text.split('\n')[0] ?? '';
}

beforeAll(async () => {
  if (onRealMongo) return;
  proc = Bun.spawn([process.execPath, cli, '--port', '0', '--quiet'], { stdout: 'pipe', stderr: 'ignore' });
  uri = await firstLine(proc.stdout as ReadableStream<Uint8Array>, 10_000);
});

afterAll(() => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
});

maybe('two clients of a separate stand-in process share data; SIGTERM stops it cleanly', async () => {
  expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
  const a = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 3_000 });
  const b = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 3_000 });
  try {
    await a.db('shared').collection('notes').insertOne({ from: 'a' });
    expect((await b.db('shared').collection('notes').findOne({}))?.from).toBe('a');
    // A client disappearing abruptly (think kill -9 of a server) does not take the data with it.
    await a.close(true);
    expect(await b.db('shared').collection('notes').countDocuments()).toBe(1);
  } finally {
    await Promise.allSettled([a.close(), b.close()]);
  }
  const child = proc as ReturnType<typeof Bun.spawn>;
  child.kill('SIGTERM');
  expect(await child.exited).toBe(0);
});
