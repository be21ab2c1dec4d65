import type { ServerMessage } from '../../shared/protocol/messages';
import type { Actor } from '../domain/permissions';
import type { AgentAuth } from '../services/sessions';
import { audienceTopics } from './audience';
import { NativeTopics } from './native-topics';
import { SocketOutbox } from './socket-outbox';

/** What the hub needs of a socket: Bun's ServerWebSocket fits. */
export interface RawSocket {
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
  /** Bun's native topics: a chat's messages and list rows fan out in C++, not in a JS loop. */
  subscribe?(topic: string): void;
  unsubscribe?(topic: string): void;
  /** Closes the socket if it is past its backpressure limit (after native publishes; backpressure.ts). */
  checkPressure?(): void;
}

/** The native topic an agent socket joins while it has a chat open (permission-checked). */
export const agentChatTopic = (chatId: string): string => `agents:chat:${chatId}`;

/** Every socket starts with this one, shared and empty; the registry gives a socket its own set on its first subscribe. */
const NO_CHATS: ReadonlySet<string> = new Set<string>();

interface BaseConnection {
  id: number;
  raw: RawSocket;
  orgId: string;
  /** Chats whose messages this socket receives (after a subscribe, with replay). Changed only by the registry. */
  chats: ReadonlySet<string>;
}

export interface AgentConnection extends BaseConnection {
  kind: 'agent';
  auth: AgentAuth;
  actor: Actor;
  /** The audience topics (audience.ts) this socket joined, for its actor as last seen. */
  audience?: string[];
}

export interface VisitorConnection extends BaseConnection {
  kind: 'visitor';
  contactId: string;
  contactName: string | null;
  /** The client address at the upgrade: visitor rate limits count per address too (null when unknown). */
  address: string | null;
}

export type Connection = AgentConnection | VisitorConnection;

export const noChats = (): ReadonlySet<string> => NO_CHATS;

export function sendFrame(conn: Connection, frame: ServerMessage): void {
  conn.raw.send(JSON.stringify(frame));
}

/** One organization's agent sockets, by person too (badges and presence count per person). */
interface OrgAgents {
  all: Set<AgentConnection>;
  byUser: Map<string, Set<AgentConnection>>;
}

/**
 * One contact's visitor sockets: nearly always one, kept bare; an array once there are more,
 * replaced rather than changed (a send that closes a socket for backpressure removes it while a
 * delivery is walking the array).
 */
type ContactSockets = VisitorConnection | VisitorConnection[];

export interface RegistryOptions {
  /**
   * Native publishes bypass each socket's `send`, so nothing looks at its buffer then. After this
   * many bytes published (in all), every agent socket's buffer is looked at once: no socket grows
   * by more than that between looks, so with half the backpressure limit here a socket is closed
   * before it reaches Bun's own hard limit (twice ours, runtime.ts), where frames would be dropped.
   */
  checkPressureEveryBytes?: number;
}

/**
 * Sockets of this instance indexed the ways events address them: agents by organization and
 * person, visitors by contact, subscribers by chat, and agents by audience topic. Nothing an event
 * does walks every socket of an organization.
 */
export class ConnectionRegistry {
  private nextId = 1;
  private readonly agentsByOrg = new Map<string, OrgAgents>();
  /** orgId → contactId → sockets. The contactId key is the connection's own string. */
  private readonly visitorsByOrg = new Map<string, Map<string, ContactSockets>>();
  readonly byChat = new Map<string, Set<Connection>>();
  /** Agent sockets subscribed per chat, and joined per audience topic: audience sizes without a walk. */
  private readonly chatAgents = new Map<string, number>();
  private readonly topicSizes = new Map<string, number>();
  private agentCount = 0;
  private visitorCount = 0;
  private publishedSinceCheck = 0;
  /** One string per organization id, shared by all its sockets' `orgId` (one per org, not per socket). */
  private readonly orgIds = new Map<string, string>();
  /** The turn's direct sends of this registry's sockets (socket-outbox.ts); flushed before publishes. */
  readonly outbox = new SocketOutbox();
  private readonly checkEveryBytes: number;

