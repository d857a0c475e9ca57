import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared-data.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Input } from '../../../src/domain/market.js';
import type { ReplayInputs } from '../../../src/sources/recorded/index.js';

/** Files of ../shared/data: only inside tests guarded by needsShared() (test/support/shared-data.ts). */
export const gecko = (rel: string): string => sharedPath('snogcel__geckoterminal_collector', rel);
export const birdeyeDoc = (name: string): string => sharedPath('kaseonedge__birdeye-api-docs', 'response_examples', name);

/** A naive reading of a CSV, independent of the reader under test: header names and rows of fields. */
export function naiveCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

export function col(header: string[], name: string): number {
  const i = header.indexOf(name);
  if (i === -1) throw new Error(`no column ${name}`);
  return i;
}

export async function collect(inputs: ReplayInputs): Promise<Input[]> {
  const out: Input[] = [];
  for await (const b of inputs.batches()) for (const r of b) out.push(r);
  return out;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'replay-inputs-'));
}

export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export const CBRL_POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
export const CBRL_MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
