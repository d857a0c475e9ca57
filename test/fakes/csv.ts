import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_DATA } from '../support/shared-data.js';

// A small CSV reader for the fakes' real data. The production readers live in src/sources/recorded; the
// fakes keep their own so they do not depend on code under test.

/**
 * Root of the shared real data: FAKES_DATA_DIR, else `../shared/data` beside the checkout
 * (test/support/shared-data.ts), or null when this clone has none (the fakes then serve the bundled sample).
 */
export function dataDir(): string | null {
  if (process.env.FAKES_DATA_DIR) return resolve(process.env.FAKES_DATA_DIR);
  return SHARED_DATA;
}

/** Splits one CSV line (handles double-quoted fields with commas). */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Rows of a CSV file as header-keyed records, optionally pre-filtered on the raw line for speed. */
export function readCsv(path: string, lineFilter?: (line: string) => boolean): Array<Record<string, string>> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = splitLine(lines[0]);
  const rows: Array<Record<string, string>> = [];
  for (const line of lines.slice(1)) {
    if (line === '' || (lineFilter && !lineFilter(line))) continue;
    const cells = splitLine(line);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] ??= cells[i] ?? ''));
    rows.push(row);
  }
  return rows;
}

/** `2025-10-03 10:22:16-06`, `2025-09-04 23:31:26.000000` (UTC) or ISO to epoch seconds. */
export function csvTimeSec(text: string): number {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(text.trim());
  if (!m) return NaN;
  let zone = m[4] ?? 'Z';
  if (/^[+-]\d\d$/.test(zone)) zone += ':00';
  return Math.floor(Date.parse(`${m[1]}T${m[2]}${zone}`) / 1000);
}
