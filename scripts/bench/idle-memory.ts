// DESIGN §9 budget: an idle visitor connection costs ≤ 4 KB of server memory. Opens N
// authenticated visitor sockets to a server process and reads its resident memory before and
// after (after a GC in the server, forced by a quiet moment, then the median of samples). The
// raw baseline, in the same run: a bare Bun.serve process that upgrades N sockets and answers one
// auth frame on each, measured the same way; the ratio is ours ÷ raw per socket.
//
// What "per socket" holds here: the visitors' sessions and contacts are created (and collected
// after) before the first reading, so the stand-in's copy of those documents is not counted; what
// is counted is the socket, what the server keeps for it, and what authenticating 2,000 sockets at
// once leaves resident (the JS heap grows with the garbage of the token checks and is not handed
// back at once; socket-server.ts takes those checks a few at a time for that reason). The JS heap
// in use after a full collection is reported beside it, as the part our objects hold.
//
//   bun scripts/bench/idle-memory.ts [--sockets 2000]
import { spawn } from 'bun';
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';
import { procRssKb, ratio } from './measure';

const { values } = parseArgs({ options: { sockets: { type: 'string', default: '2000' } } });
const count = Number(values.sockets);

/** Lets the process go quiet, has it collect its garbage (SIGUSR2), then the median of readings. */
async function settledRss(pid: number): Promise<number> {
  await Bun.sleep(500);
  process.kill(pid, 'SIGUSR2');
  await Bun.sleep(1000);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(procRssKb(pid));
    await Bun.sleep(200);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

/** Opens one socket per token, each authenticating with its first frame; resolves when all are ready. */
async function openIdle(url: string, tokens: string[]): Promise<{ sockets: WebSocket[]; ready: number }> {
  const sockets: WebSocket[] = [];
  let ready = 0;
  for (const token of tokens) {
    const ws = new WebSocket(url);
    ws.addEventListener('message', (e) => {
      if (String(e.data).includes('"ready"')) ready++;
    });
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'auth', token })), { once: true });
    sockets.push(ws);
  }
  const deadline = Date.now() + 60_000;
  while (ready < tokens.length && Date.now() < deadline) await Bun.sleep(50);
  return { sockets, ready };
}

// ── Phoenix Chat ─────────────────────────────────────────────────────────────────────────────
async function ours() {
  const server = await startE2EServer(
    { LOG_LEVEL: 'warn', PHOENIX_DEMO: 'false', TRUST_PROXY: 'true' },
    { bunArgs: ['--preload', './scripts/bench/gc-on-signal.ts'] },
  );
  try {
    /** The server's JS heap in use right after a full collection it ran on our signal. */
    const collectedHeap = async (): Promise<number> => {
      const seen = server.logs.length;
      process.kill(server.pid, 'SIGUSR2');
      for (let i = 0; i < 100; i++) {
        const line = server.logs.slice(seen).find((l) => l.includes('MEMORY heapUsed='));
        if (line) return Number(/heapUsed=(\d+)/.exec(line)![1]);
        await Bun.sleep(20);
      }
      throw new Error('the server did not report its heap');
    };
    const owner = await signUp(server);
    // Sessions first (they are database rows, not connection memory), then the baseline.
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await new TestClient(server.url, { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }).post('/api/widget/session', { org: owner.org.widgetKey });
      tokens.push(res.body.token as string);
    }
    const wsUrl = `${server.url.replace('http', 'ws')}/ws/visitor`;
    // Warm the socket path once, so code loading is not counted per connection.
    const warm = await openIdle(wsUrl, tokens.slice(0, 1));
    warm.sockets[0]!.close();
    const before = await settledRss(server.pid);
    const heapBefore = await collectedHeap();
    const { sockets, ready } = await openIdle(wsUrl, tokens);
    const after = await settledRss(server.pid);
    const heapAfter = await collectedHeap();
    for (const ws of sockets) ws.close();
    return { ready, before, after, heapBytesPerSocket: Math.round((heapAfter - heapBefore) / count) };
  } finally {
    await server.stop();
  }
}

// ── Raw Bun.serve: the socket, one auth frame answered, nothing kept ─────────────────────────
const RAW_SERVER = `
process.on('SIGUSR2', () => Bun.gc(true));
const server = Bun.serve({
  port: 0,
  fetch(req, srv) { return srv.upgrade(req, { data: { token: null } }) ? undefined : new Response('no'); },
  websocket: {
    message(ws, m) { ws.data.token = JSON.parse(String(m)).token; ws.send('{"type":"ready"}'); },
  },
});
console.log(server.port);
`;

async function raw() {
  const proc = spawn({ cmd: [process.execPath, '-e', RAW_SERVER], stdout: 'pipe', stderr: 'inherit' });
  try {
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
    const url = `ws://127.0.0.1:${port}`;
    const tokens = Array.from({ length: count }, () => crypto.randomUUID());
    const warm = await openIdle(url, tokens.slice(0, 1));
    warm.sockets[0]!.close();
    const before = await settledRss(proc.pid);
    const { sockets, ready } = await openIdle(url, tokens);
    const after = await settledRss(proc.pid);
    for (const ws of sockets) ws.close();
    return { ready, before, after };
  } finally {
    proc.kill();
  }
}

const kbPerSocket = (m: { before: number; after: number }) => +((m.after - m.before) / count).toFixed(2);
const rawResult = await raw();
const ourResult = await ours();
const ourKb = kbPerSocket(ourResult);
const rawKb = kbPerSocket(rawResult);
console.log(JSON.stringify({
  sockets: count,
  authenticated: { phoenixChat: ourResult.ready, rawBunServe: rawResult.ready },
  rssKb: { phoenixChat: { before: ourResult.before, after: ourResult.after }, rawBunServe: { before: rawResult.before, after: rawResult.after } },
  // Resident memory includes Bun's native socket state; the JS heap is what our code keeps.
  residentKbPerSocket: { phoenixChat: ourKb, rawBunServe: rawKb },
  ratio: ratio(ourKb, rawKb),
  jsHeapBytesPerSocket: ourResult.heapBytesPerSocket,
  budget: { bytes: 4096, pass: ourResult.ready === count && ourKb * 1024 <= 4096 },
}, null, 2));
process.exit(0);
