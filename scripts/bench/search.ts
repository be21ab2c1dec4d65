// Issue 17 item 3 budget (DESIGN §9): a chat search over 100,000 messages answers in < 200 ms.
// Seeds one organization with `--messages` messages over `--chats` chats (realistic support
// sentences, contacts with names and e-mails, a few labels) straight through the driver, then
// times typical searches through the server (GET /api/chats/search as the owner, HTTP included)
// and, as the raw baseline in the same run, the same `$text` query on the messages collection
// straight through the driver. Runs on the default in-process stand-in, or on MONGODB_URI if set.
//
//   bun scripts/bench/search.ts [--messages 100000] [--chats 2000] [--runs 30]
// eslint-disable-next-line no-restricted-imports -- the raw baseline is the driver itself, beside the server
import { MongoClient } from 'mongodb';
import { parseArgs } from 'node:util';
import { ObjectId } from '../../server/db/ids';
import { signUp, startTestServer } from '../../server/testing/harness';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' }, chats: { type: 'string', default: '2000' }, runs: { type: 'string', default: '30' } } });
const MESSAGES = Number(values.messages);
const CHATS = Number(values.chats);
const RUNS = Number(values.runs);
const BUDGET_MS = 200;

const WORDS = ['order', 'refund', 'invoice', 'shipping', 'delivery', 'password', 'account', 'payment', 'card', 'subscription', 'upgrade', 'cancel', 'parcel', 'address', 'discount', 'coupon', 'warranty', 'return', 'exchange', 'login', 'email', 'phone', 'tracking', 'package', 'damaged', 'missing', 'late', 'charged', 'twice', 'receipt'];
const FILL = ['hello', 'please', 'thanks', 'could', 'you', 'help', 'with', 'my', 'the', 'it', 'is', 'was', 'still', 'not', 'working', 'yesterday', 'today', 'again', 'when', 'will', 'arrive'];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farah', 'Gwen', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Mona', 'Nils', 'Olga', 'Pavel'];
const LAST = ['Smith', 'Okafor', 'Nguyen', 'Garcia', 'Kowalski', 'Rossi', 'Jensen', 'Haddad', 'Moreau', 'Tanaka'];
const LABELS = ['billing', 'shipping', 'vip', 'bug', 'refund request'];

// mulberry32: the same data every run.
let seed = 42;
const rand = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
};
const sentence = (i: number) => {
  const words: string[] = [];
  for (let w = 0; w < 6 + rand(10); w++) words.push(rand(3) === 0 ? WORDS[rand(WORDS.length)]! : FILL[rand(FILL.length)]!);
  return `${words.join(' ')} #${i}`;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const server = await startTestServer('bench_search', { env: { LOG_LEVEL: 'warn' } });
const backend = process.env.MONGODB_URI ? 'MONGODB_URI' : 'in-process stand-in';
try {
  const owner = await signUp(server, { orgName: 'Bench Search' });
  const orgId = new ObjectId(owner.org.id);
  const teamId = new ObjectId(owner.user.teamIds[0]);
  const client = new MongoClient(server.database.uri);
  await client.connect();
  const db = client.db(server.database.dbName);

  const t0 = performance.now();
  const start = Date.now() - 30 * 86_400_000;
  const contacts = Array.from({ length: CHATS }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    return { _id: new ObjectId(), orgId, name, email: `${name.toLowerCase().replace(' ', '.')}${i}@example.test`, username: null, tags: [], customFields: [], searchText: '', createdAt: new Date(start) };
  });
  await db.collection('contacts').insertMany(contacts);
  const perChat = Math.ceil(MESSAGES / CHATS);
  const chats = contacts.map((c, i) => ({
    _id: new ObjectId(),
    orgId,
    contactId: c._id,
    teamId,
    assigneeId: i % 3 === 0 ? null : new ObjectId(owner.user.id),
    status: i % 3 === 0 ? 'unassigned' : i % 3 === 1 ? 'assigned' : 'ended',
    channel: 'web',
    lastSeq: perChat,
    labels: i % 10 === 0 ? [LABELS[i % LABELS.length]!] : [],
    createdAt: new Date(start + i * 60_000),
    updatedAt: new Date(start + i * 60_000),
  }));
  await db.collection('chats').insertMany(chats);
  let batch: Record<string, unknown>[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const chat = chats[i % CHATS]!;
    const seq = Math.floor(i / CHATS) + 1;
    batch.push({ _id: new ObjectId(), orgId, chatId: chat._id, seq, clientId: null, author: { kind: seq % 2 ? 'contact' : 'agent', id: null, name: null }, text: sentence(i), attachments: [], actions: [], createdAt: new Date(chat.createdAt.getTime() + seq * 1000) });
    if (batch.length === 5000) {
      await db.collection('messages').insertMany(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await db.collection('messages').insertMany(batch);
  console.log(`backend: ${backend}; seeded ${MESSAGES} messages over ${CHATS} chats in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const queries = ['refund', 'damaged parcel', 'password login', 'tracking', 'gwen', 'ada.smith', 'billing', 'invoice charged twice'];
  const raw = db.collection('messages');
  const rows: string[] = [];
  let worstP50 = 0;
  for (const q of queries) {
    // Warm-up, then timed runs, alternating server and raw so both see the same machine state.
    await owner.client.get(`/api/chats/search?q=${encodeURIComponent(q)}`);
    const viaServer: number[] = [];
    const viaDriver: number[] = [];
    let hits = 0;
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      const res = await owner.client.get(`/api/chats/search?q=${encodeURIComponent(q)}`);
      viaServer.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(res.body)}`);
      hits = res.body.items.length;
      t = performance.now();
      await raw
        .find({ orgId, $text: { $search: q } }, { projection: { chatId: 1, text: 1, createdAt: 1, score: { $meta: 'textScore' } }, sort: { score: { $meta: 'textScore' } }, limit: 1000 })
        .toArray();
      viaDriver.push(performance.now() - t);
    }
    worstP50 = Math.max(worstP50, pct(viaServer, 50));
    rows.push(`${JSON.stringify(q).padEnd(24)} server p50 ${fmt(pct(viaServer, 50)).padStart(9)} p99 ${fmt(pct(viaServer, 99)).padStart(9)} | raw $text p50 ${fmt(pct(viaDriver, 50)).padStart(9)} p99 ${fmt(pct(viaDriver, 99)).padStart(9)} | ${hits} chats`);
  }
  console.log(rows.join('\n'));
  console.log(`worst p50 through the server: ${fmt(worstP50)} (budget < ${BUDGET_MS} ms: ${worstP50 < BUDGET_MS ? 'met' : 'NOT met'})`);
  await client.close();
} finally {
  await server.close();
}
