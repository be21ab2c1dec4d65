// Bun's native pub/sub in miniature, for the delivery tests and the delivery micro-benchmark:
// sockets that join topics and record what they get, and a server that publishes to a topic's
// members — the semantics of Bun.serve's publish (each subscriber once, the publisher's own
// process not involved per socket).
import type { RawSocket } from './connections';
import { NativeTopics, type TopicServer } from './native-topics';

export class FakeTopicServer implements TopicServer {
  readonly members = new Map<string, Set<FakeSocket>>();
  publishes = 0;

  publish(topic: string, data: string): number {
    this.publishes++;
    for (const socket of this.members.get(topic) ?? []) socket.received.push(data);
    return data.length;
  }

  socket(): FakeSocket {
    return new FakeSocket(this);
  }

  /** Native topics bound to this server, as runtime.ts binds Bun's. */
  topics(): NativeTopics {
    const topics = new NativeTopics();
    topics.bind(this);
    return topics;
  }
}

export class FakeSocket implements RawSocket {
  readonly received: string[] = [];
  readonly joined = new Set<string>();
  pressureChecks = 0;
  closed: { code?: number; reason?: string } | null = null;

  constructor(private readonly server: FakeTopicServer) {}

  send(data: string): number {
    this.received.push(data);
    return data.length;
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  subscribe(topic: string): void {
    this.joined.add(topic);
    let set = this.server.members.get(topic);
    if (!set) this.server.members.set(topic, (set = new Set()));
    set.add(this);
  }

  unsubscribe(topic: string): void {
    this.joined.delete(topic);
    this.server.members.get(topic)?.delete(this);
  }

  checkPressure(): void {
    this.pressureChecks++;
  }

  /** The frames received, parsed. */
  frames(): { type: string; [k: string]: unknown }[] {
    return this.received.map((f) => JSON.parse(f) as { type: string });
  }
}
