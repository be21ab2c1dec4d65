/**
 * Server-side cursors for find/aggregate/listCollections/listIndexes. Results are materialized
 * when the command runs (documents are immutable snapshots, see storage.ts), and handed out in
 * batches by getMore. Idle cursors are reaped like mongod's 10-minute cursor timeout.
 */
import { Long } from 'bson';
import { CommandError, Codes } from './errors.ts';
import type { Doc } from './values.ts';

const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_FIRST_BATCH = 101;
/** mongod caps batches at 16 MiB; a document count cap keeps ours bounded without measuring. */
const MAX_BATCH_DOCS = 10_000;

interface OpenCursor {
  id: Long;
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
  /** Applied lazily per batch so huge result sets are not projected up front. */
  transform: ((batch: Doc[]) => Doc[]) | undefined;
}

export type CursorReply = {
  cursor: { firstBatch?: Doc[]; nextBatch?: Doc[]; id: Long; ns: string };
};

export class CursorRegistry {
  private readonly open = new Map<string, OpenCursor>();
  private counter = Math.floor(Math.random() * 1e9) + 1;

  /** Returns the first batch reply and keeps a cursor open only if documents remain. */
  first(ns: string, docs: Doc[], batchSize: number | undefined, transform?: (batch: Doc[]) => Doc[]): CursorReply {
    const size = batchSize === undefined ? DEFAULT_FIRST_BATCH : Math.min(batchSize, MAX_BATCH_DOCS);
    const raw = batchSize === 0 ? [] : docs.slice(0, size);
    const batch = transform ? transform(raw) : raw;
    if (raw.length >= docs.length && batchSize !== 0) {
      return { cursor: { firstBatch: batch, id: Long.ZERO, ns } };
    }
    const id = Long.fromNumber(this.counter++);
    this.open.set(id.toString(), { id, ns, docs, pos: raw.length, lastUsed: Date.now(), transform });
    return { cursor: { firstBatch: batch, id, ns } };
  }

  /** singleBatch / negative limit: everything in one reply and no cursor left open (mongod answers id 0). */
  single(ns: string, docs: Doc[], transform?: (batch: Doc[]) => Doc[]): CursorReply {
    const raw = docs.slice(0, MAX_BATCH_DOCS);
    return { cursor: { firstBatch: transform ? transform(raw) : raw, id: Long.ZERO, ns } };
  }

  next(id: Long, ns: string, batchSize: number | undefined): CursorReply {
    const cur = this.open.get(id.toString());
    if (!cur || cur.ns !== ns) {
      throw new CommandError(Codes.CursorNotFound, 'CursorNotFound', `cursor id ${id.toString()} not found`);
    }
    const size = batchSize && batchSize > 0 ? Math.min(batchSize, MAX_BATCH_DOCS) : MAX_BATCH_DOCS;
    const raw = cur.docs.slice(cur.pos, cur.pos + size);
    cur.pos += raw.length;
    cur.lastUsed = Date.now();
    const batch = cur.transform ? cur.transform(raw) : raw;
    const exhausted = cur.pos >= cur.docs.length;
    if (exhausted) this.open.delete(id.toString());
    return { cursor: { nextBatch: batch, id: exhausted ? Long.ZERO : cur.id, ns } };
  }

  kill(ids: Long[]): { cursorsKilled: Long[]; cursorsNotFound: Long[] } {
    const cursorsKilled: Long[] = [];
    const cursorsNotFound: Long[] = [];
    for (const id of ids) {
      if (this.open.delete(id.toString())) cursorsKilled.push(id);
      else cursorsNotFound.push(id);
    }
    return { cursorsKilled, cursorsNotFound };
  }

  reapIdle(now = Date.now()): void {
    for (const [key, cur] of this.open) if (now - cur.lastUsed > IDLE_TIMEOUT_MS) this.open.delete(key);
  }

  get size(): number {
    return this.open.size;
  }
}
