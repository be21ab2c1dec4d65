// The delivery side of fan-out on its own (issue 19), without the write path in front of it:
// CPU per message through deliverMessage for one chat that N agent sockets have open, in an
// organization with many more agents and visitors online. Native publishes are counted, not
// performed (in Bun they run in C++, off the JS thread this measures); direct sends are no-ops
// that count. A turn of the event loop is simulated every `--batch` messages (list rows flush).
//
//   bun server/realtime/deliver-bench.ts [--subscribers 200] [--agents 1000] [--visitors 5000] [--listers 0] [--messages 20000] [--impl dir]
//
// `--impl` loads deliver.ts and connections.ts from another copy of server/realtime (an older
// commit's, say) for a before/after comparison in the same run; its deliverMessage may take no
// list-rows argument.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '200' },
    agents: { type: 'string', default: '1000' },
    visitors: { type: 'string', default: '5000' },
    messages: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '8' },
    /** Agents of the chat's own team, Collaborative then, who see its list row move. */
    listers: { type: 'string', default: '0' },
    impl: { type: 'string', default: import.meta.dir },
  },
});
const S = Number(values.subscribers);
const A = Number(values.agents);
const V = Number(values.visitors);
const M = Number(values.messages);
const BATCH = Number(values.batch);
const L = Number(values.listers);
const dir = resolve(values.impl!);

const connections = await import(`${dir}/connections.ts`);
const deliver = await import(`${dir}/deliver.ts`);
const listUpdates = await import(`${dir}/list-updates.ts`).catch(() => null);

let publishes = 0;
let sends = 0;
const topics = new (await import(`${dir}/native-topics.ts`)).NativeTopics();
topics.bind({ publish: () => void publishes++ });
const registry = new connections.ConnectionRegistry(topics);
const rows = listUpdates ? new listUpdates.ListUpdates(registry) : undefined;
const raw = () => ({ send: () => void sends++, close() {}, subscribe() {}, unsubscribe() {}, checkPressure() {} });
const empty = () => (connections.noChats ? connections.noChats() : new Set());
const ORG = 'org';
let id = 0;
const agent = (userId: string, role: string, teamIds: string[]) => {
  const conn = { kind: 'agent', id: ++id, raw: raw(), orgId: ORG, chats: empty(), auth: {}, actor: { userId, role, teamIds, active: true } };
  registry.add(conn);
  return conn;
};
// The chat's own team, Restrictive unless there are listers: the owner's N tabs (the fan-out bench's agent) see it.
for (let i = 0; i < S; i++) registry.subscribe(agent('owner', 'owner', []), 'chat');
for (let i = 0; i < A; i++) agent(`a${i}`, 'agent', [`team${i % 20}`]);
for (let i = 0; i < L; i++) agent(`l${i}`, 'agent', ['teamX']);
for (let i = 0; i < V; i++) registry.add({ kind: 'visitor', id: ++id, raw: raw(), orgId: ORG, chats: empty(), contactId: `c${i}`, contactName: null, address: null });
registry.add({ kind: 'visitor', id: ++id, raw: raw(), orgId: ORG, chats: empty(), contactId: 'contact', contactName: null, address: null });

const chat = { id: 'chat', teamId: 'teamX', status: 'assigned', assigneeId: 'owner', contactId: 'contact', labels: [], lastMessage: null };
const team = { id: 'teamX', permissionMode: L > 0 ? 'collaborative' : 'restrictive' };
const event = (seq: number) => ({
  kind: 'message.created',
  orgId: ORG,
  chat: { ...chat, lastMessage: { seq, text: 'x'.repeat(100) } },
  team,
  message: { id: `m${seq}`, chatId: 'chat', seq, text: 'x'.repeat(100), attachments: [], author: { kind: 'contact', id: 'contact', name: null }, createdAt: new Date().toISOString() },
});

const run = (n: number) => {
  for (let seq = 1; seq <= n; seq++) {
    deliver.deliverMessage(registry, event(seq), rows);
    if (seq % BATCH === 0) rows?.flushAll();
  }
  rows?.flushAll();
};
run(Math.min(2000, M)); // warm up
publishes = sends = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
run(M);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
rows?.clear();
console.log(JSON.stringify({
  impl: dir,
  subscribers: S,
  otherAgentsOnline: A,
  visitorsOnline: V,
  listers: L,
  messages: M,
  cpuMicrosPerMessage: +((cpu.user + cpu.system) / M).toFixed(2),
  wallMicrosPerMessage: +((wallMs * 1000) / M).toFixed(2),
  nativePublishesPerMessage: +(publishes / M).toFixed(3),
  jsSendsPerMessage: +(sends / M).toFixed(3),
}));
