// A bare OP_MSG connection for the message writer's two commands per batch (repos/message-batches.ts).
//
// Why: measured on this project's machines, the driver spends 80–130 µs of CPU per command under
// Bun (server selection, pool checkout, an implicit session, timeout objects, node:net streams)
// where the round trip itself costs about 20 µs: half of the server's CPU per message went there.
// This sends the same commands, serialized with the driver's own BSON, over one Bun socket
// (native, no node:net), with requests pipelined and matched to replies by id.
//
// When: only where nothing about the connection needs the driver — one host, no credentials, no
// TLS, no replica-set discovery (the stand-in, a local mongod). Everywhere else, and as soon as
// anything unexpected happens (a reply that says "not primary", a refused connection), the
// writer goes back to the driver for good: `usable` turns false and `command` is not called again.
//
// When that host is a stand-in of this very process (`npm start`), the same bytes go through a
// lane into it instead of a socket (standin/local-lane.ts): no loopback TCP inside one process.
import { BSON, type MongoClient } from 'mongodb';
import type { Socket } from 'bun';
import { openLocalLane, type LocalLane } from './standin/local-lane';

const OP_MSG = 2013;
const HEADER_BYTES = 16;
/** Codes that mean this host should not take writes (a replica set member that is not primary). */
const NOT_WRITABLE = new Set([10107, 13435, 11600, 11602, 189, 91]);

interface Waiting {
  resolve(reply: Record<string, unknown>): void;
  reject(err: Error): void;
}

