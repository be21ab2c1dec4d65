// The database a benchmark's server runs on, chosen the same way by every bench script: the one
// MONGODB_URI names (a real mongod, say); else, with `apart`, the stand-in as its own process
// (durable in a temporary folder, memory only with PHOENIX_STANDIN_MEMORY=1); else the stand-in
// inside the server (what `npm start` runs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandinProcess, type Child } from '../faults/lib';

export type BenchDatabaseMode = 'mongodb-uri' | 'standin-apart' | 'standin-inside';

export interface BenchDatabase {
  mode: BenchDatabaseMode;
  /** Whether what the server writes reaches a disk (null: a database we do not run). */
  durable: boolean | null;
  /** The stand-in process when it runs apart (its CPU can be read from its pid), else null. */
  apart: (Child & { uri: string }) | null;
  /** The URI the server is given, or undefined when it runs its own stand-in. */
  uri: string | undefined;
  /** The server's environment for that choice (to spread into startE2EServer's). */
  serverEnv: Record<string, string>;
  /** Stops the stand-in apart and removes its folder (nothing to do otherwise). */
  stop(): Promise<void>;
}

/** `memoryOnly` overrides PHOENIX_STANDIN_MEMORY for a bench whose figure does not involve the disk. */
export async function benchDatabase(opts: { apart: boolean; memoryOnly?: boolean }): Promise<BenchDatabase> {
  const memoryOnly = opts.memoryOnly ?? process.env.PHOENIX_STANDIN_MEMORY === '1';
  const external = process.env.MONGODB_URI;
  const mode: BenchDatabaseMode = external ? 'mongodb-uri' : opts.apart ? 'standin-apart' : 'standin-inside';
  const dir = mode === 'standin-apart' && !memoryOnly ? mkdtempSync(join(tmpdir(), 'phoenix-bench-standin-')) : null;
  const apart = mode === 'standin-apart' ? await startStandinProcess(dir ? { dataDir: dir } : {}) : null;
  const uri = external ?? apart?.uri;
  return {
    mode,
    durable: mode === 'mongodb-uri' ? null : !memoryOnly,
    apart,
    uri,
    serverEnv: uri ? { MONGODB_URI: uri, PHOENIX_DB_BACKEND: 'uri' } : {},
    stop: async () => {
      await apart?.kill();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
