// Boot: read configuration, start, and stop gracefully on SIGINT/SIGTERM (runtime.ts `stop`:
// in-flight work finishes within SHUTDOWN_GRACE_MS, sockets close with RESUME, then the database).
import { ConfigError, loadConfig } from './config';
import { startServer } from './runtime';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Phoenix Chat cannot start.\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const running = await startServer({ config });
  let signalled = false;
  const shutdown = (signal: string) => {
    // A second signal, or a stop that outlives its grace period by far, ends the process at once.
    if (signalled) process.exit(1);
    signalled = true;
    setTimeout(() => {
      running.ctx.log.error('shutdown took too long; exiting', { signal });
      process.exit(1);
    }, config.shutdownGraceMs + 15_000).unref();
    running.ctx.log.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        running.ctx.log.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Phoenix Chat failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
