// Confidence model research, re-runnable: replays the calibration data of ../shared/data through the
// engine, dumps one row per labelled signal (time, kind, token, every logged feature, outcome, label),
// splits it in time (fit period / purge gap / last 30% held out, as `calibrate` does), and compares
// candidate models by expanding-window cross-validation inside the fit period only.
//
//   node dist/bench/confidence-research.js [--data ../shared/data] [--rows cache/confidence-rows.csv] [--final <candidate>]
//
// --final names the candidate chosen on the CV figures; only then is the held-out period looked at.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { calibratedP, collectSamples, confidenceHook, FEATURE_NAMES, fitCalibration, rocAuc, timeSplit, type Calibration, type Sample } from '../src/confidence/index.js';
import { expandingFolds } from '../src/confidence/folds.js';
import { fitCurve } from '../src/confidence/fit.js';
import { outOfFoldScores } from '../src/confidence/fit-model.js';
import { predictStep } from '../src/confidence/isotonic.js';
import { forecastMetrics, type Forecast } from '../src/confidence/metrics.js';
import { fitModelSet, modelScore, type ModelSpec } from '../src/confidence/model.js';
import { fitModelCalibration } from '../src/confidence/fit-model.js';
import type { ScanEvent } from '../src/domain/index.js';
import { openReplayInputs } from '../src/sources/recorded/index.js';
import { replayBatches } from '../src/run/replay.js';
import { seriesEndsOf } from '../src/run/series-end.js';
import { CANDIDATES } from './confidence-candidates.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, rows: { type: 'string', default: 'cache/confidence-rows.csv' }, final: { type: 'string' }, folds: { type: 'string', default: '5' } } });
// ../shared/data beside the main checkout, or one level up from a worktree.
const dataDir = values.data ?? ['../shared/data', '../../shared/data'].map((p) => resolve(p)).find((p) => existsSync(p)) ?? resolve('../shared/data');
const INPUTS = ['docs/TROLL_2', 'specs/QA/ohlcv_data_2.csv', 'CASE_STUDY/ohlcv_data_2025_10_05.csv'].map((p) => resolve(dataDir, 'snogcel__geckoterminal_collector', p));

const cfg = loadConfig({ presets: ['replay'], env: {} });
const t0 = Date.now();
const inputs = await openReplayInputs(INPUTS);
const events: ScanEvent[] = [];
await replayBatches(inputs.batches(), { cfg, logPath: null, seriesEnds: seriesEndsOf(inputs.series, cfg.replay.windowEnd), confidence: confidenceHook(cfg.confidence, null), onEvent: (e) => events.push(e) });
const set = await collectSamples(events, cfg.confidence.successAt as 'TP1');
// The weighted score as a feature too (research only: a candidate that adds features to the current score).
const samples: Sample[] = set.samples.map((s) => ({ ...s, features: { ...s.features, weightedScore: s.score } }));
console.log(`replayed ${inputs.totalRows} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${samples.length} labelled signals (${set.open} open, ${set.noScore} without score)`);

// The rows, for reading elsewhere.
const cols = ['ts', 'iso', 'kind', 'token', 'label', 'endTs', 'score', ...FEATURE_NAMES];
const csv = [cols.join(',')].concat(samples.map((s) => [s.ts, new Date(s.ts).toISOString(), s.kind, s.token ?? '', s.label, s.endTs ?? '', s.score.toFixed(4), ...FEATURE_NAMES.map((f) => s.features?.[f] ?? '')].join(',')));
mkdirSync(dirname(values.rows!), { recursive: true });
writeFileSync(values.rows!, csv.join('\n') + '\n');
console.log(`rows written to ${values.rows}`);

const gapMs = Math.max(cfg.confidence.purgeGapMs, cfg.risk.horizonMs);
const split = timeSplit(samples, cfg.confidence.trainFraction, gapMs);
const rate = (ss: readonly Sample[]) => ss.reduce((n, s) => n + s.label, 0) / Math.max(1, ss.length);
const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
console.log(`fit period ${split.fit.length} signals (${(100 * rate(split.fit)).toFixed(1)}% success, ${day(split.fit[0].ts)}..${day(split.fit[split.fit.length - 1].ts)}), ${split.purged} purged, held out ${split.heldOut.length} (not read unless --final)`);

// Single features inside the fit period: AUC of each against the label (0.5 = no information).
const fit = split.fit;
const single = FEATURE_NAMES.map((f) => {
  const have = fit.filter((s) => s.features?.[f] !== null && s.features?.[f] !== undefined);
  const auc = rocAuc(have.map((s) => ({ score: s.features![f]!, y: s.label })));
  return `${f} ${auc === null ? '-' : auc.toFixed(3)} (${have.length})`;
});
console.log(`fit-period single-feature AUC: ${single.join(', ')}`);

