// DESIGN §9 budget: fan-out through our server reaches ≥ 50% of raw Bun.serve pub/sub on the
// same machine in the same run. One visitor writes M messages into a chat that N agent sockets
// have open; every stored message goes out to all N. The raw baseline is a bare Bun.serve that
// publishes the same number of frames of the same size to N subscribers of one topic. Both
// report deliveries per second as counted by the receiving sockets (this process); the servers
// run as their own processes.
//
// One chat's messages are stored one seq after another, so this figure is bound by the write path
// as much as by delivery; server/realtime/deliver-bench.ts measures the delivery side alone
// (CPU per message with many more agents and visitors online, before/after in one run).
//
// Both servers first take --warmup messages that are not counted: until the JIT has compiled the
// message path, its compiler threads take a third of our server's CPU (measured: 0.57 s of 2.9 s
// over 20,000 messages, most of it in the first seconds), which a long-running server pays once.
// Each side's server CPU per measured message (from /proc) is printed beside the rates.
//
// The database: the stand-in inside the server (`npm start`) by default, as its own process with
// --standin-apart (durable in a temporary folder; memory only with PHOENIX_STANDIN_MEMORY=1, as
// inside), or the database MONGODB_URI names.
//
//   bun scripts/bench/fanout.ts [--agents 200] [--messages 5000] [--warmup 2000] [--standin-apart] [--profile DIR]
import { spawn } from 'bun';
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';
import { benchDatabase } from './bench-database';
import { procCpuSeconds } from './measure';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '200' },
    messages: { type: 'string', default: '5000' },
    warmup: { type: 'string', default: '2000' },
    'standin-apart': { type: 'boolean', default: false },
    /** Writes our server's CPU profile (Bun's --cpu-prof, markdown) into this folder at the end. */
    profile: { type: 'string' },
  },
});
const N = Number(values.agents);
const M = Number(values.messages);
const WARMUP = Number(values.warmup);
const IN_FLIGHT = 32;

async function openAll(urls: string[], init?: (ws: WebSocket) => void): Promise<WebSocket[]> {
  return Promise.all(
    urls.map(
      (url) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, init ? undefined : undefined);
          ws.addEventListener('open', () => resolve(ws), { once: true });
          ws.addEventListener('error', () => reject(new Error(`socket ${url} failed`)), { once: true });
        }),
    ),
  );
}

/**
 * Counts frames whose text contains `marker` across sockets; resolves when `expected` arrived.
 * `detach` takes its listener off again, so a later phase's frames are counted by one listener
 * on our side as on the raw side.
 */
function counter(sockets: WebSocket[], marker: string, expected: number) {
  let received = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  const listener = (e: MessageEvent) => {
    if (typeof e.data === 'string' && e.data.includes(marker) && ++received >= expected) resolveDone();
  };
  for (const ws of sockets) ws.addEventListener('message', listener);
  const detach = () => {
    for (const ws of sockets) ws.removeEventListener('message', listener);
  };
  return { done, detach, get received() { return received; } };
}

/** Waits for a counter, failing loudly (not hanging) when frames went missing. */
async function all(c: ReturnType<typeof counter>, expected: number, what: string): Promise<void> {
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000).unref());
  if ((await Promise.race([c.done, timeout])) === 'timeout') throw new Error(`${what}: ${c.received} of ${expected} deliveries arrived`);
}

/**
 * Checks every agent socket's `message.created` frames: each seq once, in increasing order.
 * (Reads the seq with indexOf, not JSON.parse, so the check costs the receiver little.)
 */
function seqOrder(sockets: WebSocket[]) {
  const seen = sockets.map(() => ({ last: 0, count: 0, reordered: 0 }));
  const listeners = sockets.map((ws, i) => {
    const listener = (e: MessageEvent) => {
      if (typeof e.data !== 'string' || !e.data.startsWith('{"type":"message.created"')) return;
      const at = e.data.indexOf('"seq":') + 6;
      const seq = parseInt(e.data.slice(at, at + 12), 10);
      const mine = seen[i]!;
      if (seq <= mine.last) mine.reordered++;
      else {
        mine.count++;
        mine.last = seq;
      }
    };
    ws.addEventListener('message', listener);
    return listener;
  });
  return {
    /** Stops checking; what each socket should have had was `expected` messages. */
    finish(expected: number) {
      sockets.forEach((ws, i) => ws.removeEventListener('message', listeners[i]!));
      const lost = seen.reduce((sum, s) => sum + Math.max(0, expected - s.count), 0);
      const reordered = seen.reduce((sum, s) => sum + s.reordered, 0);
      return { lost, reordered, pass: lost === 0 && reordered === 0 };
    },
  };
}

interface Side {
  /** Deliveries per second over the measured messages. */
  rate: number;
  /** The server process's CPU (all threads) per measured message. */
  cpuUsPerMessage: number;
  /** Ours only: every agent socket had every message once and in seq order. */
  integrity?: { lost: number; reordered: number; pass: boolean };
}

/**
 * Sends `count` messages with IN_FLIGHT unanswered at most (the next goes on each ack) and
 * resolves with the seconds until every receiver had every one of them.
 */
async function pipeline(receivers: WebSocket[], sender: WebSocket, count: number, send: () => void, isAck: (e: MessageEvent) => boolean, what: string): Promise<number> {
  if (count === 0) return 0;
  const delivered = counter(receivers, '"message.created"', receivers.length * count);
  let sent = 0;
  const next = () => {
    if (sent >= count) return;
    sent++;
    send();
  };
  const onMessage = (e: MessageEvent) => isAck(e) && next();
  sender.addEventListener('message', onMessage);
  const t0 = performance.now();
  for (let i = 0; i < IN_FLIGHT; i++) next();
  await all(delivered, receivers.length * count, what);
  const seconds = (performance.now() - t0) / 1000;
  sender.removeEventListener('message', onMessage);
  delivered.detach();
  return seconds;
}

