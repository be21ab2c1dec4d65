// Delivery through audience topics against the permission table: every combination of role,
// team membership, active flag, team mode, chat status and assignee reaches exactly the sockets
// canOnChat lets view the chat, once each; list rows are coalesced per chat per turn and keep the
// latest; the audience follows a changed actor (refresh) and forgets a removed socket.
import { describe, expect, test } from 'bun:test';
import type { BusEvent } from '../bus/bus';
import { canOnChat, type Actor } from '../domain/permissions';
import type { ChatStatus, PermissionMode, Role } from '../../shared/types/enums';
import type { AgentAuth } from '../services/sessions';
import { ConnectionRegistry, noChats, type AgentConnection, type VisitorConnection } from './connections';
import { deliverMessage } from './deliver';
import { deliverNote } from './deliver-notes';
import { FakeTopicServer, type FakeSocket } from './fake-topics';
import { ListUpdates } from './list-updates';

const ORG = 'org1';
const OTHER_ORG = 'org2';
const TEAM = 'teamA';
const ROLES: Role[] = ['owner', 'admin', 'supervisor', 'agent'];
const MODES: PermissionMode[] = ['collaborative', 'self_service', 'restrictive'] as PermissionMode[];
const STATUSES: ChatStatus[] = ['unassigned', 'assigned', 'ended'];

function setup() {
  const server = new FakeTopicServer();
  const registry = new ConnectionRegistry(server.topics());
  let id = 0;
  const agent = (actor: Actor, orgId = ORG): AgentConnection & { raw: FakeSocket } => {
    const conn = { kind: 'agent' as const, id: ++id, raw: server.socket(), orgId, chats: noChats(), auth: {} as AgentAuth, actor };
    registry.add(conn);
    return conn;
  };
  const visitor = (contactId: string, orgId = ORG): VisitorConnection & { raw: FakeSocket } => {
    const conn = { kind: 'visitor' as const, id: ++id, raw: server.socket(), orgId, chats: noChats(), contactId, contactName: null, address: null };
    registry.add(conn);
    return conn;
  };
  return { server, registry, agent, visitor };
}

/** Every kind of agent there is, relative to TEAM: role × member or not × active or not, one user each. */
function everyone(add: (actor: Actor) => AgentConnection & { raw: FakeSocket }) {
  const conns: (AgentConnection & { raw: FakeSocket })[] = [];
  for (const role of ROLES) for (const member of [true, false]) for (const active of [true, false]) {
    conns.push(add({ userId: `u-${role}-${member ? 'in' : 'out'}-${active ? 'on' : 'off'}`, role, teamIds: member ? [TEAM, 'teamB'] : ['teamB'], active }));
  }
  return conns;
}

const chatDto = (status: ChatStatus, assigneeId: string | null, over: Record<string, unknown> = {}) =>
  ({ id: 'chat1', teamId: TEAM, status, assigneeId, contactId: 'contact1', labels: [], ...over }) as unknown as Extract<BusEvent, { kind: 'message.created' }>['chat'];

const messageEvent = (status: ChatStatus, assigneeId: string | null, mode: PermissionMode, seq = 1, orgId = ORG) =>
  ({
    kind: 'message.created',
    orgId,
    chat: chatDto(status, assigneeId, { lastMessage: { seq } }),
    team: { id: TEAM, permissionMode: mode },
    message: { id: `m${seq}`, chatId: 'chat1', seq, text: `hello ${seq}`, attachments: [] },
  }) as unknown as Extract<BusEvent, { kind: 'message.created' }>;

