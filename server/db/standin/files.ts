/**
 * Layout of a durable stand-in's data directory:
 *
 *   LOCK                    pid of the stand-in using it (lock.ts)
 *   snapshot.<gen>.bson     the whole state before journal.<gen> — renamed into place after fsync
 *   snapshot.<gen>.bson.tmp a snapshot being written (deleted on start: never complete)
 *   journal.<gen>.wal       every change after snapshot.<gen> (generation 1 has no snapshot)
 *
 * Generations only grow; the state is the newest snapshot plus every journal of that generation
 * and later, in order.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export const journalName = (gen: number): string => `journal.${String(gen).padStart(6, '0')}.wal`;
export const snapshotName = (gen: number): string => `snapshot.${String(gen).padStart(6, '0')}.bson`;

export interface Listing {
  journals: number[];
  snapshots: number[];
  temporaries: string[];
}

export function listDir(dir: string): Listing {
  const out: Listing = { journals: [], snapshots: [], temporaries: [] };
  for (const name of fs.readdirSync(dir)) {
    const journal = /^journal\.(\d+)\.wal$/.exec(name);
    const snapshot = /^snapshot\.(\d+)\.bson$/.exec(name);
    if (journal) out.journals.push(Number(journal[1]));
    else if (snapshot) out.snapshots.push(Number(snapshot[1]));
    else if (name.endsWith('.tmp')) out.temporaries.push(name);
  }
  out.journals.sort((a, b) => a - b);
  out.snapshots.sort((a, b) => a - b);
  return out;
}

/** A created, renamed or deleted file is durable only once its directory entry is synced. */
export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** write() may be short (a signal, a full disk); loop until every byte is in the file. */
export async function writeAll(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw new Error('standin: journal write made no progress');
    done += bytesWritten;
  }
}

export function removeQuietly(dir: string, names: string[]): void {
  for (const name of names) fs.rmSync(path.join(dir, name), { force: true });
}
