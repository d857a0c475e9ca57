import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import { buildReport, renderHtml, runSensitivity, sensitivityVariants, writeReport, headlineText } from '../../../src/outputs/report/index.js';
import type { ScanEvent } from '../../../src/domain/index.js';
import { HOUR_MS } from '../../../src/domain/index.js';
import { confirmationEv, ignitionEv, outcomeEv, windowEv } from './events.js';

const config = loadConfig({ env: {} });
const opts = { thresholdPct: 10, confidence: config.confidence, horizonMs: 24 * HOUR_MS };

function scenario(): ScanEvent[] {
  const ig1 = ignitionEv('A', 1, 30, 80, 'AAA');
  const ig2 = ignitionEv('A', 2, 60, 40, 'AAA');
  const ig3 = ignitionEv('B', 5, 100, 60);
  const c1 = confirmationEv('A', 1, 15, 70);
  const c3 = confirmationEv('B', 3, 25, 55);
  return [
    ig1, windowEv('A', 1, 15, 90, 'AAA'), c1, outcomeEv(ig1, 'TP2', 2, 40, 5), outcomeEv(c1, 'SL', -1, 3, 12),
    ig2, windowEv('A', 2, 4, null), { ...ig2, type: 'fade', id: 'fade-A-2', changePct: 4, ignitionId: ig2.id } as ScanEvent, outcomeEv(ig2, 'TIMEOUT', 0.5, 6, 4),
    windowEv('B', 3, 25, 120), c3, outcomeEv(c3, 'TP1', 1, 20, 2),
    windowEv('B', 4, 12, 200),
    ig3, windowEv('B', 5, 30, 90),
    windowEv('B', 6, -8),
  ];
}

test('confirmation recall counts every window at or over the threshold and lists the missed ones', async () => {
  const r = await buildReport(scenario(), opts);
  assert.equal(r.confirmation.windowsUp, 4);
  assert.equal(r.confirmation.detected, 2);
  assert.equal(r.confirmation.recall, 0.5);
  assert.deepEqual(r.confirmation.missed.map((m) => [m.key, m.changePct]), [['B', 12], ['B', 30]]);
  // A gate rejection still counts as detected.
  const rejected = { type: 'rejected', v: 1, id: 'rej', ts: 0, mint: 'B', pool: 'B-pool', symbol: null, signalType: 'confirmation', window4hStart: 4 * 4 * HOUR_MS, changePct: 12, price: 1, failed: [], gates: [] } as ScanEvent;
  assert.equal((await buildReport([...scenario(), rejected], opts)).confirmation.detected, 3);
});

test('ignition precision, recall, F1 and lead times are measured against closed windows', async () => {
  const r = await buildReport(scenario(), opts);
  assert.equal(r.ignition.truePositives, 2);
  assert.equal(r.ignition.precision, 2 / 3);
  assert.equal(r.ignition.recall, 2 / 4);
  assert.ok(Math.abs(r.ignition.f1! - (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5)) < 1e-12);
  // A: ignition at 30 min, first +10% at 90 -> 60; B: 100 -> 90 = -10 (late). To close: 210 and 140.
  assert.deepEqual([r.ignition.leadToThresholdMin.min, r.ignition.leadToThresholdMin.max], [-10, 60]);
  assert.deepEqual([r.ignition.leadToCloseMin.min, r.ignition.leadToCloseMin.max], [140, 210]);
  assert.equal(r.headline.medianLeadToThresholdMin, 25);
});

test('outcome rates, expectancy and excursions by kind', async () => {
  const r = await buildReport(scenario(), opts);
  assert.equal(r.outcomes.all.count, 4);
  // B's ignition in window 5 has a ladder and no outcome: open at end of data, counted apart and said so.
  assert.equal(r.counts.openOutcomes, 1);
  assert.equal(r.headline.signalsOpen, 1);
  assert.match(renderHtml(r, opts.horizonMs), /1 signal with a ladder is open at end of data/);
  const noLadder = scenario().map((e) => (e.type === 'ignition' && e.id === 'ign-B-5' ? { ...e, ladder: null } : e));
  assert.equal((await buildReport(noLadder, opts)).counts.openOutcomes, 0, 'a signal without a ladder is not tracked, so not open');
  assert.deepEqual(r.outcomes.all.counts, { TP1: 1, TP2: 1, TP3: 0, SL: 1, TIMEOUT: 1 });
  assert.equal(r.outcomes.all.expectancyR, (2 - 1 + 0.5 + 1) / 4);
  assert.equal(r.outcomes.ignition!.count, 2);
  assert.equal(r.outcomes.all.mfePct.max, 40);
  assert.equal(r.headline.tp1Rate, 0.5);
  assert.equal(r.calibration.status, 'unavailable', 'four samples cannot be calibrated');
});

