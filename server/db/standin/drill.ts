/**
 * Crash drills for the durable stand-in (tests and scripts/standin-crash.ts): run the CLI as a
 * child process on a data dir, stream acknowledged inserts at it, kill -9 it mid-stream, start it
 * again on the same dir and count acknowledged documents that did not survive.
 *
 * The child is spawned as `bun cli.ts` directly (process.execPath), not through npx: a kill -9
 * must hit the process that owns the journal, not a wrapper that would leave it running.
 */
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startStandin } from './server.ts';

const CLI = path.join(import.meta.dir, 'cli.ts');

export interface StandinProcess {
  uri: string;
  proc: ReturnType<typeof Bun.spawn>;
  /** What the child wrote to stderr so far (logs, the durability notice, start-up errors). */
  stderr: string[];
  /** SIGKILL, then wait until the process is gone (and reaped: its pid no longer counts as alive). */
  kill9(): Promise<void>;
  /** SIGTERM (clean stop: flush, snapshot, unlock); resolves with the exit code. */
  stop(): Promise<number>;
}

async function firstLine(stream: ReadableStream<Uint8Array>, timeoutMs: number): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stand-in printed no URI in time')), timeoutMs));
  try {
    while (!text.includes('\n')) {
      const chunk = await Promise.race([reader.read(), timer]);
      if (chunk.done) throw new Error('stand-in exited before printing its URI');
      text += decoder.decode(chunk.value);
    }
  } finally {
    reader.releaseLock();
  }
  return text.split('\n')[0] ?? '';
}

export async function spawnStandin(dataDir: string, extraArgs: string[] = []): Promise<StandinProcess> {
  const proc = Bun.spawn([process.execPath, CLI, '--port', '0', '--quiet', '--data-dir', dataDir, ...extraArgs], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) stderr.push(decoder.decode(r.value));
  })();
  const uri = await firstLine(proc.stdout as ReadableStream<Uint8Array>, 30_000).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}\n${stderr.join('')}`);
  });
  return {
    uri,
    proc,
    stderr,
    kill9: async () => {
      proc.kill(9);
      await proc.exited;
    },
    stop: async () => {
      proc.kill('SIGTERM');
      return proc.exited;
    },
  };
}

export interface DrillResult {
  acknowledged: number;
  failed: number;
  present: number;
  /** Acknowledged before the kill but missing after the restart: must be 0. */
  lost: number;
  /** Written but never acknowledged (in flight at the kill) that survived: allowed. */
  unacknowledgedPresent: number;
  killedAfterMs: number;
  restartMs: number;
}

/**
 * `total` inserts, `concurrency` in flight at a time, each its own acknowledged insertOne; the
 * child is killed once `killAfter` of them have been acknowledged, with others still in flight.
 */
export async function crashDrill(dataDir: string, total: number, killAfter: number, concurrency = 8): Promise<DrillResult> {
  const child = await spawnStandin(dataDir);
  const client = await MongoClient.connect(child.uri, { serverSelectionTimeoutMS: 5_000, retryWrites: false });
  const coll = client.db('drill').collection<{ _id: number; body: string }>('messages');
  const acked = new Set<number>();
  let failed = 0;
  let next = 0;
  let killing: Promise<void> | undefined;
  const started = Date.now();
  let killedAfterMs = 0;
  const worker = async (): Promise<void> => {
    while (next < total && !killing) {
      const id = next++;
      try {
        await coll.insertOne({ _id: id, body: `message ${id} ${'x'.repeat(200)}` });
        acked.add(id);
        if (acked.size >= killAfter && !killing) {
          killedAfterMs = Date.now() - started;
          killing = child.kill9();
        }
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await killing;
  // The driver's close can hang once its server is gone: give it a moment, then move on.
  await Promise.race([client.close(true).catch(() => {}), new Promise((r) => setTimeout(r, 1_000))]);

  const restartStarted = Date.now();
  const again = await spawnStandin(dataDir);
  const restartMs = Date.now() - restartStarted;
  const reader = await MongoClient.connect(again.uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const ids = new Set((await reader.db('drill').collection<{ _id: number }>('messages').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    let lost = 0;
    for (const id of acked) if (!ids.has(id)) lost++;
    let unacknowledgedPresent = 0;
    for (const id of ids) if (!acked.has(id)) unacknowledgedPresent++;
    return { acknowledged: acked.size, failed, present: ids.size, lost, unacknowledgedPresent, killedAfterMs, restartMs };
  } finally {
    await reader.close();
    await again.stop();
  }
}

/** Acknowledged insertOne through the driver: `clients` loops in parallel, `writes` in total. */
export async function insertRate(dataDir: string | undefined, clients: number, writes: number): Promise<{ perSecond: number; p50Ms: number; p99Ms: number }> {
  const standin = await startStandin(dataDir ? { dataDir } : {});
  const client = await MongoClient.connect(standin.uri, { maxPoolSize: clients });
  const coll = client.db('bench').collection('messages');
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < writes) {
        const t = performance.now();
        await coll.insertOne({ body: 'x'.repeat(200), createdAt: new Date() });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await client.close();
  await standin.stop();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number).toFixed(2);
  return { perSecond: Math.round(writes / seconds), p50Ms: at(0.5), p99Ms: at(0.99) };
}
