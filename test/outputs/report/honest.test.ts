import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import { ReportBuilder } from '../../../src/outputs/report/index.js';
import type { Candle, ScanEvent } from '../../../src/domain/index.js';
import { HOUR_MS } from '../../../src/domain/index.js';
import { confirmationEv, windowEv } from './events.js';
import { needsShared, sharedPath } from '../../support/shared-data.js';

const config = loadConfig({ env: {} });
const H4 = 4 * HOUR_MS;

/** Hourly candles of one token: window i rises by `changes[i]` percent over its four hours. */
function hourly(mint: string, changes: number[]): Candle[] {
  const out: Candle[] = [];
  let price = 1;
  changes.forEach((c, i) => {
    const open = price;
    for (let h = 0; h < 4; h++) {
      const start = i * H4 + h * HOUR_MS;
      const close = open * (1 + (c / 100) * ((h + 1) / 4));
      out.push({ kind: 'candle', knownAt: start + HOUR_MS, mint, pool: `${mint}-pool`, source: 'file', start, intervalMs: HOUR_MS, open: price, high: Math.max(price, close), low: Math.min(price, close), close, volumeUsd: 10, final: true });
      price = close;
    }
  });
  return out;
}

test('confirmation recall is counted against windows rebuilt from the inputs, so an engine error shows', () => {
  const b = new ReportBuilder({ thresholdPct: 10, confidence: config.confidence, horizonMs: 24 * HOUR_MS });
  for (const c of hourly('A', [15, 2, 12, -5])) b.addInput(c);
  // An engine that lost window 2 (no window event, no confirmation) and confirmed window 1 wrongly: its
  // own windows say recall 100%; the inputs say 1 of 2, with one confirmation they do not support.
  const events: ScanEvent[] = [windowEv('A', 0, 15), confirmationEv('A', 0, 15, 50), windowEv('A', 1, 10), confirmationEv('A', 1, 10, 50), windowEv('A', 3, -5)];
  for (const e of events) b.add(e);
  const r = b.build();
  assert.equal(r.confirmation.recall, 1, 'against its own windows the engine looks perfect');
  const ind = r.confirmation.independent!;
  assert.deepEqual([ind.windows, ind.windowsUp, ind.detected, ind.unexpected], [4, 2, 1, 1]);
  assert.deepEqual(ind.missed.map((m) => m.start), [2 * H4]);
  assert.equal(r.headline.confirmationRecall, 0.5);
  assert.equal(r.headline.confirmationRecallAgainst, 'inputs');
});

test('a window the token\'s data stops inside is not counted as closed by the independent resampler', () => {
  const b = new ReportBuilder({ thresholdPct: 10, confidence: config.confidence, horizonMs: 24 * HOUR_MS });
  for (const c of hourly('A', [15, 20]).slice(0, 6)) b.addInput(c);
  const r = b.build();
  assert.deepEqual([r.confirmation.independent!.windows, r.confirmation.independent!.windowsUp], [1, 1]);
});

// Own arithmetic, sharing nothing with src/: Brier, ECE over 10 equal bins, AUC by counting pairs.
function independentFigures(lines: Array<Record<string, any>>) {
  const signals = new Map(lines.filter((l) => l.type === 'ignition' || l.type === 'confirmation').map((l) => [l.id, l]));
  const rows: Array<{ p: number; s: number; y: number }> = [];
  for (const o of lines.filter((l) => l.type === 'outcome')) {
    const s = signals.get(o.signalId);
    if (!s || s.confidence.p === null) continue;
    rows.push({ p: s.confidence.p, s: s.confidence.score, y: o.result === 'TP1' || o.result === 'TP2' || o.result === 'TP3' ? 1 : 0 });
  }
  const n = rows.length;
  const rate = rows.filter((r) => r.y).length / n;
  const brier = rows.reduce((a, r) => a + (r.p - r.y) ** 2, 0) / n;
  const brierBase = rows.reduce((a, r) => a + (rate - r.y) ** 2, 0) / n;
  let ece = 0;
  for (let k = 0; k < 10; k++) {
    const inBin = rows.filter((r) => Math.min(9, Math.floor(r.p * 10)) === k);
    if (inBin.length) ece += (inBin.length / n) * Math.abs(inBin.reduce((a, r) => a + r.p, 0) / inBin.length - inBin.filter((r) => r.y).length / inBin.length);
  }
  const auc = (key: 'p' | 's') => {
    let wins = 0;
    let pairs = 0;
    for (const a of rows) if (a.y) for (const c of rows) if (!c.y) {
      pairs++;
      wins += a[key] > c[key] ? 1 : a[key] === c[key] ? 0.5 : 0;
    }
    return wins / pairs;
  };
  return { n, rate, brier, brierBase, ece, aucP: auc('p'), aucS: auc('s') };
}

test('the report judges the shipped calibration exactly as an independent computation from the log does', needsShared(), () => {
  const dir = mkdtempSync(join(tmpdir(), 'pump-honest-'));
  try {
    const log = join(dir, 'log.jsonl');
    const cli = join(process.cwd(), 'dist', 'src', 'cli.js');
    execFileSync(process.execPath, [cli, 'replay', '--no-progress', '--log', log, '--report', dir, '--input', sharedPath('snogcel__geckoterminal_collector', 'CASE_STUDY', 'ohlcv_data_2025_10_05.csv'), '--input', sharedPath('snogcel__geckoterminal_collector', 'docs', 'TROLL_2')], { env: { PATH: process.env.PATH }, stdio: 'pipe' });
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const u = report.usedCalibration;
    assert.equal(u.status, 'ok');
    assert.equal(u.used.path, 'config/calibration.json');
    const mine = independentFigures(lines);
    assert.ok(mine.n >= 50, `only ${mine.n} labelled signals`);
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: report ${a}, independent ${b}`);
    assert.equal(u.count, mine.n);
    close(u.observed, mine.rate, 'base rate');
    close(u.p.brier, mine.brier, 'Brier');
    close(u.baseRate.brier, mine.brierBase, 'base-rate Brier');
    close(u.p.ece, mine.ece, 'ECE');
    close(u.aucP, mine.aucP, 'AUC of p');
    close(u.aucScore, mine.aucS, 'AUC of the raw score');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the judged calibration counts the signals that fall inside its own fit period', async () => {
  const { judgeUsedCalibration } = await import('../../../src/outputs/report/used-calibration.js');
  const { ignitionEv, outcomeEv } = await import('./events.js');
  const sig = [0, 1, 2, 3].map((i) => ({ ...ignitionEv('A', i, 30, 40 + i * 10), confidence: { score: 40 + i * 10, p: 0.2 + i * 0.1, calibrated: true, features: {} } }));
  const outs = sig.map((s, i) => outcomeEv(s, i % 2 ? 'TP1' : 'SL', 0, 0, 0));
  const fitTo = sig[1].ts;
  const u = judgeUsedCalibration(sig, outs, 'TP1', 10, { path: 'x.json', source: 'test', fitFrom: 0, fitTo });
  assert.ok(u.status === 'ok');
  assert.equal(u.inFitPeriod, 2);
  assert.equal(u.count, 4);
  assert.equal(u.aucP, 0.75);
});
