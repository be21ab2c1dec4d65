/**
 * Picks the database the server talks to (DESIGN.md §3): MONGODB_URI, else an embedded real
 * mongod with a persistent dbPath, else the in-process wire-protocol stand-in — durable in a
 * data directory (journal + snapshots) when one is known, memory only otherwise or on request
 * (tests), each announced honestly. `force` (env PHOENIX_DB_BACKEND) skips the search.
 */
import path from 'node:path';
import { obtainMongod, startEmbeddedMongod } from './embedded.ts';
import { startStandin } from './standin/index.ts';

export type DbBackend = 'uri' | 'embedded' | 'standin';
export type DbLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface ResolvedDatabase {
  uri: string;
  backend: DbBackend;
  /** True only for the memory-only stand-in: a restart loses everything. */
  inMemoryOnly: boolean;
  /** Absolute directory of the durable stand-in's journal and snapshots, when that is the backend. */
  standinDir?: string;
  stop(): Promise<void>;
}

export interface ResolveOptions {
  uri?: string;
  force?: DbBackend;
  /** Where the embedded mongod keeps its files; default ./.data/mongo. */
  dataDir?: string;
  /**
   * Where the durable stand-in keeps its files. Default: `standin` next to `dataDir` (the server
   * passes `$DATA_DIR/mongo`, so `$DATA_DIR/standin`) — never inside mongod's own dbPath. With
   * neither given, the stand-in is memory-only.
   */
  standinDir?: string;
  /** Memory-only stand-in even with a data dir (tests, scripts). Default: env PHOENIX_STANDIN_MEMORY=1. */
  memoryOnly?: boolean;
  log?: DbLog;
}

const BACKENDS: readonly DbBackend[] = ['uri', 'embedded', 'standin'];

export function parseBackend(value: string | undefined): DbBackend | undefined {
  if (!value) return undefined;
  if ((BACKENDS as readonly string[]).includes(value)) return value as DbBackend;
  throw new Error(`PHOENIX_DB_BACKEND must be one of ${BACKENDS.join(', ')} (got "${value}")`);
}

/** Credentials never go to logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}

export const IN_MEMORY_BANNER = [
  '',
  '################################################################################',
  '#  WARNING: NO MONGODB AVAILABLE — USING THE IN-MEMORY STAND-IN                #',
  '#                                                                              #',
  '#  No MONGODB_URI was given and no mongod binary could be found or downloaded. #',
  '#  Phoenix Chat is running on its built-in MongoDB stand-in: ALL DATA LIVES IN #',
  '#  MEMORY ONLY and is lost when this process stops (no data directory was      #',
  '#  given, or PHOENIX_STANDIN_MEMORY=1 asked for memory only).                  #',
  '#  Set MONGODB_URI (or install mongod) for anything but tests and demos.       #',
  '################################################################################',
  '',
].join('\n');

/** Honest, but not alarming: the data survives restarts and crashes; it is just not MongoDB. */
export function durableStandinBanner(dir: string): string {
  return [
    '',
    '--------------------------------------------------------------------------------',
    '  NOTE: no MongoDB available — using the built-in MongoDB stand-in (durable).',
    `  Data lives in ${dir}`,
    '  (write-ahead journal + snapshots; every acknowledged write is on disk).',
    '  It is a single-process stand-in, not MongoDB: for production set MONGODB_URI',
    '  to a MongoDB replica set or Atlas.',
    '--------------------------------------------------------------------------------',
    '',
  ].join('\n');
}

const noop: DbLog = () => {};

export async function resolveDatabase(opts: ResolveOptions): Promise<ResolvedDatabase> {
  const log = opts.log ?? noop;
  const chosen = await choose(opts, log);
  log(chosen.backend === 'standin' ? 'warn' : 'info', `database: using ${chosen.backend} backend`, {
    backend: chosen.backend,
    uri: redactUri(chosen.uri),
    inMemoryOnly: chosen.inMemoryOnly,
    ...(chosen.standinDir ? { standinDir: chosen.standinDir } : {}),
  });
  return chosen;
}

async function choose(opts: ResolveOptions, log: DbLog): Promise<ResolvedDatabase> {
  const force = opts.force;
  if (force === 'uri' || (!force && opts.uri)) {
    if (!opts.uri) throw new Error('database: backend "uri" forced but MONGODB_URI is not set');
    return { uri: opts.uri, backend: 'uri', inMemoryOnly: false, stop: async () => {} };
  }
  if (force !== 'standin') {
    const embedded = await tryEmbedded(opts.dataDir ?? path.resolve('.data/mongo'), log, force === 'embedded');
    if (embedded) return embedded;
  }
  return startStandinBackend(opts, log);
}

async function tryEmbedded(dbPath: string, log: DbLog, required: boolean): Promise<ResolvedDatabase | undefined> {
  const started = Date.now();
  const binary = await obtainMongod();
  if (!binary) {
    if (required) throw new Error('database: backend "embedded" forced but no mongod binary is available');
    log('info', 'database: no mongod binary available', { searchedMs: Date.now() - started });
    return undefined;
  }
  try {
    const server = await startEmbeddedMongod(binary, dbPath);
    return { uri: server.uri, backend: 'embedded', inMemoryOnly: false, stop: server.stop };
  } catch (err) {
    if (required) throw err;
    // A stale lock or an incompatible binary should not keep the server from starting.
    log('warn', 'database: embedded mongod failed to start', { binary, dbPath, error: (err as Error).message });
    return undefined;
  }
}

function standinDirOf(opts: ResolveOptions): string | undefined {
  const memoryOnly = opts.memoryOnly ?? process.env.PHOENIX_STANDIN_MEMORY === '1';
  if (memoryOnly) return undefined;
  if (opts.standinDir) return path.resolve(opts.standinDir);
  return opts.dataDir ? path.join(path.dirname(path.resolve(opts.dataDir)), 'standin') : undefined;
}

async function startStandinBackend(opts: ResolveOptions, log: DbLog): Promise<ResolvedDatabase> {
  const dir = standinDirOf(opts);
  if (!dir) {
    const standin = await startStandin({ log });
    log('warn', IN_MEMORY_BANNER);
    return { uri: standin.uri, backend: 'standin', inMemoryOnly: true, stop: () => standin.stop() };
  }
  const standin = await startStandin({ log, dataDir: dir });
  log('warn', durableStandinBanner(dir));
  return { uri: standin.uri, backend: 'standin', inMemoryOnly: false, standinDir: dir, stop: () => standin.stop() };
}