// Expanding-window CV inside the fit period.
const k = Number(values.folds);
const folds = expandingFolds(fit, k, gapMs);
function cv(score: (train: readonly Sample[]) => (s: Sample) => number): { pooled: number; perFold: number[] } {
  const all: Array<{ score: number; y: 0 | 1 }> = [];
  const perFold = folds.map((f) => {
    const fn = score(f.train);
    const items = f.validate.map((s) => ({ score: fn(s), y: s.label }));
    all.push(...items);
    return rocAuc(items) ?? NaN;
  });
  return { pooled: rocAuc(all) ?? NaN, perFold };
}
const show = (name: string, r: { pooled: number; perFold: number[] }) =>
  console.log(`${name.padEnd(28)} CV AUC pooled ${r.pooled.toFixed(3)}  mean ${(r.perFold.reduce((a, b) => a + b, 0) / r.perFold.length).toFixed(3)}  folds ${r.perFold.map((a) => a.toFixed(3)).join(' ')}`);
console.log(`${folds.length} expanding folds (validation blocks of ~${folds[0]?.validate.length}), purge ${gapMs / 3_600_000} h`);
show('current weighted score', cv(() => (s) => s.score));
const specs: Record<string, ModelSpec> = CANDIDATES;
for (const [name, spec] of Object.entries(specs)) show(name, cv((train) => {
  const m = fitModelSet(train, spec);
  return (s) => modelScore(m, s.kind, s.features);
}));

// Calibrated figures by the same folds: model (or weighted score) and isotonic curve fitted on each
// training set only (the model's curve on its out-of-fold scores), p judged on the validation block.
function cvCalibrated(spec: ModelSpec | null): string {
  const fs: Forecast[] = [];
  const base: Forecast[] = [];
  for (const f of folds) {
    const trainRate = f.train.reduce((n, s) => n + s.label, 0) / f.train.length;
    let curveOn: Sample[] = f.train;
    let scoreOf = (s: Sample) => s.score;
    if (spec) {
      const set = fitModelSet(f.train, spec);
      curveOn = outOfFoldScores(f.train, spec, gapMs);
      scoreOf = (s) => modelScore(set, s.kind, s.features);
    }
    const curve = fitCurve(curveOn, cfg.confidence.minStepSamples);
    for (const s of f.validate) {
      fs.push({ p: predictStep(curve, scoreOf(s)) ?? trainRate, y: s.label });
      base.push({ p: trainRate, y: s.label });
    }
  }
  const m = forecastMetrics(fs, cfg.confidence.bins);
  const b = forecastMetrics(base, cfg.confidence.bins);
  return `CV calibrated (${m.count}): Brier ${m.brier!.toFixed(4)} vs train-rate ${b.brier!.toFixed(4)}, ECE ${m.ece!.toFixed(4)}, log loss ${m.logLoss!.toFixed(4)} vs ${b.logLoss!.toFixed(4)}`;
}
console.log(`current weighted score + isotonic: ${cvCalibrated(null)}`);
console.log(`shipped model + isotonic on out-of-fold scores: ${cvCalibrated(specs.shipped)}`);

if (values.final) {
  const spec = specs[values.final];
  if (!spec) throw new Error(`no candidate ${values.final}`);
  const cal = fitModelCalibration(samples, { ...cfg.confidence }, { horizonMs: cfg.risk.horizonMs, source: 'research' }, spec);
  const m = cal.metrics.heldOut;
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(4));
  console.log(`HELD OUT (${m.calibrated.count} signals, base rate ${f(m.calibrated.baseRate)}): AUC score ${f(cal.heldOutAuc?.score)} p ${f(cal.heldOutAuc?.p)}; Brier ${f(m.calibrated.brier)} vs fit-rate constant ${f(m.baseRate.brier)}; ECE ${f(m.calibrated.ece)}; log loss ${f(m.calibrated.logLoss)} vs ${f(m.baseRate.logLoss)}`);
  for (const kind of ['ignition', 'confirmation'] as const) {
    const mk = cal.metrics[kind];
    if (mk) console.log(`  ${kind}: ${mk.calibrated.count} signals, Brier ${f(mk.calibrated.brier)} vs ${f(mk.baseRate.brier)}, ECE ${f(mk.calibrated.ece)}`);
  }
  const meanP = (xs: readonly Sample[], c: Calibration) => xs.reduce((t, s) => t + calibratedP(s.score, c, s.kind)!, 0) / xs.length;
  const held = split.heldOut.map((s) => ({ ...s, score: modelScore(cal.model!.models, s.kind, s.features) }));
  console.log(`  model: mean p ${f(meanP(held, cal))} vs observed ${f(rate(held))}`);
  // The current method on the same split: isotonic over the weighted score (a version-1 fit).
  const v1 = fitCalibration(samples, cfg.confidence, { horizonMs: cfg.risk.horizonMs, source: 'research' });
  const m1 = v1.metrics.heldOut;
  const auc1 = rocAuc(split.heldOut.map((s) => ({ score: s.score, y: s.label })));
  const aucP1 = rocAuc(split.heldOut.map((s) => ({ score: calibratedP(s.score, v1, s.kind)!, y: s.label })));
  console.log(`CURRENT METHOD, same split: AUC score ${f(auc1)} p ${f(aucP1)}; Brier ${f(m1.calibrated.brier)} vs ${f(m1.baseRate.brier)}; ECE ${f(m1.calibrated.ece)}; log loss ${f(m1.calibrated.logLoss)}; mean p ${f(meanP(split.heldOut, v1))}`);
}
