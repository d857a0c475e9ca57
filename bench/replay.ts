import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchInput } from './gen.js';

interface Run { mode: string; rows: number; ms: number; maxRssMb: number }

function child(mode: 'parse' | 'replay', file: string, log: string): Run {
  const out = execFileSync(process.execPath, [join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'replay-child.js'), mode, file, log], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

/** Replay throughput next to parse-only throughput of the same input, and peak memory at two input lengths. */
export async function benchReplay(root: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pump-bench-'));
  try {
    const tokens = 40;
    console.log(`\n## replay throughput (real CBRL 1m candles x ${tokens} pools, time-sorted canonical CSV)`);
    console.log('| input candles | file MB | parse only (candles/s) | replay end to end with log (candles/s) | ratio | peak RSS parse / replay (MB) |');
    console.log('|---|---|---|---|---|---|');
    for (const periods of [2, 8]) {
      const file = join(dir, `in-${periods}.csv`);
      const n = await writeBenchInput(file, root, tokens, periods);
      const mb = statSync(file).size / 1e6;
      const p = child('parse', file, join(dir, 'x.jsonl'));
      const r = child('replay', file, join(dir, `out-${periods}.jsonl`));
      if (p.rows !== n || r.rows !== n) throw new Error(`row count mismatch: wrote ${n}, parsed ${p.rows}, replayed ${r.rows}`);
      const pr = n / (p.ms / 1000);
      const rr = n / (r.ms / 1000);
      console.log(`| ${n.toLocaleString('en')} | ${mb.toFixed(0)} | ${Math.round(pr).toLocaleString('en')} | ${Math.round(rr).toLocaleString('en')} | ${(rr / pr).toFixed(2)} | ${p.maxRssMb.toFixed(0)} / ${r.maxRssMb.toFixed(0)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
