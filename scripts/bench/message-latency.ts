// DESIGN §9 budget: a visitor's message reaches the agent through the server, persisted, with
// p99 ≤ 15 ms on loopback at 1,000 messages/s. The server runs as its own process, as in
// production; this process is the load: visitors and one agent as real WebSocket clients.
// Latency = visitor send → agent receives the stored message.
//
// Each step compares with a raw baseline in the same run: bare driver inserts of the same
// messages into the same database server at the same rate (server/db/raw-insert-load.ts, its own
// process). CPU per message is the server process's own counter (the kernel's, /proc/<pid>/stat)
// plus the database's when that is a process of ours; the baseline's is the driver process's plus
// the same database's. A second floor, also in the same run: a bare Bun.serve relaying the same
// frames with no storage (raw-relay.ts) gives the CPU the socket work alone costs; `serverCpuVsFloor`
// is our server's CPU per message over the two floors together. Every step checks that the agent got every message once, without a seq
// gap and in send order; the script fails (exit 1) when one was lost or reordered.
//
// Where the data lives: by default the durable stand-in inside the server (PHOENIX_STANDIN_MEMORY=1:
// memory only); --standin-apart runs it as its own process (server/db/standin/cli.ts) and points
// the server at it with MONGODB_URI; MONGODB_URI=… uses that database (its CPU is not counted).
//
//   bun scripts/bench/message-latency.ts [--rate 1000] [--seconds 5 | --messages N] [--chats 50]
//        [--ramp [--ramp-rates 300,600,1000,1500,2000,3000]] [--standin-apart] [--warmup 1] [--profile DIR]
import { parseArgs } from 'node:util';
import { startE2EServer, type E2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';
import { benchDatabase } from './bench-database';
import { DeliveryLedger, metricSample, percentiles, procCpuSeconds, procThreadCpuSeconds, ratio, rawInserts, standinUriFromLogs, threadCpuMsPer } from './measure';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string' },
    messages: { type: 'string' },
    chats: { type: 'string', default: '50' },
    ramp: { type: 'boolean', default: false },
    'ramp-rates': { type: 'string', default: '300,600,1000,1500,2000,3000' },
    'standin-apart': { type: 'boolean', default: false },
    warmup: { type: 'string', default: '1' },
    'budget-ms': { type: 'string', default: '15' },
    /** Writes the server's CPU profile (Bun's --cpu-prof, markdown) into this folder at the end. */
    profile: { type: 'string' },
  },
});
const chatCount = Number(values.chats);
const budgetMs = Number(values['budget-ms']);
const rates = values.ramp ? values['ramp-rates'].split(',').map(Number) : [Number(values.rate)];
/** Messages of one step at `rate`: --messages, or --seconds of it (5 s; 3 s per ramp step). */
const stepCount = (rate: number) => (values.messages ? Number(values.messages) : Math.round(rate * Number(values.seconds ?? (values.ramp ? 3 : 5))));

