// DESIGN §9 budget: a visitor's message reaches the agent through the server, persisted, with
// p99 ≤ 15 ms on loopback at 1,000 messages/s. The server runs as its own process, as in
// production (stand-in database inside it unless MONGODB_URI is set); this process is the load:
// visitors and one agent as real WebSocket clients. Latency = visitor send → agent receives the
// stored message.
//
//   bun scripts/bench/message-latency.ts [--rate 1000] [--seconds 5] [--chats 50]
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '5' }, chats: { type: 'string', default: '50' } },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const chatCount = Number(values.chats);

// TRUST_PROXY: each bench visitor claims its own address, so the per-address chat limit holds.
const server = await startE2EServer({ LOG_LEVEL: 'warn', TRUST_PROXY: 'true', PHOENIX_DEMO: 'false', VISITOR_RATE_LIMITS: 'false', ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI, PHOENIX_DB_BACKEND: 'uri' } : {}) });
const owner = await signUp(server);
const wsBase = server.url.replace('http', 'ws');

const agent = new WebSocket(`${wsBase}/ws`, { headers: { cookie: owner.client.cookieHeader } } as unknown as string[]);
await new Promise((r) => agent.addEventListener('open', r, { once: true }));

async function newVisitorFrom(address: string, widgetKey: string) {
  const headers = { 'x-forwarded-for': address };
  const session = await new TestClient(server.url, headers).post('/api/widget/session', { org: widgetKey });
  const client = new TestClient(server.url, { ...headers, authorization: `Bearer ${session.body.token}` });
  return {
    token: session.body.token as string,
    startChat: async () => (await client.post('/api/widget/chats', {})).body as { id: string },
  };
}

const sentAt = new Map<string, number>();
const latencies: number[] = [];
agent.addEventListener('message', (e) => {
  const frame = JSON.parse(String(e.data)) as { type: string; message?: { clientId: string | null } };
  if (frame.type !== 'message.created' || !frame.message?.clientId) return;
  const start = sentAt.get(frame.message.clientId);
  if (start !== undefined) latencies.push(performance.now() - start);
});

const visitors: { socket: WebSocket; chatId: string }[] = [];
for (let i = 0; i < chatCount; i++) {
  // Chat creation is rate-limited per address (10/min): the bench speaks from many loopback ones.
  const v = await newVisitorFrom(`127.0.0.${2 + i}`, owner.org.widgetKey);
  const chat = await v.startChat();
  await owner.client.post(`/api/chats/${chat.id}/claim`);
  agent.send(JSON.stringify({ type: 'chat.subscribe', chatId: chat.id, afterSeq: 0 }));
  const socket = new WebSocket(`${wsBase}/ws/visitor`);
  await new Promise((r) => socket.addEventListener('open', r, { once: true }));
  socket.send(JSON.stringify({ type: 'auth', token: v.token }));
  visitors.push({ socket, chatId: chat.id });
}
await Bun.sleep(300);

// Warm-up: one second at the target rate, not measured (JIT, first allocations).
async function drive(count: number, prefix: string, record: boolean): Promise<void> {
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await Bun.sleep(wait);
    const v = visitors[i % visitors.length]!;
    const clientId = `${prefix}${i}`;
    if (record) sentAt.set(clientId, performance.now());
    v.socket.send(JSON.stringify({ type: 'message.send', chatId: v.chatId, clientId, text: `message ${i}` }));
  }
}
await drive(rate, 'w', false);
await Bun.sleep(500);

const total = rate * seconds;
const t0 = performance.now();
await drive(total, 'b', true);
const deadline = performance.now() + 10_000;
while (latencies.length < total && performance.now() < deadline) await Bun.sleep(20);
const elapsed = (performance.now() - t0) / 1000;

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
const p99 = pct(99);
console.log(JSON.stringify({
  target: { rate, seconds, chats: chatCount },
  delivered: latencies.length,
  achievedRate: Math.round(latencies.length / elapsed),
  ms: { p50: +pct(50).toFixed(2), p90: +pct(90).toFixed(2), p99: +p99.toFixed(2), max: +(latencies.at(-1) ?? NaN).toFixed(2) },
  budget: { p99Ms: 15, pass: latencies.length === total && p99 <= 15 },
}, null, 2));

for (const v of visitors) v.socket.close();
agent.close();
await server.stop();
process.exit(0);