test('PR curve over the score threshold: precision rises as low-score false positives drop out', async () => {
  const r = await buildReport(scenario(), opts);
  const pts = r.prCurves[0].points;
  assert.deepEqual([pts[0].count, pts[0].precision, pts[0].recall], [3, 2 / 3, 0.5]);
  const at50 = pts.find((p) => p.threshold === 50)!;
  assert.deepEqual([at50.count, at50.precision], [2, 1]);
  assert.equal(pts.find((p) => p.threshold === 85)!.count, 0);
});

test('HTML is self-contained and symbols are sanitised and escaped', async () => {
  const evil = '<script>alert(1)</script>\u001b[31m"x\u202e';
  const events = scenario().map((e) => ('symbol' in e && e.mint === 'A' ? { ...e, symbol: evil } : e)) as ScanEvent[];
  const r = await buildReport(events, opts);
  const html = renderHtml(r, opts.horizonMs);
  assert.ok(!html.includes('<script'), 'no script element');
  assert.ok(html.includes('&lt;script&gt;'), 'symbol shown escaped');
  assert.ok(!/\u001b|\u202e/.test(html), 'no escape or bidi characters');
  assert.ok(!/(src|href)\s*=|url\(|@import|https?:\/\//i.test(html), 'no external reference');
  assert.ok((html.match(/<svg /g) ?? []).length >= 3, 'reliability (when available), PR and price charts are inline SVG');
});

test('writeReport writes report.json and report.html; headline text names the recall', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const r = await buildReport(scenario(), opts);
  const paths = await writeReport(join(dir, 'nested'), r, opts.horizonMs);
  assert.deepEqual(JSON.parse(readFileSync(paths.json, 'utf8')).counts, r.counts);
  assert.ok(readFileSync(paths.html, 'utf8').startsWith('<!doctype html>'));
  assert.match(headlineText(r.headline), /50\.0% of 4 windows/);
});

test('sensitivity replays once per variant with thresholds 20% either side and judges each by its own threshold', async () => {
  const variants = sensitivityVariants(config.signals);
  assert.deepEqual(variants.map((v) => v.signals.confirmation.minChangePct), [8, 10, 12]);
  assert.deepEqual(variants.map((v) => v.signals.ignition.volumeMultiple), [2.4, 3, 3.6]);
  const seen: number[] = [];
  const rows = await runSensitivity(async (s) => {
    seen.push(s.confirmation.minChangePct);
    return scenario().filter((e) => e.type !== 'confirmation' || e.changePct >= s.confirmation.minChangePct);
  }, variants, opts);
  assert.deepEqual(seen, [8, 10, 12]);
  assert.deepEqual(rows.map((r) => r.headline.thresholdPct), [8, 10, 12]);
  assert.deepEqual(rows.map((r) => r.headline.windowsUp), [4, 4, 4], 'a window of exactly +12% counts at 12');
  assert.deepEqual(rows.map((r) => r.label), ['-20%', 'default', '+20%']);
});

test('the signal table covers every token\'s signals, charted or not, newest first with their results', async () => {
  const events = scenario();
  const r = await buildReport(events, { ...opts, maxTokenCharts: 1 });
  assert.equal(r.tokens.length, 1);
  assert.equal(r.tokensOmitted, 1);
  const signals = events.filter((e) => e.type === 'ignition' || e.type === 'confirmation');
  assert.equal(r.signals.length, signals.length);
  assert.deepEqual(new Set(r.signals.map((s) => s.key)), new Set(['A', 'B']));
  assert.deepEqual(r.signals.map((s) => s.ts), signals.map((s) => s.ts).sort((a, b) => b - a));
  const results = new Map(events.filter((e) => e.type === 'outcome').map((o) => [(o as { signalId: string }).signalId, (o as { result: string }).result]));
  for (const s of signals) assert.equal(r.signals.find((x) => x.ts === s.ts && x.key === s.mint && x.type === s.type)?.result ?? null, results.get(s.id) ?? null, s.id);
  const html = renderHtml(r, opts.horizonMs);
  const table = html.slice(html.indexOf('<h2>Signals</h2>'));
  assert.equal((table.match(/<tr><td>/g) ?? []).length, signals.length, 'a row per signal, uncharted token included');
});