describe('notes reach exactly the viewers of the permission table', () => {
  for (const mode of MODES) for (const status of STATUSES) for (const assignee of ['none', 'member-agent', 'outsider-supervisor', 'inactive']) {
    test(`${mode}, ${status}, assignee ${assignee}`, () => {
      const { registry, agent } = setup();
      const conns = everyone(agent);
      const other = agent({ userId: 'u-other-org', role: 'owner', teamIds: [TEAM], active: true }, OTHER_ORG);
      const assigneeId = { none: null, 'member-agent': 'u-agent-in-on', 'outsider-supervisor': 'u-supervisor-out-on', inactive: 'u-agent-in-off' }[assignee]!;
      // A second tab of the assignee: both must get it once.
      if (assigneeId) agent(conns.find((c) => c.actor.userId === assigneeId)!.actor);
      const note = { kind: 'note.created', orgId: ORG, chat: { id: 'chat1', teamId: TEAM, status, assigneeId }, team: { id: TEAM, permissionMode: mode }, note: { id: 'n1' } };
      deliverNote(registry, note as unknown as Extract<BusEvent, { kind: 'note.created' }>);
      for (const conn of registry.agents(ORG)) {
        const allowed = canOnChat(conn.actor, 'view', { teamId: TEAM, status, assigneeId }, { id: TEAM, permissionMode: mode });
        const raw = conn.raw as FakeSocket;
        expect({ user: conn.actor.userId, notes: raw.frames().filter((f) => f.type === 'note.created').length }).toEqual({ user: conn.actor.userId, notes: allowed ? 1 : 0 });
      }
      expect(other.raw.received).toEqual([]);
    });
  }
});

describe('messages', () => {
  test('subscribers get the message on the chat topic; other viewers one row per turn, the latest; others nothing', async () => {
    const { registry, agent, visitor, server } = setup();
    const rows = new ListUpdates(registry);
    const open = agent({ userId: 'u1', role: 'agent', teamIds: [TEAM], active: true });
    const lister = agent({ userId: 'u2', role: 'agent', teamIds: [TEAM], active: true });
    const outsider = agent({ userId: 'u3', role: 'agent', teamIds: ['teamB'], active: true });
    const otherOrg = agent({ userId: 'u4', role: 'owner', teamIds: [TEAM], active: true }, OTHER_ORG);
    const theVisitor = visitor('contact1');
    const otherVisitor = visitor('contact2');
    registry.subscribe(open, 'chat1');
    for (const seq of [1, 2, 3]) deliverMessage(registry, messageEvent('assigned', 'u1', 'collaborative', seq), rows);
    expect(open.raw.frames().map((f) => f.type)).toEqual(['message.created', 'message.created', 'message.created']);
    expect(theVisitor.raw.frames().map((f) => (f.message as { seq: number }).seq)).toEqual([1, 2, 3]);
    expect(lister.raw.received).toEqual([]); // not yet: coalesced to the end of the turn
    await new Promise((r) => setImmediate(r));
    const listed = lister.raw.frames();
    expect(listed.map((f) => f.type)).toEqual(['chat.updated']);
    expect((listed[0]!.chat as { lastMessage: { seq: number } }).lastMessage.seq).toBe(3);
    // The subscriber is a viewer too: it gets the row as well (once), since not every viewer has it open.
    expect(open.raw.frames().filter((f) => f.type === 'chat.updated').length).toBe(1);
    for (const s of [outsider, otherOrg, otherVisitor]) expect(s.raw.received).toEqual([]);
    // One serialization per audience: the chat topic once per message, the members topic once per turn.
    expect(server.publishes).toBe(3 + 1);
  });

  test('no row at all when every viewer has the chat open', async () => {
    const { registry, agent } = setup();
    const rows = new ListUpdates(registry);
    const tabs = [1, 2, 3].map(() => agent({ userId: 'owner', role: 'owner', teamIds: [], active: true }));
    for (const t of tabs) registry.subscribe(t, 'chat1');
    deliverMessage(registry, messageEvent('assigned', 'owner', 'restrictive'), rows);
    await new Promise((r) => setImmediate(r));
    for (const t of tabs) expect(t.raw.frames().map((f) => f.type)).toEqual(['message.created']);
  });

  test('a pending row is sent before a change of its chat (flush), never after it', () => {
    const { registry, agent } = setup();
    const rows = new ListUpdates(registry);
    const lister = agent({ userId: 'u2', role: 'admin', teamIds: [], active: true });
    deliverMessage(registry, messageEvent('assigned', 'u1', 'collaborative', 7), rows);
    rows.flush('chat1');
    expect(lister.raw.frames().map((f) => f.type)).toEqual(['chat.updated']);
    rows.flushAll();
    expect(lister.raw.received.length).toBe(1);
  });

  test('an older row queued after a newer one is ignored', async () => {
    const { registry, agent } = setup();
    const rows = new ListUpdates(registry);
    const lister = agent({ userId: 'u2', role: 'admin', teamIds: [], active: true });
    rows.queue(messageEvent('assigned', 'u1', 'collaborative', 5));
    rows.queue(messageEvent('assigned', 'u1', 'collaborative', 4));
    await new Promise((r) => setImmediate(r));
    expect(lister.raw.frames().map((f) => (f.chat as { lastMessage: { seq: number } }).lastMessage.seq)).toEqual([5]);
  });
});