// ── The database and the server ──────────────────────────────────────────────────────────────
// A bench that fails half-way (a refused sign-up, a crash) must not leave its processes running.
const children: number[] = [];
let finished = false;
process.on('exit', () => {
  if (finished) return;
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
/** Lets the bench read the server's group-commit counters (/metrics) around each step. */
const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';
const database = await benchDatabase({ apart: values['standin-apart'] });
const { apart } = database;
if (apart) children.push(apart.proc.pid);
// TRUST_PROXY: each bench visitor claims its own address, so the per-address chat limit holds.
const server: E2EServer = await startE2EServer({
  LOG_LEVEL: 'warn',
  TRUST_PROXY: 'true',
  PHOENIX_DEMO: 'false',
  VISITOR_RATE_LIMITS: 'false',
  METRICS_TOKEN: BENCH_METRICS_TOKEN,
  ...database.serverEnv,
}, values.profile ? { bunArgs: ['--cpu-prof', '--cpu-prof-md', `--cpu-prof-dir=${values.profile}`] } : {});
children.push(server.pid);
const databaseUri = database.uri ?? standinUriFromLogs(server.logs);
/** The server process's CPU, from the kernel's counters (a /metrics scrape would cost more than it measures). */
const serverCpu = (): number => procCpuSeconds(server.pid);
/** The writer's batches so far (phoenix_message_batch_messages): how many, and the messages in them. */
async function batchCounters(): Promise<{ batches: number; messages: number }> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  return { batches: metricSample(text, 'phoenix_message_batch_messages_count') ?? 0, messages: metricSample(text, 'phoenix_message_batch_messages_sum') ?? 0 };
}
/** CPU of the database when it is a process of ours: the stand-in apart, or inside the server. */
const databaseCpu = (): number | null => (apart ? procCpuSeconds(apart.proc.pid) : null);

// ── Visitors and one agent ───────────────────────────────────────────────────────────────────
const owner = await signUp(server);
const wsBase = server.url.replace('http', 'ws');
const ledger = new DeliveryLedger();
const agent = new WebSocket(`${wsBase}/ws`, { headers: { cookie: owner.client.cookieHeader } } as unknown as string[]);
await new Promise((r) => agent.addEventListener('open', r, { once: true }));
agent.addEventListener('message', (e) => {
  const frame = JSON.parse(String(e.data)) as { type: string; message?: { chatId: string; seq: number; clientId: string | null } };
  if (frame.type === 'message.created' && frame.message) ledger.received(frame.message);
});

async function openVisitor(i: number): Promise<{ socket: WebSocket; chatId: string }> {
  // Chat creation is rate-limited per address (10/min): the bench speaks from many loopback ones.
  const headers = { 'x-forwarded-for': `127.0.${(i >> 8) & 255}.${2 + (i & 255)}` };
  const session = await new TestClient(server.url, headers).post('/api/widget/session', { org: owner.org.widgetKey });
  const client = new TestClient(server.url, { ...headers, authorization: `Bearer ${session.body.token}` });
  const chat = (await client.post('/api/widget/chats', {})).body as { id: string };
  await owner.client.post(`/api/chats/${chat.id}/claim`);
  agent.send(JSON.stringify({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 }));
  const socket = new WebSocket(`${wsBase}/ws/visitor`);
  await new Promise((r) => socket.addEventListener('open', r, { once: true }));
  const ready = new Promise((r) => socket.addEventListener('message', (e) => String(e.data).includes('"ready"') && r(null)));
  socket.send(JSON.stringify({ type: 'auth', token: session.body.token }));
  await ready;
  return { socket, chatId: chat.id };
}
const visitors: { socket: WebSocket; chatId: string }[] = [];
for (let i = 0; i < chatCount; i++) visitors.push(await openVisitor(i));
await Bun.sleep(300);

// ── The socket floor: a bare Bun.serve relaying the same frames (raw-relay.ts) ───────────────
const relay = Bun.spawn({ cmd: [process.execPath, 'scripts/bench/raw-relay.ts'], stdout: 'pipe', stderr: 'inherit' });
children.push(relay.pid);
const relayPort = await (async () => {
  const reader = relay.stdout.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('raw relay exited before listening');
    text += new TextDecoder().decode(value);
    const port = /port (\d+)/.exec(text)?.[1];
    if (port) return Number(port);
  }
})();
const relayLedger = new DeliveryLedger();
const relayAgent = new WebSocket(`ws://127.0.0.1:${relayPort}/agent`);
await new Promise((r) => relayAgent.addEventListener('open', r, { once: true }));
relayAgent.addEventListener('message', (e) => {
  const frame = JSON.parse(String(e.data)) as { type: string; message?: { chatId: string; seq: number; clientId: string | null } };
  if (frame.type === 'message.created' && frame.message) relayLedger.received(frame.message);
});
const relayVisitors: { socket: WebSocket; chatId: string }[] = [];
for (let i = 0; i < chatCount; i++) {
  const socket = new WebSocket(`ws://127.0.0.1:${relayPort}/visitor`);
  await new Promise((r) => socket.addEventListener('open', r, { once: true }));
  relayVisitors.push({ socket, chatId: `relay-chat-${i}` });
}

