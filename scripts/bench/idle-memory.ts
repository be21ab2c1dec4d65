// DESIGN §9 budget: an idle visitor connection costs ≤ 4 KB of server memory. Opens N
// authenticated visitor sockets to a server process and reads its resident memory before and
// after (after a GC in the server, forced by a quiet moment, then averaged over samples).
//
//   bun scripts/bench/idle-memory.ts [--sockets 2000]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';

const { values } = parseArgs({ options: { sockets: { type: 'string', default: '2000' } } });
const count = Number(values.sockets);

const server = await startE2EServer(
  { LOG_LEVEL: 'warn', PHOENIX_DEMO: 'false', TRUST_PROXY: 'true' },
  { bunArgs: ['--preload', './scripts/bench/gc-on-signal.ts'] },
);
const rssKb = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? NaN);
/** The server's JS heap in use right after a full collection it ran on our signal. */
async function collectedHeap(): Promise<number> {
  const seen = server.logs.length;
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    const line = server.logs.slice(seen).find((l) => l.includes('MEMORY heapUsed='));
    if (line) return Number(/heapUsed=(\d+)/.exec(line)![1]);
    await Bun.sleep(20);
  }
  throw new Error('the server did not report its heap');
}
async function settledRss(): Promise<number> {
  // Let the server go quiet, collect its garbage, then take the median of a few readings.
  await Bun.sleep(500);
  process.kill(server.pid, 'SIGUSR2');
  await Bun.sleep(1000);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssKb());
    await Bun.sleep(200);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

const owner = await signUp(server);
// Sessions first (they are database rows, not connection memory), then the baseline.
const tokens: string[] = [];
for (let i = 0; i < count; i++) {
  const res = await new TestClient(server.url, { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }).post('/api/widget/session', { org: owner.org.widgetKey });
  tokens.push(res.body.token as string);
}
// Warm the socket path once, so code loading is not counted per connection.
const warm = new WebSocket(`${server.url.replace('http', 'ws')}/ws/visitor`);
await new Promise((r) => warm.addEventListener('open', r, { once: true }));
warm.send(JSON.stringify({ type: 'auth', token: tokens[0] }));
await Bun.sleep(200);
warm.close();

const before = await settledRss();
const heapBefore = await collectedHeap();
const sockets: WebSocket[] = [];
let ready = 0;
for (const token of tokens) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/visitor`);
  ws.addEventListener('message', (e) => {
    if (String(e.data).includes('"ready"')) ready++;
  });
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'auth', token })), { once: true });
  sockets.push(ws);
}
const deadline = Date.now() + 60_000;
while (ready < count && Date.now() < deadline) await Bun.sleep(50);
const after = await settledRss();
const heapAfter = await collectedHeap();
const perConnection = ((after - before) * 1024) / count;
const heapPerConnection = (heapAfter - heapBefore) / count;

console.log(JSON.stringify({
  sockets: count,
  authenticated: ready,
  rssKb: { before, after },
  // Resident memory includes Bun's native socket state; the JS heap is what our code keeps.
  bytesPerIdleConnection: { resident: Math.round(perConnection), jsHeap: Math.round(heapPerConnection) },
  budget: { bytes: 4096, pass: ready === count && perConnection <= 4096 },
}, null, 2));
for (const ws of sockets) ws.close();
await server.stop();
process.exit(0);
