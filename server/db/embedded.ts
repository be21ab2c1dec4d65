/**
 * The embedded real `mongod` (mongodb-memory-server-core) with a persistent dbPath. Finding a
 * binary must be FAST on offline machines: look in the usual places first (MONGOMS_SYSTEM_BINARY,
 * `mongod` on PATH, the mongodb-memory-server caches), and only try a download after a short
 * reachability probe of the download host — mongodb-memory-server's own download waits up to a
 * minute per attempt with retries.
 */
import { mkdir } from 'node:fs/promises';
import { DryMongoBinary, MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';

const PROBE_TIMEOUT_MS = 1_500;

/** A mongod binary already on this machine, without downloading anything. */
export async function locateLocalMongod(): Promise<string | undefined> {
  const fromEnv = process.env.MONGOMS_SYSTEM_BINARY;
  if (fromEnv) return fromEnv;
  const onPath = Bun.which('mongod');
  if (onPath) return onPath;
  try {
    return await DryMongoBinary.locateBinary(DryMongoBinary.getEnsuredOptions());
  } catch {
    return undefined;
  }
}

/** Whether the binary download host answers at all within a short timeout. */
export async function downloadHostReachable(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const base = process.env.MONGOMS_DOWNLOAD_URL ?? process.env.MONGOMS_DOWNLOAD_MIRROR ?? 'https://fastdl.mongodb.org';
  try {
    const res = await fetch(new URL(base).origin, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    // Any HTTP answer (even 403/404) means the network path exists.
    return res.status > 0;
  } catch {
    return false;
  }
}

/** Binary to run: local if present, else downloaded once (only when the host is reachable). */
export async function obtainMongod(): Promise<string | undefined> {
  const local = await locateLocalMongod();
  if (local) return local;
  if (process.env.MONGOMS_RUNTIME_DOWNLOAD === 'false' || !(await downloadHostReachable())) return undefined;
  try {
    return await MongoBinary.getPath();
  } catch {
    return undefined;
  }
}

export interface EmbeddedMongo {
  uri: string;
  stop(): Promise<void>;
}

export async function startEmbeddedMongod(binary: string, dbPath: string): Promise<EmbeddedMongo> {
  await mkdir(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { dbPath, storageEngine: 'wiredTiger' },
    binary: { systemBinary: binary },
  });
  return {
    uri: server.getUri(),
    // doCleanup false: the dbPath is the local install's data and must survive restarts.
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
