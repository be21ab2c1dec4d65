/**
 * TCP front of the stand-in: frames bytes into commands, runs each one synchronously against
 * the shared store, writes the reply. A malformed frame closes only the connection it came on.
 */
import net from 'node:net';
import type { Logger } from './context.ts';
import { CursorRegistry } from './cursors.ts';
import { dispatch } from './dispatch.ts';
import { Store } from './storage.ts';
import { startTtlMonitor, sweepExpired } from './ttl.ts';
import { Framer } from './framer.ts';
import { WireError, encodeReply, parseFrame } from './wire.ts';

export interface StandinOptions {
  port?: number;
  host?: string;
  log?: Logger;
}

export interface Standin {
  port: number;
  uri: string;
  stop(): Promise<void>;
  /** Runs the TTL sweep now (tests use it instead of waiting for the 1 s timer). */
  sweepTtl(): void;
  /** Direct access for diagnostics and tests; application code must go through the driver. */
  readonly store: Store;
}

const silent: Logger = () => {};

/** A reply that cannot be serialized (too large, odd values) becomes an error reply, not a dead socket. */
function encodeSafely(reply: Record<string, unknown>, responseTo: number, legacy: boolean, log: Logger): Buffer {
  try {
    return encodeReply(reply, responseTo, legacy);
  } catch (err) {
    const errmsg = `standin could not encode the reply: ${err instanceof Error ? err.message : String(err)}`;
    log('error', 'standin: reply encoding failed', { error: errmsg });
    return encodeReply({ ok: 0, code: 10334, codeName: 'BSONObjectTooLarge', errmsg }, responseTo, legacy);
  }
}

export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? silent;
  const store = new Store();
  const cursors = new CursorRegistry();
  const sockets = new Set<net.Socket>();
  let nextConnectionId = 1;

  const server = net.createServer((socket) => {
    const connectionId = nextConnectionId++;
    sockets.add(socket);
    socket.setNoDelay(true);
    const framer = new Framer();

    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of framer.push(chunk)) {
          const request = parseFrame(frame);
          const reply = dispatch(request.command, { store, cursors, db: request.db, connectionId, log });
          if (!request.moreToCome) socket.write(encodeSafely(reply, request.header.requestId, request.legacy, log));
        }
      } catch (err) {
        // Never let one connection's trouble crash the process the other clients depend on.
        const malformed = err instanceof WireError;
        log(malformed ? 'warn' : 'error', `standin: closing connection after ${malformed ? 'malformed message' : 'internal error'}`, {
          connectionId,
          error: err instanceof Error ? err.message : String(err),
        });
        framer.reset();
        socket.destroy();
      }
    });
    // Client resets are routine (killed test processes); never let them crash the server.
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('standin: could not determine listening port');
  const port = address.port;
  const stopTtl = startTtlMonitor(store, () => cursors.reapIdle());
  log('info', 'standin: listening', { host, port });

  let stopped: Promise<void> | undefined;
  return {
    port,
    uri: `mongodb://${host}:${port}`,
    store,
    sweepTtl: () => {
      sweepExpired(store);
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        stopTtl();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