// ── Phoenix Chat ─────────────────────────────────────────────────────────────────────────────
const database = await benchDatabase({ apart: values['standin-apart'] });

async function ours(): Promise<Side> {
  const server = await startE2EServer(
    { LOG_LEVEL: 'warn', PHOENIX_DEMO: 'false', TRUST_PROXY: 'true', VISITOR_RATE_LIMITS: 'false', ...database.serverEnv },
    values.profile ? { bunArgs: ['--cpu-prof', '--cpu-prof-md', `--cpu-prof-dir=${values.profile}`] } : {},
  );
  try {
    const owner = await signUp(server);
    const session = await new TestClient(server.url).post('/api/widget/session', { org: owner.org.widgetKey });
    const visitor = new TestClient(server.url, { authorization: `Bearer ${session.body.token}` });
    const chat = (await visitor.post('/api/widget/chats', {})).body as { id: string };
    await owner.client.post(`/api/chats/${chat.id}/claim`);
    const wsBase = server.url.replace('http', 'ws');
    // N agent sockets (one signed-in agent in N tabs) with the chat open.
    const agents = await Promise.all(
      Array.from({ length: N }, () => {
        const ws = new WebSocket(`${wsBase}/ws`, { headers: { cookie: owner.client.cookieHeader } } as unknown as string[]);
        return new Promise<WebSocket>((resolve) => ws.addEventListener('open', () => resolve(ws), { once: true }));
      }),
    );
    const replayed = counter(agents, '"chat.replayed"', N);
    for (const ws of agents) ws.send(JSON.stringify({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 }));
    await replayed.done;
    replayed.detach();

    const [vs] = await openAll([`${wsBase}/ws/visitor`]);
    const ready = counter([vs!], '"ready"', 1);
    vs!.send(JSON.stringify({ type: 'auth', token: session.body.token }));
    await ready.done;
    ready.detach();

    let sent = 0;
    const send = () => vs!.send(JSON.stringify({ type: 'message.send', chatId: chat.id, clientId: `f${sent++}`, text: 'x'.repeat(100) }));
    const onAck = (e: MessageEvent) => typeof e.data === 'string' && e.data.startsWith('{"type":"ack"');
    const order = seqOrder(agents);
    await pipeline(agents, vs!, WARMUP, send, onAck, 'phoenix chat (warm-up)');
    const cpuBefore = procCpuSeconds(server.pid);
    const seconds = await pipeline(agents, vs!, M, send, onAck, 'phoenix chat');
    const cpuUsPerMessage = ((procCpuSeconds(server.pid) - cpuBefore) * 1e6) / M;
    const integrity = order.finish(WARMUP + M);
    for (const ws of [...agents, vs!]) ws.close();
    return { rate: (N * M) / seconds, cpuUsPerMessage, integrity };
  } finally {
    await server.stop();
    await database.stop();
  }
}

// ── Raw Bun.serve pub/sub ────────────────────────────────────────────────────────────────────
const RAW_SERVER = `
const frame = JSON.stringify({ type: 'message.created', message: { text: 'x'.repeat(100), pad: 'y'.repeat(300) } });
const server = Bun.serve({
  port: 0,
  fetch(req, srv) { return srv.upgrade(req) ? undefined : new Response('no'); },
  websocket: {
    open(ws) { ws.subscribe('chat'); },
    message(ws, m) { server.publish('chat', frame); ws.send('{"type":"ack"}'); },
  },
});
console.log(server.port);
`;

async function raw(): Promise<Side> {
  const proc = spawn({ cmd: [process.execPath, '-e', RAW_SERVER], stdout: 'pipe', stderr: 'inherit' });
  try {
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
    const url = `ws://127.0.0.1:${port}`;
    const subscribers = await openAll(Array.from({ length: N }, () => url));
    const [publisher] = await openAll([url]);
    const send = () => publisher!.send('go');
    const onAck = (e: MessageEvent) => e.data === '{"type":"ack"}';
    await pipeline(subscribers, publisher!, WARMUP, send, onAck, 'raw Bun.serve (warm-up)');
    const cpuBefore = procCpuSeconds(proc.pid);
    const seconds = await pipeline(subscribers, publisher!, M, send, onAck, 'raw Bun.serve');
    const cpuUsPerMessage = ((procCpuSeconds(proc.pid) - cpuBefore) * 1e6) / M;
    for (const ws of [...subscribers, publisher!]) ws.close();
    return { rate: (N * M) / seconds, cpuUsPerMessage };
  } finally {
    proc.kill();
  }
}

const rawSide = await raw();
const ourSide = await ours();
const ratio = ourSide.rate / rawSide.rate;
console.log(JSON.stringify({
  database: { mode: database.mode, durable: database.durable },
  agents: N,
  messages: M,
  warmup: WARMUP,
  deliveriesPerSecond: { rawBunPubSub: Math.round(rawSide.rate), phoenixChat: Math.round(ourSide.rate) },
  serverCpuUsPerMessage: { rawBunPubSub: Math.round(rawSide.cpuUsPerMessage), phoenixChat: Math.round(ourSide.cpuUsPerMessage) },
  ratio: +ratio.toFixed(3),
  integrity: ourSide.integrity,
  budget: { minRatio: 0.5, pass: ratio >= 0.5 && ourSide.integrity!.pass },
}, null, 2));
process.exit(0);