export interface HotWire {
  /** Whether commands may go this way (false once anything went wrong: use the driver). */
  readonly usable: boolean;
  command(cmd: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

/** The connection's single host when nothing else about it needs the driver, else null. */
export function plainHost(client: MongoClient): { host: string; port: number } | null {
  if (process.env.PHOENIX_HOT_WIRE === 'off') return null;
  const options = client.options as unknown as {
    hosts: { host?: string; port?: number; socketPath?: string }[];
    credentials?: unknown;
    tls?: boolean;
    srvHost?: string;
    replicaSet?: string;
    compressors?: string[];
  };
  if (options.hosts.length !== 1 || options.credentials || options.tls || options.srvHost || options.replicaSet) return null;
  if ((options.compressors ?? []).some((c) => c !== 'none')) return null;
  const [only] = options.hosts;
  if (!only?.host || !only.port) return null;
  return { host: only.host, port: only.port };
}

/** The hot wire to `target`: a lane when it is a stand-in of this process (unless `socket`), else a socket. */
export function createHotWire(target: { host: string; port: number }, dbName: string, opts: { socket?: boolean } = {}): HotWire {
  const lane = opts.socket ? null : openLocalLane(target.host, target.port);
  return lane ? new LaneHotWire(lane, dbName) : new HotWireConnection(target, dbName);
}

/** The OP_MSG header plus a kind-0 section holding `body`, as one buffer. */
function opMsg(id: number, body: Uint8Array): Uint8Array {
  const message = new Uint8Array(HEADER_BYTES + 5 + body.length);
  const view = new DataView(message.buffer);
  view.setInt32(0, message.length, true);
  view.setInt32(4, id, true);
  view.setInt32(8, 0, true);
  view.setInt32(12, OP_MSG, true);
  view.setUint32(16, 0, true); // flagBits
  message[20] = 0; // section kind 0: the command body
  message.set(body, 21);
  return message;
}

/** `cmd` on database `dbName` as one OP_MSG with request id `id`. */
const commandMessage = (id: number, cmd: Record<string, unknown>, dbName: string): Uint8Array => opMsg(id, BSON.serialize({ ...cmd, $db: dbName }));

/** The request id after `id`: 1, 2, … and back to 1 past the int32 range. */
const nextRequestId = (id: number): number => (id >= 0x7fffffff ? 1 : id + 1);

/** The reply document of an OP_MSG reply frame, or null when the frame is not one. */
function replyDocument(frame: Buffer): Record<string, unknown> | null {
  if (frame.readInt32LE(12) !== OP_MSG || frame[20] !== 0) return null;
  return BSON.deserialize(frame.subarray(21)) as Record<string, unknown>;
}

/** A reply saying this host takes no writes: the error to throw (and the wire gives up), else null. */
function notWritable(answer: Record<string, unknown>): Error | null {
  if (answer.ok === 1 || !NOT_WRITABLE.has(Number(answer.code))) return null;
  return Object.assign(new Error(String(answer.errmsg)), { code: answer.code, retryWithDriver: true });
}

/** The hot wire through a lane into this process's stand-in. */
class LaneHotWire implements HotWire {
  private closed = false;
  private nextId = 1;

  constructor(
    private readonly lane: LocalLane,
    private readonly dbName: string,
  ) {}

  get usable(): boolean {
    return !this.closed && this.lane.open;
  }

  async command(cmd: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.nextId;
    this.nextId = nextRequestId(id);
    const message = commandMessage(id, cmd, this.dbName);
    const frame = await new Promise<Buffer>((resolve, reject) => this.lane.request(message, resolve, reject));
    const answer = replyDocument(frame);
    if (!answer) {
      this.closed = true;
      throw new Error('unexpected reply on the hot wire');
    }
    const refused = notWritable(answer);
    if (refused) {
      this.closed = true;
      throw refused;
    }
    return answer;
  }

  close(): void {
    this.closed = true;
  }
}

class HotWireConnection implements HotWire {
  private socket: Socket<undefined> | null = null;
  private connecting: Promise<Socket<undefined>> | null = null;
  private open = true;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  // What the socket did not take yet (Bun writes can be partial): sent on drain, in order.
  private unsent: Uint8Array[] = [];
  private inbox: Buffer = Buffer.alloc(0);

  constructor(
    private readonly target: { host: string; port: number },
    private readonly dbName: string,
  ) {}

  get usable(): boolean {
    return this.open;
  }

  async command(cmd: Record<string, unknown>): Promise<Record<string, unknown>> {
    const s = await this.connect();
    const id = this.nextId;
    this.nextId = nextRequestId(id);
    const message = commandMessage(id, cmd, this.dbName);
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.unsent.push(message);
    if (this.unsent.length === 1) this.flush(s);
    const answer = await reply;
    const refused = notWritable(answer);
    if (refused) {
      this.giveUp(new Error(`hot wire: ${refused.message}`));
      throw refused;
    }
    return answer;
  }

  close(): void {
    this.open = false;
    this.socket?.end();
    this.socket = null;
  }

  private rejectAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  private giveUp(err: Error): void {
    this.rejectAll(err);
    this.close();
  }

  private flush(s: Socket<undefined>): void {
    while (this.unsent.length > 0) {
      const head = this.unsent[0]!;
      const written = s.write(head);
      if (written < head.length) {
        this.unsent[0] = head.subarray(Math.max(written, 0));
        return;
      }
      this.unsent.shift();
    }
  }

  private onData(chunk: Buffer): void {
    this.inbox = this.inbox.length === 0 ? chunk : Buffer.concat([this.inbox, chunk]);
    while (this.inbox.length >= HEADER_BYTES) {
      const length = this.inbox.readInt32LE(0);
      if (this.inbox.length < length) return;
      const frame = this.inbox.subarray(0, length);
      this.inbox = this.inbox.subarray(length);
      this.answer(frame);
    }
  }

  private answer(frame: Buffer): void {
    const responseTo = frame.readInt32LE(8);
    const w = this.waiting.get(responseTo);
    if (!w) return;
    this.waiting.delete(responseTo);
    // OP_MSG reply: header, flagBits, then section kind 0 with the reply document.
    const answer = replyDocument(frame);
    if (answer) w.resolve(answer);
    else w.reject(new Error('unexpected reply on the hot wire'));
  }

  private onClose(): void {
    this.socket = null;
    this.inbox = Buffer.alloc(0);
    this.unsent = [];
    this.rejectAll(new Error('hot wire closed'));
  }

  private connect(): Promise<Socket<undefined>> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= Bun.connect<undefined>({
      hostname: this.target.host,
      port: this.target.port,
      socket: {
        data: (_s, chunk) => this.onData(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
        drain: (s) => this.flush(s),
        close: () => this.onClose(),
        error: (_s, err) => this.giveUp(err),
      },
    }).then(
      (s) => {
        s.setNoDelay?.(true);
        this.socket = s;
        this.connecting = null;
        return s;
      },
      (err: Error) => {
        this.connecting = null;
        this.giveUp(err);
        throw err;
      },
    );
    return this.connecting;
  }
}
