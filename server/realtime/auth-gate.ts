// At most so many visitor token checks at once. After a deploy or a network blip every widget
// reconnects at the same moment; thousands of lookups in flight together (each a few database
// reads with their buffers, promises and driver requests) raise the process's memory high-water
// by tens of KB per socket, and that memory is not given back once the sockets sit idle — the
// idle-memory bench measured ~24 KB per socket from 2,000 simultaneous checks. Waiting in line
// costs a closure each; the database answers no slower for taking them a few dozen at a time.
export class AuthGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (running stays counted).
      if (next) next();
      else this.running--;
    }
  }

  get inFlight(): number {
    return this.running;
  }
}
