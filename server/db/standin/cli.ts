/**
 * Runs the stand-in as its own process, so several server processes can share one database and
 * a server killed with kill -9 does not take the data with it.
 *
 *   bun server/db/standin/cli.ts [--port 27099] [--host 127.0.0.1] [--quiet]
 *
 * Prints `mongodb://HOST:PORT` on the first stdout line once it accepts connections.
 */
import { parseArgs } from 'node:util';
import type { Logger } from './context.ts';
import { startStandin } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27099' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`standin: invalid --port ${values.port}`);
  process.exit(2);
}

const log: Logger = (level, msg, fields) => {
  if (values.quiet && level === 'info') return;
  // Logs go to stderr so stdout carries only the URI (scripts read its first line).
  console.error(`[standin] ${level} ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
};

const standin = await startStandin({ port, host: values.host, log });
console.log(standin.uri);
console.error('[standin] WARNING: data lives in memory only and is lost when this process stops.');

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log('info', 'stopping', { signal });
  standin.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('[standin] error while stopping', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
