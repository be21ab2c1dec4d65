// DESIGN §9 budget: an idle visitor connection costs ≤ 4 KB of server memory. Opens authenticated
// visitor sockets to a server process in rounds of --sockets and reads its resident memory after
// each round (after a GC in the server, forced by a quiet moment, then the median of samples).
// The raw baseline, in the same run: a bare Bun.serve process that upgrades the same number of
// sockets in the same rounds and answers one auth frame on each, measured the same way; the
// ratio is ours ÷ raw per socket.
//
// Two figures per side. "first": the first round over the empty server, which also pays the
// heaps' one-time growth (measured: a server's first 2,000 sockets 9.9 KB each, the next 6,000
// 2.4, 4.1 and 2.0 KB: the allocator reuses what the first round grew). "steady": the later
// rounds, from the first round's reading to the last: what each further socket costs, the figure
// that sizes a server for N visitors online. The budget is checked on "steady".
//
// What "per socket" holds here: the visitors' sessions and contacts are created (and collected
// after) before the first reading, so the stand-in's copy of those documents is not counted; what
// is counted is the socket, what the server keeps for it, and what authenticating --sockets
// sockets at once leaves resident (socket-server.ts takes those checks a few at a time for that
// reason). The JS heap in use after a full collection is reported beside it, as the part our
// objects hold.
//
// The database is a stand-in process of its own by default (memory only), as production has its
// database apart: inside the server (--standin-inside, what `npm start` runs) its documents and
// caches make a heap of ~90 MB whose growth and shrinking swamp a socket's ~1 KB (measured: the
// same build read 1.57 and 4.22 KB per socket in two runs inside; see the README).
//
// With MONGODB_URI set, that database is used instead (a real mongod, say).
//
//   bun scripts/bench/idle-memory.ts [--sockets 2000] [--rounds 3] [--standin-inside]
import { spawn } from 'bun';
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';
import { benchDatabase, type BenchDatabaseMode } from './bench-database';
import { procRssKb, ratio } from './measure';

const { values } = parseArgs({
  options: { sockets: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' }, 'standin-inside': { type: 'boolean', default: false } },
});
/** A real database when one is given (`MONGODB_URI`), else the stand-in apart unless --standin-inside. */
const apart = !values['standin-inside'];
const count = Number(values.sockets);
const rounds = Math.max(2, Number(values.rounds));

/** Resident KB after each round of `count` sockets, the reading before the first round first. */
interface Readings {
  ready: number;
  rssKb: number[];
}

/**
 * Opens `rounds` rounds of idle sockets, reading the settled RSS before and after each (and,
 * with `heap`, the collected JS heap after each round).
 */
async function inRounds(pid: number, url: string, tokens: string[], heap?: () => Promise<number>): Promise<Readings & { sockets: WebSocket[]; heapBytes: number[] }> {
  const rssKb = [await settledRss(pid)];
  const heapBytes: number[] = [];
  const sockets: WebSocket[] = [];
  let ready = 0;
  for (let r = 0; r < rounds; r++) {
    const round = await openIdle(url, tokens.slice(r * count, (r + 1) * count));
    sockets.push(...round.sockets);
    ready += round.ready;
    rssKb.push(await settledRss(pid));
    if (heap) heapBytes.push(await heap());
  }
  return { ready, rssKb, sockets, heapBytes };
}

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
async function ours(): Promise<Readings & { heapBytesPerSocket: number; database: BenchDatabaseMode }> {
  // Memory only: the figure is the server's memory, which the database's disk does not touch.
  const database = await benchDatabase({ apart, memoryOnly: true });
  const server = await startE2EServer(
    { LOG_LEVEL: 'warn', PHOENIX_DEMO: 'false', TRUST_PROXY: 'true', ...database.serverEnv },
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
    for (let i = 0; i < count * rounds; i++) {
      const res = await new TestClient(server.url, { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }).post('/api/widget/session', { org: owner.org.widgetKey });
      tokens.push(res.body.token as string);
    }
    const wsUrl = `${server.url.replace('http', 'ws')}/ws/visitor`;
    // Warm the socket path once, so code loading is not counted per connection.
    const warm = await openIdle(wsUrl, tokens.slice(0, 1));
    warm.sockets[0]!.close();
    const { sockets, ready, rssKb, heapBytes } = await inRounds(server.pid, wsUrl, tokens, collectedHeap);
    for (const ws of sockets) ws.close();
    // Over the later rounds, as "steady": caches filled by the sessions' creation settle in the first.
    return { ready, rssKb, heapBytesPerSocket: Math.round((heapBytes[rounds - 1]! - heapBytes[0]!) / (count * (rounds - 1))), database: database.mode };
  } finally {
    await server.stop();
    await database.stop();
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

async function raw(): Promise<Readings> {
  const proc = spawn({ cmd: [process.execPath, '-e', RAW_SERVER], stdout: 'pipe', stderr: 'inherit' });
  try {
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
    const url = `ws://127.0.0.1:${port}`;
    const tokens = Array.from({ length: count * rounds }, () => crypto.randomUUID());
    const warm = await openIdle(url, tokens.slice(0, 1));
    warm.sockets[0]!.close();
    const { sockets, ready, rssKb } = await inRounds(proc.pid, url, tokens);
    for (const ws of sockets) ws.close();
    return { ready, rssKb };
  } finally {
    proc.kill();
  }
}

/** KB per socket: the first round over the empty server, and the later rounds together. */
const perSocket = (m: Readings) => ({
  first: +((m.rssKb[1]! - m.rssKb[0]!) / count).toFixed(2),
  steady: +((m.rssKb[rounds]! - m.rssKb[1]!) / (count * (rounds - 1))).toFixed(2),
});
const rawResult = await raw();
const ourResult = await ours();
const ourKb = perSocket(ourResult);
const rawKb = perSocket(rawResult);
const total = count * rounds;
const steadyRatio = ratio(ourKb.steady, rawKb.steady);
console.log(JSON.stringify({
  sockets: total,
  rounds,
  database: ourResult.database,
  authenticated: { phoenixChat: ourResult.ready, rawBunServe: rawResult.ready },
  rssKbAfterEachRound: { phoenixChat: ourResult.rssKb, rawBunServe: rawResult.rssKb },
  // Resident memory includes Bun's native socket state; the JS heap is what our code keeps.
  residentKbPerSocket: { phoenixChat: ourKb, rawBunServe: rawKb },
  ratio: { first: ratio(ourKb.first, rawKb.first), steady: steadyRatio },
  jsHeapBytesPerSocket: ourResult.heapBytesPerSocket,
  budget: { bytes: 4096, maxRatio: 2, pass: ourResult.ready === total && ourKb.steady * 1024 <= 4096 && steadyRatio !== null && steadyRatio <= 2 },
}, null, 2));
process.exit(0);
