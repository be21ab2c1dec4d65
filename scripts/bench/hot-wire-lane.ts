// The hot wire into a stand-in of the same process (what `npm start` runs): over loopback TCP
// (the raw baseline: the transport it had) and over the lane (server/db/standin/local-lane.ts),
// in one process and one run, with the same commands: the message writer's pair per batch (the
// seq step, an `update` on the chat answered unjournaled, then the `insert` of the batch's messages). Rounds alternate
// the two transports so drift in the machine falls on both. CPU is this whole process's (the
// stand-in's work included, the same on both sides), per pair, and by thread (main, its kernel
// part, JIT, collector, others: the durable journal's writes and fdatasync run on Bun's pool);
// the time is each pair's round trip.
//
//   bun scripts/bench/hot-wire-lane.ts [--pairs 4000] [--rounds 6] [--batch 2] [--durable]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ObjectId } from '../../server/db/ids';
import { createHotWire, type HotWire } from '../../server/db/hot-wire';
import { startStandin } from '../../server/db/standin/index';
import { percentiles, procThreadCpuSeconds, ratio, type ThreadCpu } from './measure';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '6' },
    batch: { type: 'string', default: '2' },
    durable: { type: 'boolean', default: false },
  },
});
const pairs = Number(values.pairs);
const rounds = Number(values.rounds);
const batch = Number(values.batch);
const dataDir = values.durable ? mkdtempSync(join(tmpdir(), 'phoenix-lane-bench-')) : undefined;
const standin = await startStandin(dataDir ? { dataDir } : {});
const target = { host: '127.0.0.1', port: standin.port };
const wires: Record<'socket' | 'lane', HotWire> = {
  socket: createHotWire(target, 'lane_bench', { socket: true }),
  lane: createHotWire(target, 'lane_bench'),
};

const chatId = new ObjectId();
let seq = 0;
await wires.socket.command({ insert: 'chats', documents: [{ _id: chatId, lastSeq: 0 }] });

/** One batch's two commands, as the writer sends them; resolves with the round trip in ms. */
async function pair(wire: HotWire): Promise<number> {
  const started = performance.now();
  const from = seq;
  seq += batch;
  await wire.command({ update: 'chats', updates: [{ q: { _id: chatId, lastSeq: from }, u: { $set: { lastSeq: seq, updatedAt: new Date() } } }], ordered: false, writeConcern: { j: false } });
  const documents = Array.from({ length: batch }, (_, i) => ({ _id: new ObjectId(), chatId, seq: from + i + 1, text: 'a message of about the usual length, say', createdAt: new Date() }));
  await wire.command({ insert: 'messages', documents, ordered: false });
  return performance.now() - started;
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const noThreads = (): ThreadCpu => ({ main: 0, mainKernel: 0, jit: 0, gc: 0, other: 0 });
const totals = { socket: { cpu: 0, n: 0, ms: [] as number[], threads: noThreads() }, lane: { cpu: 0, n: 0, ms: [] as number[], threads: noThreads() } };
// A warm-up on both, not counted: the JIT settles on the code both sides share.
for (const wire of Object.values(wires)) for (let i = 0; i < 500; i++) await pair(wire);
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 === 0 ? (['socket', 'lane'] as const) : (['lane', 'socket'] as const)) {
    const before = cpuUs();
    const threadsBefore = procThreadCpuSeconds(process.pid);
    for (let i = 0; i < pairs / rounds; i++) totals[name].ms.push(await pair(wires[name]));
    totals[name].cpu += cpuUs() - before;
    const threadsAfter = procThreadCpuSeconds(process.pid);
    for (const k of Object.keys(threadsAfter) as (keyof ThreadCpu)[]) totals[name].threads[k] += threadsAfter[k] - threadsBefore[k];
    totals[name].n += Math.floor(pairs / rounds);
  }
}

const perPair = (t: { cpu: number; n: number }) => +(t.cpu / t.n).toFixed(1);
/** µs per pair by thread (whole ticks of 10 ms from /proc: coarse, but over thousands of pairs). */
const byThread = (t: { threads: ThreadCpu; n: number }) =>
  Object.fromEntries(Object.entries(t.threads).map(([k, v]) => [k, Math.round((v * 1e6) / t.n)]));
const result = {
  stand_in: dataDir ? 'in this process, durable' : 'in this process, memory only',
  pairs: totals.lane.n,
  messagesPerBatch: batch,
  cpuUsPerPair: { socket: perPair(totals.socket), lane: perPair(totals.lane) },
  cpuUsPerPairByThread: { socket: byThread(totals.socket), lane: byThread(totals.lane) },
  roundTripMs: { socket: percentiles(totals.socket.ms), lane: percentiles(totals.lane.ms) },
  ratio: { cpu: ratio(perPair(totals.lane), perPair(totals.socket)), p50: ratio(percentiles(totals.lane.ms).p50, percentiles(totals.socket.ms).p50) },
};
// Every pair's messages stored and every step applied, whichever transport carried it.
const stored = Number((await wires.lane.command({ count: 'messages' })).n);
const chat = (await wires.lane.command({ find: 'chats', filter: { _id: chatId } })) as { cursor: { firstBatch: { lastSeq: number }[] } };
const integrity = { messages: stored, expected: seq, lastSeq: chat.cursor.firstBatch[0]?.lastSeq, pass: stored === seq && chat.cursor.firstBatch[0]?.lastSeq === seq };
console.log(JSON.stringify({ ...result, integrity }, null, 2));
for (const wire of Object.values(wires)) wire.close();
await standin.stop();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.exit(integrity.pass ? 0 : 1);
