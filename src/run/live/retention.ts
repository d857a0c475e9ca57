import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../store/index.js';

const DAY_MS = 86_400_000;
const FRAME_FILE = /^(.+)\.ndjson$/;

export interface PrunedRecordings {
  sessions: number;
  frameFiles: number;
}

/**
 * Start-up pruning of recorded sessions: those started more than `retentionDays` before `now` (0 = no age
 * limit) or beyond the newest `keepSessions` are deleted with their inputs, and so are their raw frame files
 * in `framesDir`. A frame file whose session the store no longer has (pruned before this rule existed,
 * or a deleted store) goes once it is older than the retention too.
 */
export function pruneRecordings(store: Pick<Store, 'pruneOldSessions' | 'getSession'>, framesDir: string, o: { retentionDays: number; keepSessions: number; now: number }): PrunedRecordings {
  const cutoff = o.retentionDays > 0 ? o.now - o.retentionDays * DAY_MS : -Infinity;
  const ids = store.pruneOldSessions(cutoff, o.keepSessions);
  let frameFiles = 0;
  for (const id of ids) if (removeFile(join(framesDir, `${id}.ndjson`))) frameFiles++;
  if (!existsSync(framesDir)) return { sessions: ids.length, frameFiles };
  for (const name of readdirSync(framesDir)) {
    const id = FRAME_FILE.exec(name)?.[1];
    if (!id || store.getSession(id)) continue;
    const path = join(framesDir, name);
    if (statSync(path).mtimeMs < cutoff && removeFile(path)) frameFiles++;
  }
  return { sessions: ids.length, frameFiles };
}

/**
 * Start-up pruning of the chain tap's pools (store.chainPoolRetentionDays; 0 = keep): a pool not seen trading
 * for that long goes, so the store and the tap's in-memory book stay the size of the active market. A pool
 * that trades again is learned again from its next swap or account read.
 */
export function pruneQuietPools(store: Pick<Store, 'pruneChainPools'>, o: { retentionDays: number; now: number }): number {
  return o.retentionDays > 0 ? store.pruneChainPools(o.now - o.retentionDays * DAY_MS) : 0;
}

function removeFile(path: string): boolean {
  if (!existsSync(path)) return false;
  rmSync(path, { force: true });
  return true;
}
