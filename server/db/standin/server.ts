/**
 * TCP front of the stand-in: frames bytes into commands, runs each one synchronously against
 * the shared store, writes the reply. A malformed frame closes only the connection it came on.
 *
 * With a `dataDir` the store is durable (persistence.ts): state is restored from the directory
 * before the port opens, and each reply waits until the journal records it depends on are on
 * disk. Without one, everything lives in memory and replies go out at once (tests).
 */
import net from 'node:net';
import path from 'node:path';
import type { Logger } from './context.ts';
import { CursorRegistry } from './cursors.ts';
import { handle } from './dispatch.ts';
import { Persistence } from './persistence.ts';
import { Store } from './storage.ts';
import { startTtlMonitor, sweepExpired } from './ttl.ts';
import { Framer } from './framer.ts';
import { offerLocalLanes, type LocalLane } from './local-lane.ts';
import type { Doc } from './values.ts';
import { FLAG_MORE_TO_COME, WireError, encodeReply, parseFrame } from './wire.ts';

export interface StandinOptions {
  port?: number;
  host?: string;
  log?: Logger;
  /** Persist to this directory (journal + snapshots, locked); omitted: memory only. */
  dataDir?: string;
  /** Durable mode: extra milliseconds a journal batch waits for more commands (default 0). */
  groupCommitMs?: number;
  /** Durable mode: journal size that triggers compaction into a snapshot (default 32 MiB). */
  compactAtBytes?: number;
  /** Durable mode: how long a record nobody waits for may stay unwritten (default 20 ms; tests). */
  lazyWriteMs?: number;
}

export interface Standin {
  port: number;
  uri: string;
  /** Absolute data directory in durable mode; undefined when memory-only. */
  dataDir: string | undefined;
  /** Clean stop; in durable mode also flushes, compacts and releases the data dir's lock. */
  stop(): Promise<void>;
  /** Durable mode: writes a snapshot now and starts a new journal (no-op when memory-only). */
  compact(): Promise<void>;
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

interface Shared {
  store: Store;
  cursors: CursorRegistry;
  log: Logger;
  persistence: Persistence | undefined;
}

/** One client connection as the command path sees it: a socket, or a lane (local-lane.ts). */
interface Peer {
  readonly id: number;
  /** Gone: replies still owed are dropped. */
  readonly gone: boolean;
  write(bytes: Buffer): void;
}

/**
 * A write sent with `writeConcern: { j: false }` is answered once applied, as mongod answers it,
 * without waiting for its journal record. Its record still goes to disk in order, so a later
 * journaled reply covers it (the message writer's seq step relies on exactly that: repos/
 * message-batches.ts).
 */
const unjournaled = (command: Doc): boolean => (command.writeConcern as Doc | undefined)?.j === false;

/** Runs one whole wire message of `peer` and sends its reply (after the journal, when durable). Throws WireError. */
function serveFrame(frame: Buffer, peer: Peer, shared: Shared): void {
  const { store, cursors, log, persistence } = shared;
  const request = parseFrame(frame, persistence !== undefined);
  const ctx = { store, cursors, db: request.db, connectionId: peer.id, log };
  const send = (reply: Doc): void => {
    if (request.moreToCome) return;
    const bytes = encodeSafely(reply, request.header.requestId, request.legacy, log);
    if (!persistence || unjournaled(request.command)) peer.write(bytes);
    // Held until the journal records it may depend on are on disk; released in order.
    else persistence.afterDurable(() => peer.gone || peer.write(bytes));
  };
  if (persistence) persistence.run(() => handle(request.command, ctx, peer, send));
  else handle(request.command, ctx, peer, send);
}

/** Never let one connection's trouble crash the process the other clients depend on. */
function logDropped(log: Logger, connectionId: number, err: unknown): void {
  const malformed = err instanceof WireError;
  log(malformed ? 'warn' : 'error', `standin: closing connection after ${malformed ? 'malformed message' : 'internal error'}`, {
    connectionId,
    error: err instanceof Error ? err.message : String(err),
  });
}

function serveConnection(socket: net.Socket, connectionId: number, shared: Shared): void {
  socket.setNoDelay(true);
  const framer = new Framer();
  const peer: Peer = {
    id: connectionId,
    get gone() {
      return socket.destroyed;
    },
    write: (bytes) => void socket.write(bytes),
  };
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const frame of framer.push(chunk)) serveFrame(frame, peer, shared);
    } catch (err) {
      logDropped(shared.log, connectionId, err);
      framer.reset();
      socket.destroy();
    }
  });
  // Client resets are routine (killed test processes); never let them crash the server.
  socket.on('error', () => {});
}

