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
//   bun scripts/bench/fanout.ts [--agents 200] [--messages 1000]
import { spawn } from 'bun';
import { parseArgs } from 'node:util';
import { startE2EServer } from '../../e2e/helpers/server';
import { TestClient, signUp } from '../../server/testing/harness';

const { values } = parseArgs({ options: { agents: { type: 'string', default: '200' }, messages: { type: 'string', default: '1000' } } });
const N = Number(values.agents);
const M = Number(values.messages);
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

/** Counts frames whose text contains `marker` across sockets; resolves when `expected` arrived. */
function counter(sockets: WebSocket[], marker: string, expected: number) {
  let received = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  for (const ws of sockets) {
    ws.addEventListener('message', (e) => {
      if (typeof e.data === 'string' && e.data.includes(marker) && ++received >= expected) resolveDone();
    });
  }
  return { done, get received() { return received; } };
}

/** Waits for a counter, failing loudly (not hanging) when frames went missing. */
async function all(c: ReturnType<typeof counter>, expected: number, what: string): Promise<void> {
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000).unref());
  if ((await Promise.race([c.done, timeout])) === 'timeout') throw new Error(`${what}: ${c.received} of ${expected} deliveries arrived`);
}

// ── Phoenix Chat ─────────────────────────────────────────────────────────────────────────────
async function ours(): Promise<number> {
  const server = await startE2EServer({ LOG_LEVEL: 'warn', PHOENIX_DEMO: 'false', TRUST_PROXY: 'true', VISITOR_RATE_LIMITS: 'false' });
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

    const [vs] = await openAll([`${wsBase}/ws/visitor`]);
    const ready = counter([vs!], '"ready"', 1);
    vs!.send(JSON.stringify({ type: 'auth', token: session.body.token }));
    await ready.done;

    const delivered = counter(agents, '"message.created"', N * M);
    let acked = 0;
    let sent = 0;
    const sendNext = () => {
      if (sent >= M) return;
      vs!.send(JSON.stringify({ type: 'message.send', chatId: chat.id, clientId: `f${sent}`, text: 'x'.repeat(100) }));
      sent++;
    };
    vs!.addEventListener('message', (e) => {
      if (typeof e.data === 'string' && e.data.startsWith('{"type":"ack"')) {
        acked++;
        sendNext();
      }
    });
    const t0 = performance.now();
    for (let i = 0; i < IN_FLIGHT; i++) sendNext();
    await all(delivered, N * M, 'phoenix chat');
    const seconds = (performance.now() - t0) / 1000;
    for (const ws of [...agents, vs!]) ws.close();
    void acked;
    return (N * M) / seconds;
  } finally {
    await server.stop();
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

async function raw(): Promise<number> {
  const proc = spawn({ cmd: [process.execPath, '-e', RAW_SERVER], stdout: 'pipe', stderr: 'inherit' });
  try {
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
    const url = `ws://127.0.0.1:${port}`;
    const subscribers = await openAll(Array.from({ length: N }, () => url));
    const [publisher] = await openAll([url]);
    const delivered = counter(subscribers, '"message.created"', N * M);
    let sent = 0;
    const sendNext = () => {
      if (sent >= M) return;
      publisher!.send('go');
      sent++;
    };
    publisher!.addEventListener('message', (e) => {
      if (typeof e.data === 'string' && e.data === '{"type":"ack"}') sendNext();
    });
    const t0 = performance.now();
    for (let i = 0; i < IN_FLIGHT; i++) sendNext();
    await all(delivered, N * M, 'raw Bun.serve');
    const seconds = (performance.now() - t0) / 1000;
    for (const ws of [...subscribers, publisher!]) ws.close();
    return (N * M) / seconds;
  } finally {
    proc.kill();
  }
}

const rawRate = await raw();
const ourRate = await ours();
const ratio = ourRate / rawRate;
console.log(JSON.stringify({
  agents: N,
  messages: M,
  deliveriesPerSecond: { rawBunPubSub: Math.round(rawRate), phoenixChat: Math.round(ourRate) },
  ratio: +ratio.toFixed(3),
  budget: { minRatio: 0.5, pass: ratio >= 0.5 },
}, null, 2));
process.exit(0);
