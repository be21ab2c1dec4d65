// Bun's native pub/sub lives on the server object, and the server can only be created once its
// socket handlers exist, which need the hub. This is where that circle closes, once: the runtime
// binds the server right after Bun.serve and before any socket can connect. Until then there is
// no subscriber to reach, and delivery sends frame by frame in JS.
export interface TopicServer {
  publish(topic: string, data: string): unknown;
}

export class NativeTopics {
  private server: TopicServer | null = null;

  bind(server: TopicServer): void {
    if (this.server) throw new Error('native topics are bound to one server, once');
    this.server = server;
  }

  get bound(): boolean {
    return this.server !== null;
  }

  publish(topic: string, data: string): void {
    this.server?.publish(topic, data);
  }
}