  constructor(
    /** Bun's native pub/sub (see native-topics.ts). */
    readonly topics: NativeTopics = new NativeTopics(),
    opts: RegistryOptions = {},
  ) {
    this.checkEveryBytes = opts.checkPressureEveryBytes ?? 2 * 1024 * 1024;
  }

  newId(): number {
    return this.nextId++;
  }

  /** The organization id as the one string every socket of it shares. */
  orgKey(orgId: string): string {
    const known = this.orgIds.get(orgId);
    if (known !== undefined) return known;
    this.orgIds.set(orgId, orgId);
    return orgId;
  }

  add(conn: Connection): void {
    if (conn.kind === 'visitor') return this.addVisitor(conn);
    let org = this.agentsByOrg.get(conn.orgId);
    if (!org) this.agentsByOrg.set(conn.orgId, (org = { all: new Set(), byUser: new Map() }));
    if (org.all.has(conn)) return;
    org.all.add(conn);
    let tabs = org.byUser.get(conn.actor.userId);
    if (!tabs) org.byUser.set(conn.actor.userId, (tabs = new Set()));
    tabs.add(conn);
    this.agentCount++;
    this.regroup(conn);
  }

  private addVisitor(conn: VisitorConnection): void {
    let contacts = this.visitorsByOrg.get(conn.orgId);
    if (!contacts) this.visitorsByOrg.set(conn.orgId, (contacts = new Map()));
    const present = contacts.get(conn.contactId);
    if (present === undefined) contacts.set(conn.contactId, conn);
    else if (Array.isArray(present)) {
      if (present.includes(conn)) return;
      contacts.set(conn.contactId, [...present, conn]);
    } else if (present === conn) return;
    else contacts.set(conn.contactId, [present, conn]);
    this.visitorCount++;
  }

  remove(conn: Connection): void {
    for (const chatId of [...conn.chats]) this.unsubscribe(conn, chatId);
    if (conn.kind === 'visitor') return this.removeVisitor(conn);
    const org = this.agentsByOrg.get(conn.orgId);
    if (!org?.all.delete(conn)) return;
    this.agentCount--;
    this.leaveAudience(conn);
    // A refresh replaces the actor but never its person (the same user re-read).
    const tabs = org.byUser.get(conn.actor.userId);
    if (tabs?.delete(conn) && tabs.size === 0) org.byUser.delete(conn.actor.userId);
    if (org.all.size === 0) this.agentsByOrg.delete(conn.orgId);
  }

  private removeVisitor(conn: VisitorConnection): void {
    const contacts = this.visitorsByOrg.get(conn.orgId);
    const present = contacts?.get(conn.contactId);
    if (!contacts || present === undefined) return;
    if (Array.isArray(present)) {
      if (!present.includes(conn)) return;
      const rest = present.filter((c) => c !== conn);
      contacts.set(conn.contactId, rest.length === 1 ? rest[0]! : rest);
    } else if (present === conn) contacts.delete(conn.contactId);
    else return;
    this.visitorCount--;
    if (contacts.size === 0) this.visitorsByOrg.delete(conn.orgId);
  }

  /** Joins the audience topics of the socket's actor as it is now (after a role or team change too). */
  regroup(conn: AgentConnection): void {
    if (!this.agentsByOrg.get(conn.orgId)?.all.has(conn)) return;
    const next = audienceTopics(conn.orgId, conn.actor);
    const before = conn.audience ?? [];
    if (before.length === next.length && before.every((t, i) => t === next[i])) return;
    this.leaveAudience(conn);
    for (const topic of next) {
      conn.raw.subscribe?.(topic);
      this.topicSizes.set(topic, (this.topicSizes.get(topic) ?? 0) + 1);
    }
    conn.audience = next;
  }

  private leaveAudience(conn: AgentConnection): void {
    for (const topic of conn.audience ?? []) {
      conn.raw.unsubscribe?.(topic);
      const n = (this.topicSizes.get(topic) ?? 1) - 1;
      if (n <= 0) this.topicSizes.delete(topic);
      else this.topicSizes.set(topic, n);
    }
    conn.audience = undefined;
  }

