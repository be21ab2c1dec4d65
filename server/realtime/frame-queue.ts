// The per-socket serial queue (see socket-server.ts): each socket's frames are answered one after
// another in arrival order; all sockets together are counted, so shutdown can wait for them.

/** A socket with this many frames waiting is sending faster than it is answered: refuse more. */
export const MAX_QUEUED_FRAMES = 256;

/**
 * What a frame's task may resolve with: its turn is over (the next frame of the socket may run)
 * but its answer is still to come. A sent message is the case: once it has its place in the
 * message writer's queue its order is fixed, so the socket's next message need not wait for the
 * write, and several messages of one socket share a batch (services/message-writer.ts).
 */
export interface LaterAnswer {
  pending: Promise<void>;
}

export interface QueueSlot {
  /** The tail of this socket's queue. */
  tail?: Promise<void>;
  /** Frames queued and not yet answered. */
  queued?: number;
}

export class FrameQueues {
  private draining = false;
  private running = 0;
  private idle: (() => void)[] = [];

  get inFlight(): number {
    return this.running;
  }

  get accepting(): boolean {
    return !this.draining;
  }

  /** Queues `task` behind the slot's earlier ones; false when the slot is full (or draining). */
  enqueue(slot: QueueSlot, task: () => Promise<void | LaterAnswer>, onError: (err: unknown) => void): boolean {
    if (this.draining || (slot.queued ?? 0) >= MAX_QUEUED_FRAMES) return false;
    slot.queued = (slot.queued ?? 0) + 1;
    this.running++;
    // A frame counts as queued (MAX_QUEUED_FRAMES) and in flight (drain) until it is answered,
    // even when its turn ended earlier.
    const done = () => {
      slot.queued = (slot.queued ?? 1) - 1;
      // An idle socket keeps no settled promise (every turn is over when nothing is queued).
      if (slot.queued === 0) slot.tail = undefined;
      if (--this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
    const run = () =>
      task().then(
        (answer) => {
          if (answer) void answer.pending.catch(onError).finally(done);
          else done();
        },
        (err: unknown) => {
          onError(err);
          done();
        },
      );
    slot.tail = (slot.tail ?? Promise.resolve()).then(run);
    return true;
  }

  /** Takes no more; resolves true once every queued task ran, false at `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idle = this.idle.filter((r) => r !== done);
        resolve(false);
      }, timeoutMs);
      this.idle.push(done);
    });
  }
}
