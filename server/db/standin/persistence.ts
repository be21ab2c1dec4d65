/**
 * Durable mode of the stand-in: a write-ahead journal, group commit, compaction into snapshots.
 *
 * What is journaled: the logical effect of each write — whole documents put or deleted,
 * collections and indexes created or dropped (storage.ts `Change`) — not the commands. Commands
 * are not deterministic (generated ObjectIds on upsert, `$currentDate`/`$$NOW`, TTL sweeps that
 * depend on the clock, `$out` over the whole state) and their outcome depends on the stand-in's
 * query/update code, which keeps evolving; replaying effects restores exactly what was
 * acknowledged, with no query evaluation (fast) and no way to diverge.
 *
 * One record per command (every change it made, one checksum), so a command is restored whole
 * or not at all. Acknowledgement: the server holds each reply until every record sealed before
 * it is on disk (`afterDurable`) — a read that saw a not-yet-durable write waits too, so no
 * client is told about data a crash could still take back. Group commit: records sealed while
 * a write+fdatasync is in flight (or within `groupCommitMs` of the first one) go out together
 * in one write and one fdatasync, and then all their replies are sent.
 *
 * Records nobody waits for (a write sent with `writeConcern: { j: false }`, a TTL sweep) do not
 * start a write of their own: they go with the next record someone waits for, or after
 * `LAZY_WRITE_MS` — as mongod journals j:false writes within its commit interval. So the message
 * writer's seq step and its insert right after (repos/message-batches.ts) share one fdatasync
 * even when they come on separate event-loop turns over a socket.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from './context.ts';
import { fsyncDir, fsyncDirSync, journalName, removeQuietly, snapshotName, writeAll } from './files.ts';
import { acquireLock } from './lock.ts';
import { JOURNAL_MAGIC, encodeChanges } from './records.ts';
import { recover, type Recovered } from './recovery.ts';
import { captureView, writeSnapshot } from './snapshot.ts';
import type { Change, Store } from './storage.ts';

/** How long a record nobody waits for may stay unwritten, by default (mongod's j:false window is 100 ms). */
const LAZY_WRITE_MS = 20;

export interface PersistenceOptions {
  /** Absolute path of the data directory (created if missing). */
  dir: string;
  store: Store;
  log: Logger;
  /** Extra wait before a batch is written, to gather more commands (default 0: see header). */
  groupCommitMs?: number;
  /** How long a record nobody waits for may stay unwritten (default LAZY_WRITE_MS; tests). */
  lazyWriteMs?: number;
  /** Compact once the journal is this large (and at least half the snapshot's size). Default 32 MiB. */
  compactAtBytes?: number;
  /** The journal cannot be written: nothing more can be acknowledged. */
  onFatal?: (err: Error) => void;
}

interface JournalFile {
  gen: number;
  handle: FileHandle;
  size: number;
}

const DEFAULT_COMPACT_AT = 32 * 1024 * 1024;

/** Opens (creating or cutting back to its intact length) the journal new records go to. */
function openJournalSync(dir: string, gen: number, validBytes: number): { fd: number; size: number } {
  const file = path.join(dir, journalName(gen));
  const fresh = validBytes === 0;
  const fd = fs.openSync(file, fresh ? 'w' : 'r+');
  if (fresh) fs.writeSync(fd, JOURNAL_MAGIC, 0, JOURNAL_MAGIC.length, 0);
  // A torn tail must go before anything is appended, or it would sit mid-file as "corruption".
  else fs.ftruncateSync(fd, validBytes);
  fs.fsyncSync(fd);
  fsyncDirSync(dir);
  return { fd, size: fresh ? JOURNAL_MAGIC.length : validBytes };
}

export class Persistence {
  private file: JournalFile;
  private snapshotBytes: number;
  private pending: Buffer[] = [];
  private collected: Change[] = [];
  private depth = 0;
  private sealQueued = false;
  private appended = 0;
  private durable = 0;
  private waiters: Array<{ seq: number; send: () => void }> = [];
  private afterRun: Array<() => void> = [];
  private loop: Promise<void> | undefined;
  /** Set while records nobody waits for are pending and no write is under way (see the header). */
  private lazyWrite: ReturnType<typeof setTimeout> | undefined;
  private compacting: Promise<void> | undefined;
  private nextCompactAt: number;
  private failed: Error | undefined;
  private closing: Promise<void> | undefined;
  /** Set by compact(): rotation only ever runs inside the write loop, never beside it. */
  private rotateRequested = false;

