// The real data the project ships: samples/cbrl-1m.csv, the CBRL PumpSwap pool's GeckoTerminal 1m candles
// (origin in samples/README.md). It holds exactly the CBRL 1m rows of ../shared/data's
// snogcel__geckoterminal_collector/specs/QA/ohlcv_data_2.csv, so tests that only need those candles read
// them from here and run on every clone, with or without ../shared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/load.js';

export const SAMPLE_CBRL_1M = join(PACKAGE_ROOT, 'samples', 'cbrl-1m.csv');
export const CBRL_MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
export const CBRL_POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';

/** One 1m candle of the sample: open time in unix seconds, USD prices and volume as written in the file. */
export interface SampleMinute {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volumeUsd: number;
}

let cache: SampleMinute[] | null = null;

/** CBRL's 1m candles, ascending by time, one per minute (the file is sorted and free of duplicates). */
export function cbrlSampleMinutes(): SampleMinute[] {
  if (cache) return cache;
  const lines = readFileSync(SAMPLE_CBRL_1M, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${SAMPLE_CBRL_1M}: no column ${name}`);
    return i;
  };
  const [its, io, ih, il, ic, iv] = ['timestamp', 'open', 'high', 'low', 'close', 'volume_usd'].map(at);
  cache = lines.slice(1).map((line) => {
    const f = line.split(',');
    return { ts: Number(f[its]), open: Number(f[io]), high: Number(f[ih]), low: Number(f[il]), close: Number(f[ic]), volumeUsd: Number(f[iv]) };
  });
  return cache;
}
