/**
 * Snapshots: the whole state as the same change records the journal holds (`create`, `index`,
 * `put`), framed by a `snapshot` header and an `end` trailer, so restoring one is replaying it.
 *
 * Capture is synchronous and cheap (references only — stored documents are immutable, see
 * storage.ts); writing happens afterwards in chunks that yield to the event loop, so commands
 * keep being served while a large snapshot goes to disk.
 */
import { BSON } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, snapshotName, writeAll } from './files.ts';
import { ID_INDEX, type IndexSpec } from './indexes.ts';
import { RECORD_HEADER_BYTES, SNAPSHOT_MAGIC, sealRecord } from './records.ts';
import type { Change, Store } from './storage.ts';
import type { Doc } from './values.ts';

export interface CollectionView {
  d: string;
  c: string;
  options: Doc;
  indexes: IndexSpec[];
  docs: Doc[];
}

export function captureView(store: Store): CollectionView[] {
  const out: CollectionView[] = [];
  for (const db of store.databases.values()) {
    for (const coll of db.collections.values()) {
      out.push({
        d: db.name,
        c: coll.name,
        options: coll.options,
        indexes: [...coll.indexes.values()].map((i) => i.spec).filter((s) => s.name !== ID_INDEX.name),
        docs: [...coll.docs.values()],
      });
    }
  }
  return out;
}

const SERIALIZE = { ignoreUndefined: true, checkKeys: false } as const;
/** Records of about this size: big enough to amortize the header, small enough to yield often. */
const CHUNK_BYTES = 1 << 20;

/** Accumulates serialized changes and turns them into sealed records of about CHUNK_BYTES. */
class RecordBuilder {
  private parts: Buffer[] = [Buffer.alloc(RECORD_HEADER_BYTES)];
  private bytes = 0;

  add(doc: Doc | Change): void {
    const b = Buffer.from(BSON.serialize(doc, SERIALIZE));
    this.parts.push(b);
    this.bytes += b.length;
  }

  get full(): boolean {
    return this.bytes >= CHUNK_BYTES;
  }

  take(): Buffer | undefined {
    if (this.bytes === 0) return undefined;
    const record = sealRecord(Buffer.concat(this.parts));
    this.parts = [Buffer.alloc(RECORD_HEADER_BYTES)];
    this.bytes = 0;
    return record;
  }
}

/**
 * Writes snapshot.<gen>.bson crash-safely: temp file, fsync, rename, fsync of the directory.
 * Until the rename the previous snapshot and the journals describe the state; after it, this one
 * does. Returns the snapshot's size in bytes.
 */
export async function writeSnapshot(dir: string, gen: number, view: CollectionView[]): Promise<number> {
  const final = path.join(dir, snapshotName(gen));
  const tmp = `${final}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  let size = 0;
  const builder = new RecordBuilder();
  const emit = async (): Promise<void> => {
    const record = builder.take();
    if (!record) return;
    await writeAll(handle, record, size);
    size += record.length;
  };
  try {
    await writeAll(handle, SNAPSHOT_MAGIC, 0);
    size = SNAPSHOT_MAGIC.length;
    let documents = 0;
    builder.add({ o: 'snapshot', gen, at: new Date(), collections: view.length });
    for (const coll of view) {
      builder.add({ o: 'create', d: coll.d, c: coll.c, options: coll.options });
      for (const spec of coll.indexes) builder.add({ o: 'index', d: coll.d, c: coll.c, spec });
      for (const doc of coll.docs) {
        builder.add({ o: 'put', d: coll.d, c: coll.c, doc });
        documents++;
        if (builder.full) await emit();
      }
    }
    // The trailer proves the snapshot is whole; restore refuses one without it.
    builder.add({ o: 'end', collections: view.length, documents });
    await emit();
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, final);
  await fsyncDir(dir);
  return size;
}
