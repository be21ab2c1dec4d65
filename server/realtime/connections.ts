import type { ServerMessage } from '../../shared/protocol/messages';
import type { Actor } from '../domain/permissions';
import type { AgentAuth } from '../services/sessions';
import { NativeTopics } from './native-topics';

/** What the hub needs of a socket: Bun's ServerWebSocket fits. */
export interface RawSocket {
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
  /** Bun's native topics: a chat's messages fan out in C++, not in a JS loop. */
  subscribe?(topic: string): void;
  unsubscribe?(topic: string): void;
  /** Closes the socket if it is past its backpressure limit (after a native publish; backpressure.ts). */
  checkPressure?(): void;
}

/** The native topic an agent socket joins while it has a chat open (permission-checked). */
export const agentChatTopic = (chatId: string): string => `agents:chat:${chatId}`;

interface BaseConnection {
  id: number;
  raw: RawSocket;
  orgId: string;
  /** Chats whose messages this socket receives (after a subscribe, with replay). */
  chats: Set<string>;
}

export interface AgentConnection extends BaseConnection {
  kind: 'agent';
  auth: AgentAuth;
  actor: Actor;
}

export interface VisitorConnection extends BaseConnection {
  kind: 'visitor';
  contactId: string;
  contactName: string | null;
  /** The client address at the upgrade: visitor rate limits count per address too (null when unknown). */
  address: string | null;
}

export type Connection = AgentConnection | VisitorConnection;

export function sendFrame(conn: Connection, frame: ServerMessage): void {
  conn.raw.send(JSON.stringify(frame));
}

/** Sockets of this instance indexed the ways events address them. */
export class ConnectionRegistry {
  private nextId = 1;
  readonly byOrg = new Map<string, Set<Connection>>();
  readonly byChat = new Map<string, Set<Connection>>();

  newId(): number {
    return this.nextId++;
  }

  add(conn: Connection): void {
    let set = this.byOrg.get(conn.orgId);
    if (!set) this.byOrg.set(conn.orgId, (set = new Set()));
    set.add(conn);
  }

  remove(conn: Connection): void {
    this.byOrg.get(conn.orgId)?.delete(conn);
    if (this.byOrg.get(conn.orgId)?.size === 0) this.byOrg.delete(conn.orgId);
    for (const chatId of conn.chats) this.unsubscribe(conn, chatId);
  }

  constructor(
    /** Bun's native pub/sub for agents subscribed to a chat (see native-topics.ts). */
    readonly topics: NativeTopics = new NativeTopics(),
  ) {}

  subscribe(conn: Connection, chatId: string): void {
    if (conn.kind === 'agent' && !conn.chats.has(chatId)) conn.raw.subscribe?.(agentChatTopic(chatId));
    conn.chats.add(chatId);
    let set = this.byChat.get(chatId);
    if (!set) this.byChat.set(chatId, (set = new Set()));
    set.add(conn);
  }

  unsubscribe(conn: Connection, chatId: string): void {
    if (conn.kind === 'agent' && conn.chats.has(chatId)) conn.raw.unsubscribe?.(agentChatTopic(chatId));
    conn.chats.delete(chatId);
    const set = this.byChat.get(chatId);
    set?.delete(conn);
    if (set?.size === 0) this.byChat.delete(chatId);
  }

  *agents(orgId: string): Iterable<AgentConnection> {
    for (const conn of this.byOrg.get(orgId) ?? []) if (conn.kind === 'agent') yield conn;
  }

  *visitors(orgId: string, contactId: string): Iterable<VisitorConnection> {
    for (const conn of this.byOrg.get(orgId) ?? []) if (conn.kind === 'visitor' && conn.contactId === contactId) yield conn;
  }

  get size(): number {
    let n = 0;
    for (const set of this.byOrg.values()) n += set.size;
    return n;
  }
}
