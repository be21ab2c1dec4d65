// Issue 16 item 4: how long after an agent's reply the bot platform's webhook receiver has it.
// The server runs as its own process (production settings, durable stand-in inside it); this
// process is the agent (REST POST of the reply) and the receiver (Bun.serve on loopback), so both
// ends read one clock. Latency = the agent's POST starts → the receiver gets the
// `message.created` delivery. Replies go one after another (one chat, as a conversation does).
//
// Baseline in the same run: a bare `fetch` POST of a body of the same size to the same receiver,
// so the figure says what the server adds on this machine. Done when p50 ≤ 50 ms.
//
//   bun scripts/bench/webhook-latency.ts [--replies 200]
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { signUp, TestClient } from '../../server/testing/harness';

const { values } = parseArgs({ options: { replies: { type: 'string', default: '200' } } });
const replies = Number(values.replies);

/** Arrival times (performance.now) by the reply's clientId, or by the baseline's sequence number. */
const arrived = new Map<string, number>();
let waiting: { key: string; resolve: () => void } | null = null;
const receiver = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  async fetch(req) {
    const at = performance.now();
    const body = JSON.parse(await req.text()) as { type?: string; data?: { message?: { clientId?: string | null } }; baseline?: string };
    const key = body.baseline ?? (body.type === 'message.created' ? body.data?.message?.clientId : null);
    if (key) {
      arrived.set(key, at);
      if (waiting?.key === key) waiting.resolve();
    }
    return new Response(null, { status: 204 });
  },
});
const hookUrl = `http://127.0.0.1:${receiver.port}/webhook`;

function arrival(key: string, timeoutMs = 10_000): Promise<number> {
  const known = arrived.get(key);
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no delivery for ${key} within ${timeoutMs} ms`)), timeoutMs);
    waiting = {
      key,
      resolve: () => {
        clearTimeout(timer);
        waiting = null;
        resolve(arrived.get(key)!);
      },
    };
  });
}

const server = await startE2EServer({
  LOG_LEVEL: 'warn',
  PHOENIX_DEMO: 'false',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI, PHOENIX_DB_BACKEND: 'uri' } : {}),
});
const owner = await signUp(server);
const key = (await owner.client.post('/api/integrations/api-keys', { name: 'bench' })).body.key as string;
await owner.client.patch('/api/integrations/webhook', { url: hookUrl });
const api = new TestClient(server.url, { authorization: `Bearer ${key}` });
const opened = await api.post('/api/v1/chats', { handoffId: 'bench-1', agentId: owner.user.id, contact: { botUserId: 'bench-user', channel: 'sms' } });
if (opened.status !== 201) throw new Error(`handoff failed: ${opened.status} ${JSON.stringify(opened.body)}`);
const chatId = opened.body.chat.id as string;

const text = 'Thanks for waiting — I have checked your order and it ships tomorrow.';
/** How long the reply's own POST took to be answered (stored and published), for comparison. */
const answered: number[] = [];
async function reply(clientId: string): Promise<number> {
  const start = performance.now();
  const res = await owner.client.post(`/api/chats/${chatId}/messages`, { clientId, text });
  if (res.status !== 201) throw new Error(`reply failed: ${res.status}`);
  answered.push(performance.now() - start);
  return (await arrival(clientId)) - start;
}

// A webhook body of about the size the server sends, for the baseline.
const sampleBody = JSON.stringify({ id: 'evt_x'.padEnd(36, 'x'), type: 'message.created', data: { text: text.repeat(12) } });
async function bare(i: number): Promise<number> {
  const baseline = `raw-${i}`;
  const start = performance.now();
  const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ baseline, pad: sampleBody }) });
  await res.arrayBuffer();
  return (await arrival(baseline)) - start;
}

// Warm-up (JIT, connection pools), not measured.
for (let i = 0; i < 20; i++) {
  await reply(`warm-${i}`);
  await bare(-1 - i);
}

answered.length = 0;
const webhook: number[] = [];
const raw: number[] = [];
for (let i = 0; i < replies; i++) {
  webhook.push(await reply(`r-${i}`));
  raw.push(await bare(i));
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return +(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN).toFixed(2);
};
const summary = (xs: number[]) => ({ p50: pct(xs, 50), p90: pct(xs, 90), p99: pct(xs, 99), max: pct(xs, 100) });
const w = summary(webhook);
const r = summary(raw);
console.log(JSON.stringify({
  replies,
  webhookMs: w,
  rawFetchMs: r,
  replyAnsweredMs: summary(answered),
  ratioP50: +(w.p50 / r.p50).toFixed(1),
  budget: { p50Ms: 50, pass: w.p50 <= 50 },
}, null, 2));

await server.stop();
await receiver.stop(true);
process.exit(0);