/** A lane of this process into the stand-in: a connection without a socket (local-lane.ts). */
class Lane implements LocalLane, Peer {
  private closed = false;
  /**
   * Replies by the request id they answer (the header's responseTo), not by arrival: a write
   * sent `j: false` is answered at once, ahead of an earlier write still waiting for the journal.
   */
  private readonly waiting = new Map<number, { onReply: (reply: Buffer) => void; onError: (err: Error) => void }>();

  constructor(
    readonly id: number,
    private readonly shared: Shared,
    private readonly usable: () => boolean,
  ) {}

  get open(): boolean {
    return !this.closed && this.usable();
  }

  get gone(): boolean {
    return !this.open;
  }

  request(message: Uint8Array, onReply: (reply: Buffer) => void, onError: (err: Error) => void): void {
    if (!this.open) return onError(new Error('standin: lane closed'));
    const frame = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    // A message flagged moreToCome gets no reply.
    const moreToCome = frame.length >= 20 && (frame.readUInt32LE(16) & FLAG_MORE_TO_COME) !== 0;
    if (!moreToCome && frame.length >= 8) this.waiting.set(frame.readInt32LE(4), { onReply, onError });
    try {
      serveFrame(frame, this, this.shared);
    } catch (err) {
      logDropped(this.shared.log, this.id, err);
      this.drop(err instanceof Error ? err : new Error(String(err)));
    }
  }

  write(bytes: Buffer): void {
    const responseTo = bytes.readInt32LE(8);
    const waiting = this.waiting.get(responseTo);
    this.waiting.delete(responseTo);
    waiting?.onReply(bytes);
  }

  /** Ends the lane: every request still owed a reply gets `err` (as a socket's close would tell its client). */
  drop(err: Error): void {
    this.closed = true;
    const owed = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of owed) w.onError(err);
  }
}

async function listen(server: net.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('standin: could not determine listening port');
  return address.port;
}

async function openDurable(opts: StandinOptions, store: Store, log: Logger, onFatal: () => void): Promise<Persistence> {
  const dir = path.resolve(opts.dataDir as string);
  const started = Date.now();
  const persistence = await Persistence.open({
    dir,
    store,
    log,
    ...(opts.groupCommitMs !== undefined ? { groupCommitMs: opts.groupCommitMs } : {}),
    ...(opts.compactAtBytes !== undefined ? { compactAtBytes: opts.compactAtBytes } : {}),
    ...(opts.lazyWriteMs !== undefined ? { lazyWriteMs: opts.lazyWriteMs } : {}),
    onFatal,
  });
  const r = persistence.recovered;
  log('info', 'standin: restored from disk', { dir, documents: r.documents, journalRecords: r.journalRecords, gen: r.gen, ms: Date.now() - started });
  if (r.torn) log('warn', 'standin: dropped a torn journal record left by a crash (it was never acknowledged)', { where: r.torn });
  return persistence;
}

export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? silent;
  const store = new Store();
  const cursors = new CursorRegistry();
  const sockets = new Set<net.Socket>();
  let nextConnectionId = 1;
  const lanes = new Set<Lane>();
  const dropClients = (): void => {
    for (const s of sockets) s.destroy();
    for (const lane of lanes) lane.drop(new Error('standin: stopped'));
    lanes.clear();
  };
  // A journal that cannot be written means nothing more can be acknowledged: behave like a
  // crashed mongod (connections drop, new ones are refused) rather than lie.
  let fatal = false;
  const persistence = opts.dataDir === undefined ? undefined : await openDurable(opts, store, log, () => ((fatal = true), dropClients()));
  const shared: Shared = { store, cursors, log, persistence };

  let stopping = false;
  const server = net.createServer((socket) => {
    if (fatal) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, nextConnectionId++, shared);
  });
  let port: number;
  try {
    port = await listen(server, opts.port ?? 0, host);
  } catch (err) {
    await persistence?.close();
    throw err;
  }
  const sweep = (): void => {
    if (persistence) persistence.run(() => sweepExpired(store));
    else sweepExpired(store);
  };
  const stopTtl = startTtlMonitor(sweep, () => cursors.reapIdle());
  const withdrawLanes = offerLocalLanes(host, port, () => {
    const lane = new Lane(nextConnectionId++, shared, () => !fatal && !stopping);
    lanes.add(lane);
    return lane;
  });
  log('info', 'standin: listening', { host, port, ...(persistence ? { dataDir: persistence.dir } : { memoryOnly: true }) });

  let stopped: Promise<void> | undefined;
  return {
    port,
    uri: `mongodb://${host}:${port}`,
    dataDir: persistence?.dir,
    store,
    sweepTtl: sweep,
    compact: async () => {
      await persistence?.compact();
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        stopping = true;
        withdrawLanes();
        stopTtl();
        dropClients();
        server.close(() => resolve());
      }).then(() => persistence?.close());
      return stopped;
    },
  };
}
