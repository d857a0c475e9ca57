// Where the real data of ../shared/data is, and how a test that needs it says so.
// A user's clone has no ../shared: such tests skip with a counted reason (scripts/run-tests.mjs prints the
// count). Under CI=true the folder must be there (CI always runs the real-data tests), so a missing one
// fails loudly instead of skipping. Data the project ships (samples/) is in ./sample-data.ts.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The data sits at ../shared/data from the main checkout; a worktree under /work/wt/<name> is one level deeper.
const found = ['../shared/data', '../../shared/data']
  .map((p) => resolve(process.cwd(), p))
  .find((p) => existsSync(p));

/** Absolute path of ../shared/data, or null when this clone has none. */
export const SHARED_DATA: string | null = found ?? null;

/** The skip reason of every real-data test; scripts/run-tests.mjs counts skips by this exact text. */
export const SHARED_MISSING_REASON = 'real-data test skipped: ../shared/data not found';

const CI_MISSING = 'CI=true but ../shared/data was not found beside the checkout: real-data tests cannot run';

/** node:test options for a test or suite that reads ../shared/data: `test('...', needsShared(), fn)`. */
export function needsShared(): { skip?: string } {
  if (SHARED_DATA !== null) return {};
  if (process.env.CI === 'true') throw new Error(CI_MISSING);
  return { skip: SHARED_MISSING_REASON };
}

/** Absolute path of a file under ../shared/data; only call it inside a test guarded by needsShared(). */
export function sharedPath(...parts: string[]): string {
  if (SHARED_DATA === null) throw new Error(SHARED_MISSING_REASON);
  return resolve(SHARED_DATA, ...parts);
}
