import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * ../shared/data resolved from the repo root (the cwd of tests). A git worktree sits one level deeper
 * than the main checkout, so ../../shared/data is tried as well.
 */
export function sharedDataPath(...parts: string[]): string {
  for (const base of ['../shared/data', '../../shared/data']) {
    const dir = resolve(process.cwd(), base);
    if (existsSync(dir)) return join(dir, ...parts);
  }
  throw new Error('real data not found: expected ../shared/data next to the repository');
}

/** Minimal CSV reader for the collector's files: no quoted commas occur in the columns the fakes use. */
export function readCsv(path: string): Array<Record<string, string>> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
