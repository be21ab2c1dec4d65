// The per-socket serial queue (see socket-server.ts): each socket's frames are answered one after
// another in arrival order; all sockets together are counted, so shutdown can wait for them.

/** A socket with this many frames waiting is sending faster than it is answered: refuse more. */
export const MAX_QUEUED_FRAMES = 256;

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
  enqueue(slot: QueueSlot, task: () => Promise<void>, onError: (err: unknown) => void): boolean {
    if (this.draining || (slot.queued ?? 0) >= MAX_QUEUED_FRAMES) return false;
    slot.queued = (slot.queued ?? 0) + 1;
    this.running++;
    const run = () =>
      task()
        .catch(onError)
        .finally(() => {
          slot.queued = (slot.queued ?? 1) - 1;
          if (--this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
        });
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