describe('the audience index', () => {
  test('follows a refreshed actor (role or teams), and forgets a removed socket', () => {
    const { registry, agent, server } = setup();
    const conn = agent({ userId: 'u1', role: 'agent', teamIds: ['teamB'], active: true });
    const note = (status: ChatStatus) =>
      deliverNote(registry, { kind: 'note.created', orgId: ORG, chat: { id: 'chat1', teamId: TEAM, status, assigneeId: null }, team: { id: TEAM, permissionMode: 'collaborative' }, note: { id: 'n' } } as unknown as Extract<BusEvent, { kind: 'note.created' }>);
    note('unassigned');
    expect(conn.raw.received.length).toBe(0);
    conn.actor = { ...conn.actor, teamIds: [TEAM] }; // joined the team
    registry.regroup(conn);
    note('unassigned');
    expect(conn.raw.received.length).toBe(1);
    conn.actor = { ...conn.actor, active: false }; // deactivated
    registry.regroup(conn);
    note('unassigned');
    expect(conn.raw.received.length).toBe(1);
    conn.actor = { ...conn.actor, active: true, role: 'admin', teamIds: [] }; // promoted: every team
    registry.regroup(conn);
    note('assigned');
    expect(conn.raw.received.length).toBe(2);
    registry.remove(conn);
    expect(conn.raw.joined.size).toBe(0);
    expect([...server.members.values()].every((s) => !s.has(conn.raw))).toBe(true);
    expect(registry.counts()).toEqual({ agent: 0, visitor: 0 });
  });

  test('visitors are indexed by contact: a second tab, then removal of each', () => {
    const { registry, visitor } = setup();
    const a = visitor('c1');
    const b = visitor('c1');
    const c = visitor('c1', OTHER_ORG);
    expect(registry.visitors(ORG, 'c1')).toEqual([a, b]);
    registry.remove(a);
    expect(registry.visitors(ORG, 'c1')).toEqual([b]);
    registry.remove(b);
    registry.remove(b);
    expect(registry.visitors(ORG, 'c1')).toEqual([]);
    expect(registry.visitors(OTHER_ORG, 'c1')).toEqual([c]);
    expect(registry.counts()).toEqual({ agent: 0, visitor: 1 });
  });

  test('a socket removed while a delivery walks its contact (closed for backpressure) does not hide the next one', () => {
    const { registry, visitor } = setup();
    const a = visitor('c1');
    const b = visitor('c1');
    const c = visitor('c1');
    const seen: VisitorConnection[] = [];
    for (const conn of registry.visitors(ORG, 'c1')) {
      seen.push(conn);
      if (conn === a) registry.remove(a);
    }
    expect(seen).toEqual([a, b, c]);
    expect(registry.visitors(ORG, 'c1')).toEqual([b, c]);
  });

  test('native publishes are followed by a look at every agent buffer once per so many bytes, not per message', () => {
    const server = new FakeTopicServer();
    const registry = new ConnectionRegistry(server.topics(), { checkPressureEveryBytes: 1000 });
    const rows = new ListUpdates(registry);
    const conns = [1, 2].map((i) => {
      const conn = { kind: 'agent' as const, id: i, raw: server.socket(), orgId: ORG, chats: noChats(), auth: {} as AgentAuth, actor: { userId: `u${i}`, role: 'agent' as Role, teamIds: [TEAM], active: true } };
      registry.add(conn);
      registry.subscribe(conn, 'chat1');
      return conn;
    });
    for (let seq = 1; seq <= 40; seq++) deliverMessage(registry, messageEvent('assigned', 'u1', 'collaborative', seq), rows);
    rows.clear();
    const published = conns[0]!.raw.received.reduce((n, f) => n + f.length, 0);
    for (const c of conns) expect(c.raw.pressureChecks).toBe(Math.floor(published / 1000));
    expect(conns[0]!.raw.pressureChecks).toBeGreaterThan(0);
    expect(conns[0]!.raw.pressureChecks).toBeLessThan(40);
  });
});
