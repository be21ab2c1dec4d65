// Issue 19: the stand-in's CPU per command, for the commands the message hot path sends.
// Starts the stand-in as its own process (memory only, or durable with --durable), sends each
// kind of command N times through the official driver (a few in flight, as the server's pools
// do) and reads the stand-in process's CPU from /proc before and after each kind. The floor,
// in the same run, is `ping`: wire framing + BSON + dispatch, no data. Each kind's µs per
// command is also given as a ratio to it. Replies are checked (writeErrors at the right
// index, cursor id 0 on a whole first batch, no getMore) so a fast wrong answer cannot pass.
//
//   bun scripts/bench/standin-commands.ts [--scale 1] [--inflight 4] [--durable] [--uri mongodb://…]
//
// With --uri (or MONGODB_URI) the same commands go to that server and CPU is not counted
// (another machine's process, or one this script cannot see), only wall time.
// eslint-disable-next-line no-restricted-imports -- the stand-in is measured through the driver itself
import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStandinProcess } from '../faults/lib';
import { procCpuSeconds } from './measure';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    inflight: { type: 'string', default: '4' },
    durable: { type: 'boolean', default: false },
    uri: { type: 'string' },
  },
});
const SCALE = Number(values.scale);
const INFLIGHT = Number(values.inflight);
const URI = values.uri ?? process.env.MONGODB_URI;
const n = (base: number) => Math.max(1, Math.round(base * SCALE));

const dataDir = !URI && values.durable ? mkdtempSync(join(tmpdir(), 'standin-bench-')) : undefined;
const standin = URI ? undefined : await startStandinProcess(dataDir ? { dataDir } : {});
// A failed check must not leave the stand-in running.
process.on('exit', () => {
  if (standin && standin.proc.exitCode === null) process.kill(standin.proc.pid, 'SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
const client = new MongoClient(URI ?? standin!.uri, { monitorCommands: true, maxPoolSize: INFLIGHT + 2 });
await client.connect();
const db: Db = client.db(`standin_bench_${Date.now()}`);
let getMores = 0;
client.on('commandStarted', (e) => {
  if (e.commandName === 'getMore') getMores++;
});

const cpu = (): number | null => (standin ? procCpuSeconds(standin.proc.pid) : null);

interface Figure {
  kind: string;
  commands: number;
  docs: number;
  wallMs: number;
  cpuUsPerCommand: number | null;
  cpuUsPerDoc: number | null;
  ratioToPing: number | null;
}
const figures: Figure[] = [];
let pingUs: number | null = null;

/** Runs `count` commands, `INFLIGHT` at a time; `op(i)` sends command i and checks its reply. */
async function measure(kind: string, count: number, docsPer: number, op: (i: number, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  const before = cpu();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: INFLIGHT }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) await op(i, worker);
    }),
  );
  const wallMs = performance.now() - started;
  const after = cpu();
  const us = before === null || after === null ? null : ((after - before) * 1e6) / count;
  if (kind === 'ping') pingUs = us;
  figures.push({
    kind,
    commands: count,
    docs: count * docsPer,
    wallMs: Math.round(wallMs),
    cpuUsPerCommand: us === null ? null : Math.round(us),
    cpuUsPerDoc: us === null || docsPer === 1 ? null : Math.round(us / docsPer),
    ratioToPing: us === null || !pingUs ? null : +(us / pingUs).toFixed(1),
  });
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`wrong reply: ${what}`);
}

// --- setup: the indexes of server/db/models (message.ts, chat.ts) that the hot path touches ---
const messages = db.collection('messages');
await messages.createIndex({ chatId: 1, seq: 1 }, { unique: true });
await messages.createIndex({ chatId: 1, clientId: 1 }, { unique: true, partialFilterExpression: { clientId: { $type: 'string' } } });
await messages.createIndex({ text: 'text' }, { name: 'message_text', default_language: 'english' });
const chats = db.collection('chats');
await chats.createIndex({ orgId: 1, status: 1, teamId: 1, createdAt: -1 });
await chats.createIndex({ orgId: 1, updatedAt: 1, _id: 1 });
await chats.createIndex({ orgId: 1, handoffId: 1 }, { unique: true, partialFilterExpression: { handoffId: { $type: 'string' } } });

