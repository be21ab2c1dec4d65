// Direct sends wait for the end of the turn, then go out corked: one write per socket per turn.
//
// Why: a Bun `send` outside a socket handler (in a promise continuation, which is where every
// stored message is delivered) writes at once, one syscall per frame. A batch of 32 messages of
// one chat gave its visitor 64 writes (32 copies, 32 acks); measured in the fan-out bench, those
// writes were a quarter of the server's main-thread time, more than the native publishes to 200
// agent sockets (which uWS already batches per socket). Corked, the batch is one write.
//
// The turn ends after its promise chains settle, not at its first microtask checkpoint: a stored
// message reaches its visitor twice, as the copy (during the publish) and as the ack (a few promise
// hops later, services/messages.ts → message-sends.ts). Flushed in a microtask, the copy left
// alone and the ack went in a second write: measured at 1,000 msg/s over 50 chats, 2 writes per
// visitor message. Flushed by setImmediate, after the microtasks, both share one write, and so do
// frames of the loop's other callbacks of the same tick.
//
// Order: a socket's own frames keep their order (one queue per socket). Native topic publishes
// bypass the queue, so before one goes out the registry asks for every socket subscribed to that
// topic to be flushed first (`flushSubscribers`): a frame sent before a publish still arrives
// before it. A close flushes the socket's queue before the close frame.

/** A socket that keeps frames for the turn's flush (backpressure.ts's BoundedSocket). */
export interface Flushable {
  flush(): void;
  isSubscribed(topic: string): boolean;
}

export class SocketOutbox {
  private readonly dirty = new Set<Flushable>();
  private scheduled = false;
  private readonly flushAllNow = () => this.flushAll();

  /** `socket` has frames waiting: flush it at the end of this turn. */
  add(socket: Flushable): void {
    this.dirty.add(socket);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flushAllNow);
  }

  /** Before a native publish on `topic`: the frames its subscribers were sent earlier go first. */
  flushSubscribers(topic: string): void {
    for (const socket of this.dirty) {
      if (!socket.isSubscribed(topic)) continue;
      this.dirty.delete(socket);
      socket.flush();
    }
  }

  /** A socket flushed on its own (a close): nothing left to do for it at the end of the turn. */
  forget(socket: Flushable): void {
    this.dirty.delete(socket);
  }

  flushAll(): void {
    this.scheduled = false;
    for (const socket of this.dirty) {
      this.dirty.delete(socket);
      socket.flush();
    }
  }
}
