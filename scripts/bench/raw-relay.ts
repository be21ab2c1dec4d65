// The socket floor of the message path, for message-latency.ts: a bare Bun.serve that does what
// our server does for a visitor's message minus everything else (no storage, no checks, no
// events). Visitors connect to /visitor, agents to /agent. A `message.send` frame is parsed, given
// the chat's next seq, acknowledged to the sender, echoed to the sender's socket (our server
// echoes to every tab of the visitor) and published to the agents' topic — the same frames, in the
// same number of sends, as our server's. Prints `port <n>` when listening.
//
//   bun scripts/bench/raw-relay.ts
const seqs = new Map<string, number>();

const server = Bun.serve<{ agent: boolean }>({
  port: 0,
  hostname: '127.0.0.1',
  fetch(req, srv) {
    const path = new URL(req.url).pathname;
    if (srv.upgrade(req, { data: { agent: path === '/agent' } })) return undefined;
    return new Response('upgrade expected', { status: 426 });
  },
  websocket: {
    open(ws) {
      if (ws.data.agent) ws.subscribe('agents');
    },
    message(ws, raw) {
      const frame = JSON.parse(String(raw)) as { type: string; chatId: string; clientId: string; text: string };
      if (frame.type !== 'message.send') return;
      const seq = (seqs.get(frame.chatId) ?? 0) + 1;
      seqs.set(frame.chatId, seq);
      const message = { id: crypto.randomUUID(), chatId: frame.chatId, seq, clientId: frame.clientId, text: frame.text, createdAt: new Date().toISOString() };
      ws.send(JSON.stringify({ type: 'message.created', message }));
      ws.send(JSON.stringify({ type: 'ack', clientId: frame.clientId, chatId: frame.chatId, message }));
      server.publish('agents', JSON.stringify({ type: 'message.created', message }));
    },
  },
});
console.log(`port ${server.port}`);