  private constructor(
    private readonly opts: PersistenceOptions,
    private readonly releaseLock: () => void,
    file: JournalFile,
    readonly recovered: Recovered,
  ) {
    this.file = file;
    this.snapshotBytes = recovered.snapshotBytes;
    this.nextCompactAt = opts.compactAtBytes ?? DEFAULT_COMPACT_AT;
    opts.store.changes = (change) => this.collect(change);
  }

  /** Locks `dir`, restores its state into `store` (which must be empty) and starts journaling. */
  static async open(opts: PersistenceOptions): Promise<Persistence> {
    fs.mkdirSync(opts.dir, { recursive: true });
    const release = acquireLock(opts.dir);
    try {
      const recovered = recover(opts.store, opts.dir);
      const { fd, size } = openJournalSync(opts.dir, recovered.gen, recovered.journalBytes);
      const handle = await fs.promises.open(path.join(opts.dir, journalName(recovered.gen)), 'r+');
      fs.closeSync(fd);
      return new Persistence(opts, release, { gen: recovered.gen, handle, size }, recovered);
    } catch (err) {
      release();
      throw err;
    }
  }

  get dir(): string {
    return this.opts.dir;
  }

  /** Runs one command; whatever it changed becomes one journal record. */
  run<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0) {
        this.seal();
        for (const send of this.afterRun.splice(0)) this.afterDurable(send);
      }
    }
  }

  /**
   * Calls `send` once every record sealed so far is on disk (at once if they already are).
   * Called inside `run`, it waits for that command's own record, sealed when `run` returns.
   */
  afterDurable(send: () => void): void {
    if (this.depth > 0) {
      this.afterRun.push(send);
      return;
    }
    this.seal();
    if (this.durable >= this.appended) send();
    else if (!this.failed) {
      this.waiters.push({ seq: this.appended, send });
      this.startWriting(true);
    }
  }

  /** Starts the write loop now (someone waits), or within LAZY_WRITE_MS (nobody does yet). */
  private startWriting(now: boolean): void {
    if (this.loop) return; // it takes whatever is pending before it ends
    if (now) {
      clearTimeout(this.lazyWrite);
      this.lazyWrite = undefined;
      this.loop = this.writeLoop();
      return;
    }
    this.lazyWrite ??= setTimeout(() => {
      this.lazyWrite = undefined;
      this.loop ??= this.writeLoop();
    }, this.opts.lazyWriteMs ?? LAZY_WRITE_MS);
  }

  /** Resolves when everything changed so far is on disk. */
  flush(): Promise<void> {
    this.seal();
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve) => this.afterDurable(resolve));
  }

  private collect(change: Change): void {
    this.collected.push(change);
    // Changes made outside `run` (diagnostics, tests poking the store) still get sealed.
    if (this.depth === 0 && !this.sealQueued) {
      this.sealQueued = true;
      queueMicrotask(() => this.seal());
    }
  }

  private seal(): void {
    this.sealQueued = false;
    if (this.failed) this.collected = []; // nothing can reach the disk any more; do not pile up
    if (this.collected.length === 0) return;
    const record = encodeChanges(this.collected);
    this.collected = [];
    this.pending.push(record);
    this.appended++;
    this.startWriting(false);
  }

  private async writeLoop(): Promise<void> {
    try {
      // Let the rest of this event-loop turn (other sockets' commands) join the first batch.
      await new Promise((resolve) => (this.opts.groupCommitMs ? setTimeout(resolve, this.opts.groupCommitMs) : setImmediate(resolve)));
      while ((this.pending.length > 0 || this.rotateRequested) && !this.failed) {
        if (this.pending.length > 0) await this.writeBatch(this.pending.splice(0), this.appended);
        if (this.rotateRequested || this.shouldCompact()) {
          this.rotateRequested = false;
          await this.compacting;
          await this.rotate();
        }
        if (this.opts.groupCommitMs && this.pending.length > 0) await new Promise((r) => setTimeout(r, this.opts.groupCommitMs));
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.loop = undefined;
    }
    // A record sealed between the last check and `finally` must not be stranded.
    if ((this.pending.length > 0 || this.rotateRequested) && !this.failed) this.startWriting(this.waiters.length > 0 || this.rotateRequested);
  }

  private async writeBatch(records: Buffer[], upTo: number): Promise<void> {
    if (records.length > 0) {
      const batch = records.length === 1 ? (records[0] as Buffer) : Buffer.concat(records);
      await writeAll(this.file.handle, batch, this.file.size);
      await this.file.handle.datasync();
      this.file.size += batch.length;
    }
    this.durable = upTo;
    let released = 0;
    while (released < this.waiters.length && (this.waiters[released] as { seq: number }).seq <= upTo) released++;
    for (const w of this.waiters.splice(0, released)) w.send();
  }

  private shouldCompact(): boolean {
    // Also ≥ half the snapshot: rewriting a big state for every few MB would dwarf the writes.
    return !this.compacting && this.file.size >= this.nextCompactAt && this.file.size >= this.snapshotBytes / 2;
  }

  /**
   * Switches to journal gen+1 at a point where the captured state is exactly "everything in
   * journal gen", then writes snapshot gen+1 in the background. Crash-safe at each step: until
   * the snapshot's rename, recovery uses the old snapshot plus both journals.
   */
  private async rotate(): Promise<void> {
    this.seal();
    const view = captureView(this.opts.store);
    await this.writeBatch(this.pending.splice(0), this.appended);
    const old = this.file;
    const gen = old.gen + 1;
    const { fd, size } = openJournalSync(this.opts.dir, gen, 0);
    fs.closeSync(fd);
    this.file = { gen, handle: await fs.promises.open(path.join(this.opts.dir, journalName(gen)), 'r+'), size };
    await old.handle.close();
    const started = Date.now();
    this.compacting = writeSnapshot(this.opts.dir, gen, view)
      .then(async (bytes) => {
        this.snapshotBytes = bytes;
        removeQuietly(this.opts.dir, [journalName(old.gen), snapshotName(old.gen)]);
        await fsyncDir(this.opts.dir);
        this.opts.log('info', 'standin: compacted the journal into a snapshot', { gen, bytes, ms: Date.now() - started });
      })
      .catch((err: unknown) => {
        // The journals still hold every change; try again after another threshold's worth.
        this.nextCompactAt = this.file.size + (this.opts.compactAtBytes ?? DEFAULT_COMPACT_AT);
        this.opts.log('error', 'standin: compaction failed (journals kept)', { error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /** Forces a compaction now (tests, benchmarks); resolves once the snapshot is in place. */
  async compact(): Promise<void> {
    this.seal();
    this.rotateRequested = true;
    this.loop ??= this.writeLoop();
    while (this.loop !== undefined) await this.loop;
    await this.compacting;
    if (this.failed) throw this.failed;
  }

  private fail(err: Error): void {
    this.failed = err;
    this.waiters = [];
    this.pending = [];
    this.opts.log('error', 'standin: journal write failed — no further writes can be acknowledged', { dir: this.opts.dir, error: err.message });
    this.opts.onFatal?.(err);
  }

  /** Clean stop: flush, compact what the journal holds into a snapshot, release the lock. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // Detach first: from here on nothing can start the write loop again, so the final
      // rotation below cannot run beside it.
      this.seal();
      this.opts.store.changes = undefined;
      if (this.pending.length > 0) this.startWriting(true);
      while (this.loop !== undefined) await this.loop;
      await this.compacting;
      try {
        if (!this.failed && this.file.size > JOURNAL_MAGIC.length) {
          await this.rotate();
          await this.compacting;
        }
      } finally {
        await this.file.handle.close().catch(() => {});
        this.releaseLock();
      }
    })();
    return this.closing;
  }
}
