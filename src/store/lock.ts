import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { StoreError } from './errors.js';

// One scan per store: two scans on the same store would both append the same log and record into the same
// SQLite file. A scan holds `<store>.lock`, a file holding its pid, created exclusively. A lock whose pid is
// no longer running (a scan killed with -9, a crashed machine) is stale and taken over.

/** The pid in a lock file, or null when the file is missing or unreadable. */
function holderOf(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of the store at `path` for this process; returns its release. Throws StoreError
 * STORE_LOCKED naming the holder's pid when a running process holds it.
 */
export function lockStore(path: string): () => void {
  const lockPath = `${path}.lock`;
  // Two attempts: the second after removing a stale lock (a racing process may take it first: then it holds).
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = holderOf(lockPath);
      if (pid !== null && pid !== process.pid && pidAlive(pid)) {
        throw new StoreError('STORE_LOCKED', `store ${path} is in use by a running scan (pid ${pid}); stop that scan or use another --db`);
      }
      // Stale (its process is gone) or unreadable (a holder killed between create and write): take it over.
      try {
        unlinkSync(lockPath);
      } catch {
        // Another process removed it first.
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return () => {
      try {
        if (holderOf(lockPath) === process.pid) unlinkSync(lockPath);
      } catch {
        // Already gone.
      }
    };
  }
  const pid = holderOf(lockPath);
  throw new StoreError('STORE_LOCKED', `store ${path} is in use by a running scan${pid ? ` (pid ${pid})` : ''}; stop that scan or use another --db`);
}