const orgId = new ObjectId();
/** A multiple of INFLIGHT: each worker owns every INFLIGHT-th chat. */
const CHATS = INFLIGHT * 100;
const chatIds = Array.from({ length: CHATS }, () => new ObjectId());
/** What the bench knows of each chat's lastSeq (each worker owns its own chats, so it is exact). */
const lastSeq = new Map<string, number>();
const now = new Date();
await chats.insertMany(
  chatIds.map((_id) => ({ _id, orgId, teamId: new ObjectId(), status: 'assigned', lastSeq: 0, rev: 0, createdAt: now, updatedAt: now, lastMessage: null })),
);
for (const id of chatIds) lastSeq.set(id.toHexString(), 0);
const chatOf = (worker: number, k: number): ObjectId => chatIds[(worker + INFLIGHT * k) % CHATS]!;

let clientSeq = 0;
const message = (chatId: ObjectId, seq: number, text = 'hello, could you help me with my order please') => ({
  _id: new ObjectId(),
  orgId,
  chatId,
  seq,
  clientId: `c${clientSeq++}`,
  author: { kind: 'visitor', id: null, name: 'Ada' },
  text,
  attachments: [],
  actions: [],
  createdAt: new Date(),
});
/** Seqs for messages the insert phases store (apart from the update phase's lastSeq). */
const insertSeq = new Map<string, number>();
/** Highest seq stored per chat (the find phase reads the last few). */
const storedSeq = new Map<string, number>();
const stored = (docs: { chatId: ObjectId; seq: number }[]): void => {
  for (const d of docs) storedSeq.set(d.chatId.toHexString(), Math.max(storedSeq.get(d.chatId.toHexString()) ?? 0, d.seq));
};
const takeSeq = (chatId: ObjectId): number => {
  const k = chatId.toHexString();
  const s = (insertSeq.get(k) ?? 1_000_000) + 1;
  insertSeq.set(k, s);
  return s;
};

await measure('ping', n(20_000), 1, async () => {
  const r = await db.command({ ping: 1 });
  check(r.ok === 1, 'ping');
});

await measure('insert 1 message', n(20_000), 1, async (i, w) => {
  const chatId = chatOf(w, i);
  const doc = message(chatId, takeSeq(chatId));
  const r = await db.command({ insert: 'messages', ordered: false, documents: [doc] });
  check(r.n === 1 && !r.writeErrors, 'insert 1');
  stored([doc]);
});

await measure('insert 10 messages', n(2_000), 10, async (i, w) => {
  const docs = Array.from({ length: 10 }, (_, k) => {
    const chatId = chatOf(w, i * 10 + k);
    return message(chatId, takeSeq(chatId));
  });
  const r = await db.command({ insert: 'messages', ordered: false, documents: docs });
  check(r.n === 10 && !r.writeErrors, 'insert 10');
  stored(docs);
});

// A resend (same chatId + clientId) and a taken seq in every batch: both must come back as
// writeErrors at their index, with the other eight stored.
await measure('insert 10 messages, 2 duplicates', n(2_000), 10, async (i, w) => {
  const docs = Array.from({ length: 10 }, (_, k) => {
    const chatId = chatOf(w, i * 10 + k);
    return message(chatId, takeSeq(chatId));
  });
  const resend = { ...docs[1]!, _id: new ObjectId(), seq: takeSeq(docs[1]!.chatId) };
  const seqTaken = { ...docs[2]!, _id: new ObjectId(), clientId: `c${clientSeq++}` };
  docs[5] = resend;
  docs[7] = seqTaken;
  const r = await db.command({ insert: 'messages', ordered: false, documents: docs });
  const errors = (r.writeErrors ?? []) as Document[];
  check(r.n === 8 && errors.length === 2, `insert with duplicates: ${JSON.stringify(r)}`);
  check(errors[0]!.index === 5 && errors[0]!.code === 11000 && 'clientId' in errors[0]!.keyPattern, 'resend error');
  check(errors[1]!.index === 7 && errors[1]!.code === 11000 && 'seq' in errors[1]!.keyPattern, 'seq error');
  stored(docs.filter((_, k) => k !== 5 && k !== 7));
});

// message-batches.ts advanceSeqs: 10 statements, 8 whose expected state holds, 2 stale (E11000).
await measure('update 10 seq steps (2 stale)', n(5_000), 10, async (i, w) => {
  const steps = Array.from({ length: 10 }, (_, k) => {
    const chatId = chatOf(w, i * 10 + k);
    const seen = lastSeq.get(chatId.toHexString())!;
    const stale = k === 3 || k === 8;
    return { chatId, expect: stale ? seen - 1 : seen, stale };
  });
  const r = await db.command({
    update: 'chats',
    ordered: false,
    updates: steps.map((s) => ({
      q: { _id: s.chatId, orgId, lastSeq: s.expect, rev: 0, status: { $ne: 'ended' } },
      u: {
        $set: { lastSeq: s.expect + 1, lastMessage: { seq: s.expect + 1, text: 'hello there', authorKind: 'visitor', authorName: 'Ada', createdAt: now }, updatedAt: new Date() },
        $setOnInsert: { __seqStepOnVanishedChat: true },
      },
      upsert: true,
    })),
  });
  const errors = (r.writeErrors ?? []) as Document[];
  check(r.n === 8 && r.nModified === 8 && !r.upserted, `update: ${JSON.stringify(r)}`);
  check(errors.length === 2 && errors[0]!.index === 3 && errors[1]!.index === 8 && errors.every((e) => e.code === 11000), `update errors: ${JSON.stringify(errors)}`);
  for (const s of steps) if (!s.stale) lastSeq.set(s.chatId.toHexString(), s.expect + 1);
});

