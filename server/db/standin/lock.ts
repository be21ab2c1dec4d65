/**
 * One durable stand-in per data directory: a `LOCK` file holding the owner's pid. Two writers
 * appending to one journal would interleave records and corrupt it, so a live owner (another
 * process, or another stand-in in this process) is a hard error; a lock left by a dead pid
 * (kill -9, power loss) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Directories locked by stand-ins of this process: a pid check cannot tell them apart. */
const heldHere = new Set<string>();

export class DataDirLockedError extends Error {}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): number | undefined {
  try {
    return Number.parseInt(fs.readFileSync(file, 'utf8').trim().split(/\s+/)[0] ?? '', 10);
  } catch {
    return undefined;
  }
}

/** Takes the lock on `dir` (absolute) or throws; returns the release function. */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, 'LOCK');
  if (heldHere.has(dir)) throw new DataDirLockedError(`standin: data dir ${dir} is already in use by another stand-in in this process`);
  const token = `${process.pid} ${crypto.randomUUID()}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // O_EXCL: of two processes racing for a free directory, exactly one creates the file.
      fs.writeFileSync(file, token, { flag: 'wx' });
      heldHere.add(dir);
      return () => release(file, dir, token);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (owner !== undefined && owner !== process.pid && pidAlive(owner)) {
      throw new DataDirLockedError(
        `standin: data dir ${dir} is locked by running process ${owner} (${file}); stop it first, or delete the file if that pid is not a stand-in`,
      );
    }
    // Stale (dead pid, or an unreleased lock of this very process): remove it and retry the
    // exclusive create, so a concurrent taker still loses cleanly.
    fs.rmSync(file, { force: true });
  }
  throw new DataDirLockedError(`standin: could not take the lock ${file}`);
}

function release(file: string, dir: string, token: string): void {
  heldHere.delete(dir);
  try {
    // Only remove our own lock: if it was taken over (we were presumed dead), leave it.
    if (fs.readFileSync(file, 'utf8') === token) fs.rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}
