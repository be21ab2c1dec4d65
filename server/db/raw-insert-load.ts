/**
 * The raw baseline of scripts/bench/message-latency.ts: bare driver inserts of message-sized
 * documents into the same database server the product uses, at the same offered rate, as a
 * process of its own (so its CPU is its own, like the server's). It lives in server/db/ because
 * only this folder talks to the driver. Prints one JSON line:
 * `{ acked, stored, lost, ms: { p50, p99, max }, cpuSeconds }` and drops its database.
 *
 *   bun server/db/raw-insert-load.ts --uri mongodb://… --rate 1000 --count 5000 [--chats 50] [--db phoenix_bench_raw]
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { ObjectId } from './ids';
import { messageModel } from './models/message';

const { values } = parseArgs({
  options: {
    uri: { type: 'string' },
    rate: { type: 'string', default: '1000' },
    count: { type: 'string', default: '5000' },
    chats: { type: 'string', default: '50' },
    db: { type: 'string', default: 'phoenix_bench_raw' },
  },
});
if (!values.uri) throw new Error('--uri is required');
const rate = Number(values.rate);
const count = Number(values.count);
const chats = Array.from({ length: Number(values.chats) }, () => new ObjectId());
const orgId = new ObjectId();

const conn = await mongoose.createConnection(values.uri, { dbName: values.db }).asPromise();
// The product's own messages collection definition, so each insert maintains the same indexes
// (seq, clientId, text); the insert is the driver's insertOne, as in MessagesRepo.insertRaw.
const model = messageModel(conn);
await model.createIndexes();
const messages = model.collection;
// Warm the connection pool and the server's code path, not measured.
for (let i = 0; i < 20; i++) await messages.insertOne({ _id: new ObjectId(), orgId, chatId: new ObjectId(), seq: 1, clientId: `warm${i}`, text: 'warm' });

const latencies: number[] = [];
let failed = 0;
const seqs = new Map<number, number>();
const cpuBefore = process.cpuUsage();
const pending: Promise<void>[] = [];
const interval = 1000 / rate;
const start = performance.now();
for (let i = 0; i < count; i++) {
  const wait = start + i * interval - performance.now();
  if (wait > 1) await Bun.sleep(wait);
  const chat = i % chats.length;
  const seq = (seqs.get(chat) ?? 0) + 1;
  seqs.set(chat, seq);
  const doc = {
    _id: new ObjectId(),
    orgId,
    chatId: chats[chat]!,
    seq,
    clientId: `r${i}`,
    author: { kind: 'contact', id: null, name: null },
    text: `message ${i}`,
    attachments: [],
    actions: [],
    createdAt: new Date(),
  };
  const sent = performance.now();
  pending.push(
    messages.insertOne(doc).then(
      () => void latencies.push(performance.now() - sent),
      () => void failed++,
    ),
  );
}
await Promise.all(pending);
const cpu = process.cpuUsage(cpuBefore);
const stored = await messages.countDocuments({ orgId, clientId: { $regex: '^r' } });
await conn.dropDatabase();
await conn.close();

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
console.log(JSON.stringify({
  acked: latencies.length,
  failed,
  stored,
  lost: latencies.length - stored,
  ms: { p50: +pct(50).toFixed(3), p99: +pct(99).toFixed(3), max: +(latencies.at(-1) ?? NaN).toFixed(3) },
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
}));
process.exit(0);
