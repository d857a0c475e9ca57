import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchInput, writeBenchTrades } from './gen.js';
import { int, printTable } from './md.js';

interface Run { mode: string; rows: number; ms: number; maxRssMb: number }

function child(mode: 'parse' | 'replay', file: string, log: string): Run {
  const out = execFileSync(process.execPath, [join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'replay-child.js'), mode, file, log], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

/** Parse-only and full replay of one file, each in a fresh process; one table row. */
function measure(label: string, file: string, n: number, dir: string): (string | number)[] {
  const mb = statSync(file).size / 1e6;
  const p = child('parse', file, join(dir, 'x.jsonl'));
  const r = child('replay', file, join(dir, 'out.jsonl'));
  if (p.rows !== n || r.rows !== n) throw new Error(`row count mismatch in ${label}: wrote ${n}, parsed ${p.rows}, replayed ${r.rows}`);
  const pr = n / (p.ms / 1000);
  const rr = n / (r.ms / 1000);
  return [label, int(n), mb.toFixed(0), int(pr), int(rr), (rr / pr).toFixed(2), `${p.maxRssMb.toFixed(0)} / ${r.maxRssMb.toFixed(0)}`];
}

/** Replay throughput next to parse-only throughput of the same input, for candles and for trades. */
export async function benchReplay(root: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pump-bench-'));
  try {
    const tokens = 40;
    const perCandle = 4;
    console.log(`\n## replay throughput vs read-and-parse of the same input (each run in a fresh process)`);
    console.log(`Candles: the real CBRL 1m candles (samples/cbrl-1m.csv) under ${tokens} pools, played 2 and 8 times back to back (canonical candle CSV). Trades: SYNTHESISED from the same real candles, ${perCandle} trades per candle per pool at prices walking open -> high/low -> close within the candle's range, the candle's USD volume split evenly, unique short tx ids (trade CSV: pool_id,mint,timestamp ms,price_usd,volume_usd,side,tx_hash). "Replay" is the whole \`replay\` path: read, parse, merge by knownAt, Engine, JSONL log written to a temp file.`);
    const rows: (string | number)[][] = [];
    for (const periods of [2, 8]) {
      const file = join(dir, `candles-${periods}.csv`);
      const n = await writeBenchInput(file, root, tokens, periods);
      rows.push(measure(`1m candles x ${periods}`, file, n, dir));
      rmSync(file);
    }
    const tfile = join(dir, 'trades.csv');
    const nt = await writeBenchTrades(tfile, root, tokens, perCandle);
    rows.push(measure(`trades (synthesised, ${perCandle}/candle)`, tfile, nt, dir));
    printTable(['input', 'records', 'file MB', 'parse only (records/s)', 'replay end to end with log (records/s)', 'replay / parse', 'peak RSS parse / replay (MB)'], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
