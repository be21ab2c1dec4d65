// Starts the real server as its own process (the built console and widget, the stand-in
// database inside it), exactly as `npm start` would, on a free port.
import { spawn, type Subprocess } from 'bun';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './wait';

export interface E2EServer {
  url: string;
  port: number;
  /** The server process, for benchmarks that read its memory. */
  pid: number;
  logs: string[];
  stop(): Promise<void>;
}

const root = resolve(import.meta.dir, '../..');

async function freePort(): Promise<number> {
  const probe = Bun.serve({ port: 0, fetch: () => new Response() });
  const port = probe.port!;
  await probe.stop(true);
  return port;
}

export async function startE2EServer(env: Record<string, string> = {}, opts: { bunArgs?: string[] } = {}): Promise<E2EServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  // Each server keeps its data (the durable stand-in, as `npm start` does) in a folder of its
  // own, so no journey sees another run's organizations and chats.
  const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-e2e-'));
  const proc: Subprocess = spawn({
    cmd: [process.execPath, ...(opts.bunArgs ?? []), 'server/index.ts'],
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      PHOENIX_DB_BACKEND: 'standin',
      PHOENIX_DEMO: 'true',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      ...env,
    },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const collect = async (stream: ReadableStream<Uint8Array> | null | undefined) => {
    if (!stream) return;
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      logs.push(...decoder.decode(value).split('\n').filter(Boolean));
    }
  };
  void collect(proc.stdout as ReadableStream<Uint8Array>);
  void collect(proc.stderr as ReadableStream<Uint8Array>);

  const healthy = async () => {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${logs.join('\n')}`);
    try {
      return (await fetch(`${url}/health`)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  try {
    await waitFor('the server to answer /health', healthy, { timeoutMs: 30_000, intervalMs: 100 });
  } catch (err) {
    proc.kill();
    throw new Error(`${(err as Error).message}:\n${logs.join('\n')}`);
  }
  return {
    url,
    port,
    pid: proc.pid,
    logs,
    async stop() {
      proc.kill('SIGTERM');
      await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo owner's login, read from /demo as a person would: the password is generated per
 * installation (never a fixed one), shown on the page and in the start log.
 */
export async function demoLogin(base: string): Promise<{ email: string; password: string }> {
  const html = await (await fetch(`${base}/demo`)).text();
  const email = /<code data-demo-login>([^<]+)<\/code>/.exec(html)?.[1];
  const password = /<code data-demo-password>([^<]+)<\/code>/.exec(html)?.[1];
  if (!email || !password) throw new Error(`/demo shows no demo login:\n${html}`);
  return { email, password };
}