  subscribe(conn: Connection, chatId: string): void {
    if (!conn.chats.has(chatId)) {
      if (conn.kind === 'agent') {
        conn.raw.subscribe?.(agentChatTopic(chatId));
        this.chatAgents.set(chatId, (this.chatAgents.get(chatId) ?? 0) + 1);
      }
      if (conn.chats === NO_CHATS) conn.chats = new Set();
      (conn.chats as Set<string>).add(chatId);
    }
    let set = this.byChat.get(chatId);
    if (!set) this.byChat.set(chatId, (set = new Set()));
    set.add(conn);
  }

  unsubscribe(conn: Connection, chatId: string): void {
    if (conn.chats.has(chatId)) {
      if (conn.kind === 'agent') {
        conn.raw.unsubscribe?.(agentChatTopic(chatId));
        const n = (this.chatAgents.get(chatId) ?? 1) - 1;
        if (n <= 0) this.chatAgents.delete(chatId);
        else this.chatAgents.set(chatId, n);
      }
      (conn.chats as Set<string>).delete(chatId);
      if (conn.chats.size === 0) conn.chats = NO_CHATS;
    }
    const set = this.byChat.get(chatId);
    set?.delete(conn);
    if (set?.size === 0) this.byChat.delete(chatId);
  }

  /** One native publish; every so many bytes, one look at every agent socket's buffer (see RegistryOptions). */
  publish(topic: string, frame: string): void {
    this.outbox.flushSubscribers(topic);
    this.topics.publish(topic, frame);
    this.publishedSinceCheck += frame.length;
    if (this.publishedSinceCheck < this.checkEveryBytes) return;
    this.publishedSinceCheck = 0;
    for (const org of this.agentsByOrg.values()) for (const conn of [...org.all]) conn.raw.checkPressure?.();
  }

  /** Agent sockets in an audience topic, without walking them. */
  topicSize(topic: string): number {
    return this.topicSizes.get(topic) ?? 0;
  }

  /** Agent sockets with the chat open. */
  chatAgentCount(chatId: string): number {
    return this.chatAgents.get(chatId) ?? 0;
  }

  agents(orgId: string): Iterable<AgentConnection> {
    return this.agentsByOrg.get(orgId)?.all ?? [];
  }

  /** One person's tabs. */
  agentTabs(orgId: string, userId: string): Iterable<AgentConnection> {
    return this.agentsByOrg.get(orgId)?.byUser.get(userId) ?? [];
  }

  /** Each person's tabs in the organization. */
  agentsByUser(orgId: string): Iterable<Set<AgentConnection>> {
    return this.agentsByOrg.get(orgId)?.byUser.values() ?? [];
  }

  /** A contact's open sockets on this instance (the per-visitor cap, socket-caps.ts). */
  visitorSocketCount(orgId: string, contactId: string): number {
    const present = this.visitorsByOrg.get(orgId)?.get(contactId);
    return present === undefined ? 0 : Array.isArray(present) ? present.length : 1;
  }

  visitors(orgId: string, contactId: string): readonly VisitorConnection[] {
    const present = this.visitorsByOrg.get(orgId)?.get(contactId);
    if (present === undefined) return [];
    return Array.isArray(present) ? present : [present];
  }

  /** Every socket of this instance (resync and shutdown close them all). */
  *all(): Iterable<Connection> {
    for (const org of this.agentsByOrg.values()) yield* org.all;
    for (const contacts of this.visitorsByOrg.values()) for (const present of contacts.values()) yield* Array.isArray(present) ? present : [present];
  }

  counts(): { agent: number; visitor: number } {
    return { agent: this.agentCount, visitor: this.visitorCount };
  }

  /**
   * Every socket grouped by organization, built on demand: modules/metrics/install.ts still reads
   * it once per scrape (counts() is the cheap way).
   */
  get byOrg(): Map<string, Connection[]> {
    const byOrg = new Map<string, Connection[]>();
    for (const conn of this.all()) {
      const list = byOrg.get(conn.orgId);
      if (list) list.push(conn);
      else byOrg.set(conn.orgId, [conn]);
    }
    return byOrg;
  }

  get size(): number {
    return this.agentCount + this.visitorCount;
  }
}