/** Offers `count` messages at `rate`, round-robin over the chats, without waiting for acks. */
async function drive(rate: number, count: number, prefix: string, to = visitors, book = ledger): Promise<void> {
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 1) await Bun.sleep(wait);
    const v = to[i % to.length]!;
    const clientId = `${prefix}${i}`;
    book.sent(clientId, i);
    v.socket.send(JSON.stringify({ type: 'message.send', chatId: v.chatId, clientId, text: `message ${i}` }));
  }
}

/** Waits until `count` arrived, or nothing new arrived for 3 s (the rest is lost). */
async function settle(count: number, book = ledger): Promise<void> {
  let last = book.delivered;
  let quietSince = performance.now();
  while (book.delivered < count && performance.now() - quietSince < 3_000) {
    await Bun.sleep(20);
    if (book.delivered !== last) [last, quietSince] = [book.delivered, performance.now()];
  }
}

/** The relay's latency and CPU per message at `rate`: the floor of the socket work alone. */
async function socketFloor(rate: number, count: number) {
  relayLedger.reset();
  const before = procCpuSeconds(relay.pid);
  await drive(rate, count, `f${rate}-`, relayVisitors, relayLedger);
  await settle(count, relayLedger);
  return { ms: percentiles(relayLedger.latencies), cpuMsPerMessage: +(((procCpuSeconds(relay.pid) - before) * 1000) / count).toFixed(3), lost: count - relayLedger.delivered };
}

async function step(rate: number) {
  const count = stepCount(rate);
  // The baseline first: the same number of inserts, same rate, same database server.
  const dbBefore = databaseCpu();
  const serverBeforeRaw = serverCpu();
  const raw = await rawInserts({ uri: databaseUri, rate, count, chats: chatCount });
  // The stand-in inside the server does the baseline's database work in the server process.
  const rawDbCpu = database.mode === 'standin-inside' ? serverCpu() - serverBeforeRaw : dbBefore === null ? null : databaseCpu()! - dbBefore;
  const floor = await socketFloor(rate, count);
  const rawCpu = raw.cpuSeconds + (rawDbCpu ?? 0);

  ledger.reset();
  const batchesBefore = await batchCounters();
  const serverBefore = serverCpu();
  const threadsBefore = procThreadCpuSeconds(server.pid);
  const dbBeforeOurs = databaseCpu();
  const t0 = performance.now();
  await drive(rate, count, `r${rate}-`);
  await settle(count);
  const elapsed = (performance.now() - t0) / 1000;
  const serverCpuUsed = serverCpu() - serverBefore;
  const serverThreadsMs = threadCpuMsPer(threadsBefore, procThreadCpuSeconds(server.pid), count);
  const ourDbCpu = dbBeforeOurs === null ? 0 : databaseCpu()! - dbBeforeOurs;
  const batchesAfter = await batchCounters(); // read after the CPU counters: the scrape is not counted
  const batches = batchesAfter.batches - batchesBefore.batches;
  const ours = percentiles(ledger.latencies);
  const cpuMsPerMessage = ((serverCpuUsed + ourDbCpu) * 1000) / count;
  const serverCpuMs = (serverCpuUsed * 1000) / count;
  const rawCpuMsPerInsert = (rawCpu * 1000) / count;
  const lost = count - ledger.delivered;
  return {
    rate,
    messages: count,
    delivered: ledger.delivered,
    lost,
    reordered: ledger.reordered,
    seqGaps: ledger.gaps,
    duplicates: ledger.duplicates,
    achievedRate: Math.round(ledger.delivered / elapsed),
    /** Group commit: batches written in the step and their mean size (messages per batch). */
    batches: { count: batches, meanMessages: batches === 0 ? null : +((batchesAfter.messages - batchesBefore.messages) / batches).toFixed(2) },
    ms: ours,
    cpuMsPerMessage: +cpuMsPerMessage.toFixed(3),
    cpuSplitMs: { server: +serverCpuMs.toFixed(3), database: apart ? +((ourDbCpu * 1000) / count).toFixed(3) : null },
    /** The server's share by thread: main (the JS thread), jit (compiling, passes), gc, other. */
    serverCpuByThreadMs: serverThreadsMs,
    baseline: {
      what: 'bare driver insertOne, same database server, same rate',
      lost: raw.lost + raw.failed,
      ms: raw.ms,
      cpuMsPerInsert: +rawCpuMsPerInsert.toFixed(3),
      cpuSplitMs: { driver: +((raw.cpuSeconds * 1000) / count).toFixed(3), database: rawDbCpu === null ? null : +((rawDbCpu * 1000) / count).toFixed(3) },
    },
    socketFloor: { what: 'bare Bun.serve relaying the same frames (raw-relay.ts), no storage, same rate', ...floor },
    ratio: {
      p50: ratio(ours.p50, raw.ms.p50, 1),
      p99: ratio(ours.p99, raw.ms.p99, 1),
      cpu: ratio(cpuMsPerMessage, rawCpuMsPerInsert, 1),
      /** Our server process's CPU per message against the two floors together: the relay's sockets plus the driver's insert. */
      serverCpuVsFloor: ratio(serverCpuMs, floor.cpuMsPerMessage + (raw.cpuSeconds * 1000) / count, 2),
    },
    pass: lost === 0 && ours.p99 <= budgetMs,
  };
}

