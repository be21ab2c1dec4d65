/**
 * Runs the stand-in as its own process, so several server processes can share one database and
 * a server killed with kill -9 does not take the data with it.
 *
 *   bun server/db/standin/cli.ts [--port 27099] [--host 127.0.0.1] [--data-dir DIR] [--quiet]
 *
 * With --data-dir it is durable (journal + snapshots in DIR, restored on start); without it,
 * memory only. Prints `mongodb://HOST:PORT` on the first stdout line once it accepts connections.
 */
import { parseArgs } from 'node:util';
import type { Logger } from './context.ts';
import { type Standin, startStandin } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27099' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
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

/** Filled in once started; a holder because the signal handlers exist before the stand-in does. */
const running: { standin?: Standin } = {};
let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log('info', 'stopping', { signal });
  // A signal during start-up: nothing to flush yet, the lock is taken over as stale later.
  if (!running.standin) process.exit(0);
  running.standin.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('[standin] error while stopping', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

// Handlers first: a parent may signal as soon as it has read the URI line.
const dataDir = values['data-dir'];
const standin = await startStandin({ port, host: values.host, log, ...(dataDir ? { dataDir } : {}) });
running.standin = standin;
console.log(standin.uri);
if (standin.dataDir) console.error(`[standin] data is durable in ${standin.dataDir} (journaled to disk before each write is acknowledged).`);
else console.error('[standin] WARNING: data lives in memory only and is lost when this process stops (pass --data-dir DIR to keep it).');