// chats.ts allocateSeq: a pipeline update that takes the next seq, returning the chat after.
await measure('findAndModify pipeline', n(20_000), 1, async (i, w) => {
  const chatId = chatOf(w, i);
  const next = { $add: [{ $ifNull: ['$lastSeq', 0] }, 1] };
  const r = await db.command({
    findAndModify: 'chats',
    query: { _id: chatId, orgId, status: { $ne: 'ended' } },
    update: [
      {
        $set: {
          lastSeq: next,
          lastMessage: { seq: next, text: { $literal: '$not an expression' }, authorKind: { $literal: 'agent' }, authorName: { $literal: 'Jonas' }, createdAt: { $literal: now } },
          updatedAt: { $literal: new Date() },
        },
      },
    ],
    new: true,
  });
  const key = chatId.toHexString();
  const expected = lastSeq.get(key)! + 1;
  check(r.value?.lastSeq === expected && r.value.lastMessage.seq === expected && r.value.lastMessage.text === '$not an expression', `findAndModify: ${JSON.stringify(r.value)}`);
  lastSeq.set(key, expected);
});

const getMoresBefore = getMores;
await measure('find _id $in (5) + orgId', n(20_000), 1, async (i, w) => {
  const ids = Array.from({ length: 5 }, (_, k) => chatOf(w, i + k * 7));
  const found = await chats.find({ _id: { $in: ids }, orgId }).toArray();
  check(found.length === 5, 'find $in');
});

const withMessages = chatIds.filter((id) => storedSeq.has(id.toHexString()));
await measure('find seq > n sort limit 50', n(20_000), 1, async (i) => {
  const chatId = withMessages[i % withMessages.length]!;
  // The last few seqs of the chat (with gaps where a duplicate failed): at least the last one.
  const last = storedSeq.get(chatId.toHexString())!;
  const from = last - 8;
  const found = await messages.find({ orgId, chatId, seq: { $gt: from } }).sort({ seq: 1 }).limit(50).toArray();
  check(found.at(-1)?.seq === last && found.length <= 8 && found.every((m, k) => m.seq > from && (k === 0 || m.seq > found[k - 1]!.seq)), `find seq: ${found.length} after ${from}`);
});
const findGetMores = getMores - getMoresBefore;

// The cached lookups (contacts, teams, users): by _id, less hot.
const contacts = db.collection('contacts');
const contactIds = Array.from({ length: 200 }, () => new ObjectId());
await contacts.insertMany(contactIds.map((_id, k) => ({ _id, orgId, name: `Contact ${k}`, email: `c${k}@example.com`, lastSeenAt: now, rev: 0 })));
await measure('contacts findOneAndUpdate by _id', n(10_000), 1, async (i) => {
  const r = await contacts.findOneAndUpdate({ _id: contactIds[i % 200], orgId }, { $set: { lastSeenAt: new Date() }, $inc: { rev: 1 } }, { returnDocument: 'after' });
  check(r !== null && r.orgId.equals(orgId), 'contacts findOneAndUpdate');
});
await measure('contacts updateOne by _id', n(10_000), 1, async (i) => {
  const r = await contacts.updateOne({ _id: contactIds[i % 200], orgId }, { $set: { lastSeenAt: new Date() } });
  check(r.matchedCount === 1, 'contacts updateOne');
});
await measure('contacts findOne by _id', n(10_000), 1, async (i) => {
  const r = await contacts.findOne({ _id: contactIds[i % 200], orgId });
  check(r !== null, 'contacts findOne');
});

await client.close();
await standin?.kill('SIGTERM');

console.log(
  JSON.stringify(
    {
      target: URI ? 'uri' : dataDir ? 'standin (durable)' : 'standin (memory)',
      inflight: INFLIGHT,
      scale: SCALE,
      getMoresSentByFinds: findGetMores,
      figures,
    },
    null,
    1,
  ),
);