// Warm-up at the first rate, not measured (JIT, first allocations).
const warmup = Math.round(rates[0]! * Number(values.warmup));
ledger.reset();
await drive(rates[0]!, warmup, 'w');
await settle(warmup);

const steps: Awaited<ReturnType<typeof step>>[] = [];
for (const rate of rates) {
  const result = await step(rate);
  steps.push(result);
  process.stderr.write(
    `${rate} msg/s: p50 ${result.ms.p50} ms, p99 ${result.ms.p99} ms, cpu ${result.cpuMsPerMessage} ms/msg (server ${result.cpuSplitMs.server}; socket floor ${result.socketFloor.cpuMsPerMessage}), ${result.batches.meanMessages} msg/batch, lost ${result.lost}, reordered ${result.reordered}\n`,
  );
  if (values.ramp && !result.pass) break; // higher rates only get worse
}

const broken = steps.filter((s) => s.lost > 0 || s.reordered > 0 || s.seqGaps > 0 || s.baseline.lost > 0);
console.log(JSON.stringify({
  database: { mode: database.mode, durable: database.durable, cpuCounted: database.mode !== 'mongodb-uri' },
  chats: chatCount,
  ...(values.ramp ? { steps, highestRateWithinBudget: steps.filter((s) => s.pass).at(-1)?.rate ?? null } : steps[0]),
  budget: { p99Ms: budgetMs, pass: steps.every((s) => s.pass) },
  integrity: { lost: steps.reduce((n, s) => n + s.lost, 0), reordered: steps.reduce((n, s) => n + s.reordered + s.seqGaps, 0), pass: broken.length === 0 },
}, null, 2));

for (const v of visitors) v.socket.close();
agent.close();
for (const v of relayVisitors) v.socket.close();
relayAgent.close();
relay.kill();
await server.stop();
await database.stop();
finished = true;
if (broken.length > 0) {
  console.error(`FAIL: messages lost or reordered at ${broken.map((s) => `${s.rate} msg/s (lost ${s.lost}, reordered ${s.reordered}, seq gaps ${s.seqGaps}, baseline lost ${s.baseline.lost})`).join('; ')}`);
  process.exit(1);
}
process.exit(0);
