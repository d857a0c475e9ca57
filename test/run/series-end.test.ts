import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/run/engine.js';
import { loadConfig } from '../../src/config/load.js';
import { seriesEndsOf } from '../../src/run/series-end.js';
import { replayBatches } from '../../src/run/replay.js';
import type { Candle, Input } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import type { SeriesInfo } from '../../src/sources/recorded/index.js';
import { isForming } from '../../src/candles/tier.js';

// A series whose data stops inside its 4h window: in a file replay that window is open at end of data,
// never closed (and confirmed) because another token's input moved the shared clock.
const cfg = loadConfig({ presets: ['replay'], env: {} });
const MIN = 60_000;
const H4 = 4 * 3_600_000;
const W = 1_756_000_800_000 - (1_756_000_800_000 % H4);
const A = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
const B = '4Ds7cxJ82gm34gV22zo2LjPdX3nFbQk9PXK7mjX4pump';

function c1m(mint: string, minute: number, price: number): Candle {
  const start = W + minute * MIN;
  return { kind: 'candle', knownAt: start + MIN, mint, pool: `${mint}-pool`, source: 'file', start, intervalMs: MIN, open: price, high: price, low: price, close: price, volumeUsd: 10, final: true };
}
/** Token A: +20% in its first hour, then (optionally) more data later; token B: flat for 5 hours. */
function inputs(aLater: boolean): Input[] {
  const a = [c1m(A, 0, 1), c1m(A, 59, 1.2), ...(aLater ? [c1m(A, 6 * 60, 1.2)] : [])];
  const b = Array.from({ length: 30 }, (_, i) => c1m(B, i * 10, 1));
  return [...a, ...b].sort((x, y) => x.knownAt - y.knownAt);
}
function run(ins: Input[], ends: Map<string, number> | null) {
  const events: ScanEvent[] = [];
  const e = new Engine(cfg, { emit: (x) => events.push(x), seriesEnd: ends ? (k) => ends.get(k) : undefined });
  for (const i of ins) e.push(i);
  e.finish();
  return { events, engine: e, windowsOf: (m: string) => events.filter((x) => x.type === 'window' && x.mint === m), confOf: (m: string) => events.filter((x) => x.type === 'confirmation' && x.mint === m) };
}

describe('series end in file replays', () => {
  it('leaves a window open when the token\'s own data stops inside it, whatever other tokens do', () => {
    const ends = new Map([[A, W + 60 * MIN], [B, W + 291 * MIN]]);
    const r = run(inputs(false), ends);
    assert.equal(r.windowsOf(A).length, 0);
    assert.equal(r.confOf(A).length, 0);
    assert.ok(isForming(r.engine.tokens.get(A)!.w.t4h), 'the window is still forming');
    assert.equal(r.windowsOf(B).length, 1, 'B\'s own windows close as usual');
  });

  it('closes and confirms that window by the shared clock when no series ends are given (live rule)', () => {
    const r = run(inputs(false), null);
    assert.equal(r.confOf(A).length, 1);
  });

  it('still closes windows in a gap inside the series, stamped with their boundary', () => {
    const ends = new Map([[A, W + 361 * MIN], [B, W + 291 * MIN]]);
    const r = run(inputs(true), ends);
    const conf = r.confOf(A);
    assert.equal(conf.length, 1);
    assert.equal(conf[0].ts, W + H4);
  });

  it('takes each token\'s end from its last candle end or last trade, the latest over its series', () => {
    const s = (over: Partial<SeriesInfo>): SeriesInfo => ({ file: 'f', pool: 'P', mint: A, kind: 'candle', intervalMs: MIN, rows: 1, firstTs: 0, lastTs: 0, skippedIntervalsMs: [], notes: [], ...over });
    const ends = seriesEndsOf([s({ lastTs: 1000 * MIN }), s({ kind: 'trade', intervalMs: null, lastTs: 1000 * MIN + 5 }), s({ mint: null, pool: 'Q', intervalMs: H4, lastTs: H4 }), s({ kind: 'pool', lastTs: 9e12 })], 'series')!;
    assert.deepEqual([...ends], [[A, 1001 * MIN], ['pool:Q', 2 * H4]]);
    assert.equal(seriesEndsOf([s({})], 'clock'), null);
  });
});

describe('series end through the replay command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pump-series-end-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
  const csv = (rows: Candle[]) => ['mint,pool,interval,timestamp,open,high,low,close,volume_usd', ...rows.map((c) => `${c.mint},${c.pool},1m,${c.start / 1000},${c.open},${c.high},${c.low},${c.close},${c.volumeUsd}`)].join('\n') + '\n';
  const replay = (extra: string[]) => {
    const all = inputs(false) as Candle[];
    writeFileSync(join(dir, 'a.csv'), csv(all.filter((c) => c.mint === A)));
    writeFileSync(join(dir, 'b.csv'), csv(all.filter((c) => c.mint === B)));
    const log = join(dir, 'out.jsonl');
    const out = execFileSync(process.execPath, [CLI, 'replay', '--input', join(dir, 'a.csv'), '--input', join(dir, 'b.csv'), '--log', log, '--no-progress', ...extra], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; mint: string });
    return { out, confirmedA: lines.filter((l) => l.type === 'confirmation' && l.mint === A).length };
  };

  it('does not confirm the truncated token by default, and does under replay.windowEnd=clock', () => {
    const byDefault = replay([]);
    assert.equal(byDefault.confirmedA, 0);
    assert.equal(replay(['--set', 'replay.windowEnd=clock']).confirmedA, 1);
  });

  it('applies the same rule when the replay runs over the bus (2 partitions in this process)', () => {
    assert.equal(replay(['--bus', 'memory', '--partitions', '2']).confirmedA, 0);
    assert.equal(replay(['--bus', 'memory', '--partitions', '2', '--set', 'replay.windowEnd=clock']).confirmedA, 1);
  });
});

describe('replay summary counts', () => {
  it('counts every token replayed, those with 5m data, and windows open at end of data', async () => {
    const h1: Candle = { ...c1m('7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP', 0, 1), intervalMs: 3_600_000, knownAt: W + 3_600_000 };
    const ins = [...inputs(false), h1].sort((x, y) => x.knownAt - y.knownAt);
    const ends = new Map([[A, W + 60 * MIN], [B, W + 291 * MIN], [h1.mint!, W + 3_600_000]]);
    const { summary } = await replayBatches([ins], { cfg, logPath: null, seriesEnds: ends });
    assert.equal(summary.tokens, 3);
    assert.equal(summary.tokensWith5m, 2, 'the 1h-only token cannot ignite');
    // A stops inside its first window, B inside its second, the 1h token inside its first.
    assert.equal(summary.windowsOpenAtEnd, 3);
    assert.equal(summary.windows4h, 1);
  });
});

describe('series end as an input', () => {
  it('applies to a token already seen: one that arrives after the token\'s first boundaries still keeps its window open', () => {
    const ins = inputs(false);
    // A's series end arrives after A's first minutes closed (the engine had already asked for it once).
    const at = ins.findIndex((x) => x.knownAt > W + 5 * MIN);
    const end: Input = { kind: 'series_end', knownAt: ins[at].knownAt, mint: A, pool: null, source: 'file', ts: W + 60 * MIN };
    const late = run([...ins.slice(0, at), end, ...ins.slice(at)], null);
    assert.equal(late.windowsOf(A).length, 0, 'A stops inside its window: no window line');
    assert.equal(late.confOf(A).length, 0);
    assert.equal(run(ins, null).confOf(A).length, 1, 'without the series end the clock closes and confirms it');
  });
});
