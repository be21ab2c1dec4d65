// Boot: read configuration, start, and stop gracefully on SIGINT/SIGTERM.
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
  const shutdown = (signal: string) => {
    running.ctx.log.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        running.ctx.log.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Phoenix Chat failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
