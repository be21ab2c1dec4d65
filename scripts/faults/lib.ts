// Shared pieces of the fault scripts (scripts/faults/*.ts) and their short versions in
// server/test/faults-*.test.ts: processes (the stand-in, server instances, a private
// redis-server, each its own process, stopped by its pid), and the clients that count.
import { spawn, type Subprocess } from 'bun';
import { resolve } from 'node:path';
import { waitFor } from '../../server/testing/wait';

export const root = resolve(import.meta.dir, '../..');

export async function freePort(): Promise<number> {
  const probe = Bun.serve({ port: 0, fetch: () => new Response() });
  const port = probe.port!;
  await probe.stop(true);
  return port;
}

function collect(stream: ReadableStream<Uint8Array> | null | undefined, into: string[], onLine?: (line: string) => void): void {
  if (!stream) return;
  void (async () => {
    const decoder = new TextDecoder();
    let rest = '';
    const reader = stream.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) return;
      const lines = (rest + decoder.decode(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        into.push(line);
        onLine?.(line);
      }
    }
  })();
}

export interface Child {
  proc: Subprocess;
  logs: string[];
  /** Stops it by its pid with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function child(cmd: string[], env: Record<string, string> = {}, onLine?: (line: string) => void): Child {
  const proc = spawn({ cmd, cwd: root, env: { ...process.env, ...env }, stdout: 'pipe', stderr: 'pipe' });
  const logs: string[] = [];
  collect(proc.stdout as ReadableStream<Uint8Array>, logs, onLine);
  collect(proc.stderr as ReadableStream<Uint8Array>, logs, onLine);
  return {
    proc,
    logs,
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid, signal);
      await proc.exited;
      return proc.exitCode;
    },
  };
}

/**
 * The stand-in database as its own process (survives a server killed with -9): memory only, or
 * durable in `dataDir` (journal and snapshots, as the server's own stand-in keeps them).
 */
export async function startStandinProcess(opts: { dataDir?: string } = {}): Promise<Child & { uri: string }> {
  const port = await freePort();
  let uri = '';
  const args = ['server/db/standin/cli.ts', '--port', String(port), '--quiet', ...(opts.dataDir ? ['--data-dir', opts.dataDir] : [])];
  const c = child([process.execPath, ...args], {}, (line) => {
    if (!uri && line.startsWith('mongodb://')) uri = line.trim();
  });
  await waitFor(() => {
    if (c.proc.exitCode !== null) throw new Error(`stand-in exited: ${c.logs.join('\n')}`);
    return uri;
  }, { timeout: 15_000, what: 'the stand-in to print its URI' });
  return Object.assign(c, { uri });
}

/** A private redis-server (never the shared one): no persistence, stopped by its pid. */
export async function startRedis(port: number): Promise<Child> {
  const c = child(['redis-server', '--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1']);
  await waitFor(() => {
    if (c.proc.exitCode !== null) throw new Error(`redis-server exited: ${c.logs.join('\n')}`);
    return c.logs.some((l) => l.includes('Ready to accept connections'));
  }, { timeout: 10_000, what: 'redis-server to be ready' });
  return c;
}

export interface ServerChild extends Child {
  url: string;
  port: number;
}

/**
 * A server instance as its own process (server/index.ts), on `port`, healthy when returned: on
 * `mongoUri`, or, without one, on the built-in stand-in as `npm start` runs it (`env` gives its
 * DATA_DIR).
 */
export async function startServerProcess(opts: { port: number; mongoUri?: string; env?: Record<string, string>; requireHealthy?: boolean }): Promise<ServerChild> {
  const url = `http://127.0.0.1:${opts.port}`;
  const c = child([process.execPath, 'server/index.ts'], {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    PUBLIC_URL: url,
    // Without a URI: the stand-in (PHOENIX_DB_BACKEND only skips looking for a mongod binary).
    MONGODB_URI: opts.mongoUri ?? '',
    PHOENIX_DB_BACKEND: opts.mongoUri ? 'uri' : 'standin',
    PHOENIX_DEMO: 'false',
    LOG_LEVEL: 'info',
    TRUST_PROXY: 'true',
    // The scenarios write as fast as they can: the visitor rate limits would only slow them.
    VISITOR_RATE_LIMITS: 'false',
    ...opts.env,
  });
  await waitFor(async () => {
    if (c.proc.exitCode !== null) throw new Error(`server exited with ${c.proc.exitCode}:\n${c.logs.join('\n')}`);
    try {
      const res = await fetch(`${url}/health`);
      return opts.requireHealthy === false ? true : res.ok;
    } catch {
      return false;
    }
  }, { timeout: 30_000, interval: 50, what: 'the server to answer /health' });
  return Object.assign(c, { url, port: opts.port });
}

export const countIn = (logs: string[], needle: string): number => logs.filter((l) => l.includes(needle)).length;
