// Test helper: the real series of ../shared/data as replay inputs (CBRL, H59 and Butterfly 1m candles,
// the 85 TROLL_2 1h files), replayed through the engine with this module's confidence. Also used by
// make-calibration.ts to fit the shipped config/calibration.json.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../../src/config/index.js';
import { confidenceFor, type Calibration } from '../../src/confidence/index.js';
import type { Candle, Input, ScanEvent } from '../../src/domain/index.js';
import { HOUR_MS, MINUTE_MS } from '../../src/domain/index.js';
import { replayBatches } from '../../src/run/replay.js';
import { DATA } from './real-data.js';

const CBRL = { pool: '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP', mint: '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump' };
const H59 = { pool: 'H59JH47VjoYMsBpgWhXodpEw5iJbjjT6i3hANLkHfUTn', mint: null };
const BUTTERFLY = { pool: 'F5vAiFCP82RQetoxK7ax4dNQCwqk2yez6aisAbFPenJ2', mint: '4Ds7cxJ82gm34gV22zo2LjPdX3nFbQk9PXK7mjX4pump' };

function candle(pool: string, mint: string | null, start: number, intervalMs: number, o: number, h: number, l: number, c: number, v: number): Candle {
  return { kind: 'candle', knownAt: start + intervalMs, mint, pool, source: 'file', start, intervalMs, open: o, high: h, low: l, close: c, volumeUsd: v, final: true };
}

/** 1m rows of GeckoTerminal exports: columns named in the header, unix-seconds `timestamp`. */
function geckoOneMinute(file: string, token: { pool: string; mint: string | null }): Candle[] {
  const [head, ...rows] = readFileSync(resolve(DATA, file), 'utf8').split('\n');
  const col = Object.fromEntries(head.split(',').map((n, i) => [n.trim(), i]));
  const out: Candle[] = [];
  for (const row of rows) {
    const c = row.split(',');
    if (c[col.pool_id] !== `solana_${token.pool}` || c[col.timeframe] !== '1m') continue;
    const n = (k: string) => Number(c[col[k]]);
    out.push(candle(token.pool, token.mint, n('timestamp') * 1000, MINUTE_MS, n('open_price'), n('high_price'), n('low_price'), n('close_price'), n('volume_usd')));
  }
  return out;
}

/** TROLL_2 1h files: `datetime,symbol,open,high,low,close,volume`, naive UTC, `symbol` = solana_<pool>. */
function trollHourly(): Candle[] {
  const dir = resolve(DATA, 'docs/TROLL_2');
  const out: Candle[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    for (const row of readFileSync(resolve(dir, name), 'utf8').split('\n').slice(1)) {
      const c = row.split(',');
      if (c.length < 7) continue;
      const start = Date.parse(c[0].replace(' ', 'T') + 'Z');
      if (!Number.isFinite(start)) throw new Error(`${name}: unreadable datetime ${c[0]}`);
      out.push(candle(c[1].replace(/^solana_/, ''), null, start, HOUR_MS, +c[2], +c[3], +c[4], +c[5], +c[6]));
    }
  }
  return out;
}

/** Every input in knownAt order (stable for ties). */
export function realInputs(): Input[] {
  const all: Input[] = [
    ...geckoOneMinute('specs/QA/ohlcv_data_2.csv', CBRL),
    ...geckoOneMinute('specs/QA/ohlcv_data_2.csv', H59),
    ...geckoOneMinute('CASE_STUDY/ohlcv_data_2025_10_05.csv', BUTTERFLY),
    ...trollHourly(),
  ];
  return all.sort((a, b) => a.knownAt - b.knownAt);
}

function* batches(inputs: readonly Input[], size = 4096): Iterable<Input[]> {
  for (let i = 0; i < inputs.length; i += size) yield inputs.slice(i, i + size);
}

/** Replays inputs through the engine with raw-score confidence (and the calibration, when given). */
export async function replayReal(cfg: Config, inputs: readonly Input[], cal: Calibration | null = null): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  await replayBatches(batches(inputs), {
    cfg, logPath: null, confidence: (ctx) => confidenceFor(ctx, cfg.confidence, cal), onEvent: (e) => events.push(e),
  });
  return events;
}
