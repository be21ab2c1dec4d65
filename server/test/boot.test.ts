// The server as a process: refuses bad configuration at start, and stops cleanly without
// losing data (the database here is a separate stand-in process, as a real MongoDB would be).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { spawn } from 'bun';
import { resolve } from 'node:path';
import { TestClient, uniqueEmail } from '../testing/harness';
import { waitFor } from '../testing/wait';

const root = resolve(import.meta.dir, '../..');

async function freePort(): Promise<number> {
  const probe = Bun.serve({ port: 0, fetch: () => new Response() });
  const port = probe.port!;
  await probe.stop(true);
  return port;
}

async function waitHealthy(url: string, proc: { exitCode: number | null }): Promise<void> {
  const health = new TestClient(url);
  await waitFor(
    async () => {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
      return health.get('/health').then((r) => r.status >= 200 && r.status < 300, () => false);
    },
    { what: 'the server to become healthy', timeout: 20_000, interval: 50 },
  );
}

let standin: ReturnType<typeof spawn>;
let mongoUri: string;
beforeAll(async () => {
  standin = spawn({ cmd: [process.execPath, 'server/db/standin/cli.ts', '--port', '0', '--quiet'], cwd: root, stdout: 'pipe', stderr: 'ignore' });
  const reader = (standin.stdout as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  mongoUri = new TextDecoder().decode(value).trim().split('\n')[0]!;
  reader.releaseLock();
});
afterAll(() => {
  standin.kill();
});

test('a bad env value stops the server at start, naming the variable', async () => {
  const proc = spawn({ cmd: [process.execPath, 'server/index.ts'], cwd: root, env: { ...process.env, PORT: 'abc' }, stdout: 'pipe', stderr: 'pipe' });
  const code = await proc.exited;
  const stderr = await new Response(proc.stderr as ReadableStream).text();
  expect(code).toBe(1);
  expect(stderr).toContain('PORT must be an integer');
});

test('SIGTERM stops gracefully and the data is there after a restart', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MONGODB_URI: `${mongoUri}/boot_test`, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const first = spawn({ cmd: [process.execPath, 'server/index.ts'], cwd: root, env, stdout: 'ignore', stderr: 'pipe' });
  await waitHealthy(url, first);
  const health = (await new TestClient(url).get('/health')).body;
  expect(health.database.backend).toBe('uri');

  const email = uniqueEmail('boot');
  const signup = await new TestClient(url).post('/api/auth/signup', { orgName: 'Persist', name: 'P', email, password: 'persistent pw' });
  expect(signup.status).toBe(201);
  first.kill('SIGTERM');
  expect(await first.exited).toBe(0);

  const second = spawn({ cmd: [process.execPath, 'server/index.ts'], cwd: root, env, stdout: 'ignore', stderr: 'pipe' });
  await waitHealthy(url, second);
  const login = await new TestClient(url).post('/api/auth/login', { email, password: 'persistent pw' });
  expect(login.status).toBe(200);
  second.kill('SIGTERM');
  expect(await second.exited).toBe(0);
}, 60_000);
