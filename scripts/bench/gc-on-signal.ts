// Preloaded into the server by the memory benchmark: SIGUSR2 runs a full garbage collection and
// prints the heap in use, so the bench compares collected states, not piles of garbage.
process.on('SIGUSR2', () => {
  Bun.gc(true);
  const { heapUsed, rss } = process.memoryUsage();
  process.stderr.write(`MEMORY heapUsed=${heapUsed} rss=${rss}\n`);
});
