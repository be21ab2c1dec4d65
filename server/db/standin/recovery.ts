/**
 * Start-up restore of a durable stand-in: newest complete snapshot, then every journal from its
 * generation on, in order. Only the newest journal may end in a torn record (the write a crash
 * interrupted — never acknowledged); it is dropped whole. Anything else that does not check out
 * is an error naming the file and offset: starting on a silently shortened history would lose
 * acknowledged writes without anyone noticing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { journalName, listDir, removeQuietly, snapshotName } from './files.ts';
import { CorruptFileError, JOURNAL_MAGIC, SNAPSHOT_MAGIC, decodePayload, scanRecords } from './records.ts';
import type { Change, Store } from './storage.ts';

export interface Recovered {
  /** Generation whose journal new records are appended to. */
  gen: number;
  /** Intact bytes of that journal; 0 when it does not exist yet. */
  journalBytes: number;
  /** Size of the snapshot restored from (0: none), for the compaction trigger. */
  snapshotBytes: number;
  journalRecords: number;
  documents: number;
  /** Why a torn tail was dropped from the newest journal, if one was. */
  torn?: string;
}

type Meta = { o: 'snapshot' } | { o: 'end'; documents: number };

function applyAll(store: Store, payload: Buffer, onMeta: (meta: Meta) => void): void {
  for (const change of decodePayload(payload)) {
    const o = (change as { o: string }).o;
    if (o === 'snapshot' || o === 'end') onMeta(change as unknown as Meta);
    else store.applyChange(change as Change);
  }
}

function restoreSnapshot(store: Store, dir: string, gen: number): number {
  const file = path.join(dir, snapshotName(gen));
  const buf = fs.readFileSync(file);
  let header = false;
  let trailer: number | undefined;
  let documents = 0;
  scanRecords(buf, file, SNAPSHOT_MAGIC, false, (payload) => {
    applyAll(store, payload, (meta) => {
      if (meta.o === 'snapshot') header = true;
      else trailer = meta.documents;
    });
  });
  for (const db of store.databases.values()) for (const coll of db.collections.values()) documents += coll.docs.size;
  if (!header || trailer === undefined || trailer !== documents) {
    throw new CorruptFileError(`standin: ${file} is incomplete (header ${header}, trailer ${trailer ?? 'missing'}, ${documents} documents read)`);
  }
  return buf.length;
}

/** The journals to replay after snapshot `base` (0: none), checked to form an unbroken chain. */
function journalChain(dir: string, journals: number[], base: number): number[] {
  const first = Math.max(base, 1);
  const chain = journals.filter((g) => g >= first);
  chain.forEach((g, i) => {
    if (g !== first + i) {
      const missing = path.join(dir, journalName(first + i));
      throw new CorruptFileError(`standin: ${missing} is missing but later journals exist (${chain.map(journalName).join(', ')}); refusing to skip acknowledged writes`);
    }
  });
  return chain;
}

export function recover(store: Store, dir: string): Recovered {
  const listing = listDir(dir);
  // An unfinished snapshot was never renamed into place: the journals still cover its changes.
  removeQuietly(dir, listing.temporaries);
  const base = listing.snapshots.at(-1) ?? 0;
  const snapshotBytes = base > 0 ? restoreSnapshot(store, dir, base) : 0;
  const chain = journalChain(dir, listing.journals, base);
  const out: Recovered = { gen: chain.at(-1) ?? Math.max(base, 1), journalBytes: 0, snapshotBytes, journalRecords: 0, documents: 0 };
  chain.forEach((gen, i) => {
    const file = path.join(dir, journalName(gen));
    const buf = fs.readFileSync(file);
    const last = i === chain.length - 1;
    const scan = scanRecords(buf, file, JOURNAL_MAGIC, last, (payload) => applyAll(store, payload, () => {}));
    out.journalRecords += scan.records;
    if (last) {
      out.journalBytes = scan.validBytes;
      if (scan.torn) out.torn = `${file} at byte ${scan.validBytes}: ${scan.torn}`;
    }
  });
  for (const db of store.databases.values()) for (const coll of db.collections.values()) out.documents += coll.docs.size;
  // Leftovers of a compaction interrupted after its rename: superseded by the newest snapshot.
  removeQuietly(dir, [...listing.snapshots.filter((g) => g < base).map(snapshotName), ...listing.journals.filter((g) => g < base).map(journalName)]);
  return out;
}
