import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { collectSamples, DEFAULT_MODEL_SPEC, evaluate, fitCalibration, fitModelCalibration, loadCalibration, rocAuc } from '../../src/confidence/index.js';
import type { ConfirmationLine, IgnitionLine, Input, ScanEvent } from '../../src/domain/index.js';
import { ReportBuilder, renderHtml } from '../../src/outputs/report/index.js';
import { realInputs, replayReal } from './real-replay.js';
import { SHARED_DATA, needsShared } from '../support/shared-data.js';

const cfg = loadConfig({ presets: ['replay'], env: {} });
// Every test here replays the collector files of ../shared/data; without them nothing is read.
const guard = needsShared();
const inputs = SHARED_DATA === null ? [] : await realInputs();
// Replayed as a user's run would: with the shipped calibration (its model, when it has one, gives the score).
const shipped = loadCalibration(resolve(process.cwd(), cfg.confidence.calibrationPath));
const eventsP = replayReal(cfg, inputs, shipped);

test('real data: calibrated Brier is below the raw score Brier on the held-out period (fresh fit)', guard, async () => {
  const set = await collectSamples(await eventsP, cfg.confidence.successAt as 'TP1');
  const cal = fitCalibration(set.samples, cfg.confidence, { horizonMs: cfg.risk.horizonMs, source: 'test' });
  const m = cal.metrics.heldOut;
  assert.ok(cal.heldOut.samples >= 100, `${cal.heldOut.samples} held-out samples`);
  assert.ok(m.calibrated.brier! < m.raw.brier!, `calibrated ${m.calibrated.brier} vs raw ${m.raw.brier}`);
  assert.ok(m.calibrated.ece !== null && m.calibrated.ece < m.raw.ece!, `ECE ${m.calibrated.ece} vs ${m.raw.ece}`);
  assert.ok(cal.fit.to! + cfg.risk.horizonMs < cal.heldOut.from!, 'no outcome window straddles the split');
});

test('real data: the shipped config/calibration.json, replayed, gives the held-out figures it states and beats the base rate', guard, async () => {
  const set = await collectSamples(await eventsP, shipped.successAt);
  const heldOut = set.samples.filter((s) => s.ts >= shipped.heldOut.from!);
  assert.equal(heldOut.length, shipped.heldOut.samples, 'the file was fitted on this replay (refit with the calibrate command in the README if the engine changed)');
  // Recomputed here from the replay's own scores and outcomes, not read from the file.
  const m = evaluate(heldOut, shipped, cfg.confidence.bins);
  const stated = shipped.metrics.heldOut;
  assert.ok(Math.abs(m.calibrated.brier! - stated.calibrated.brier!) < 1e-9, `Brier ${m.calibrated.brier} vs stated ${stated.calibrated.brier}`);
  assert.ok(Math.abs(m.calibrated.ece! - stated.calibrated.ece!) < 1e-9, `ECE ${m.calibrated.ece} vs stated ${stated.calibrated.ece}`);
  assert.ok(m.calibrated.brier! < m.baseRate.brier!, `calibrated ${m.calibrated.brier} vs base rate ${m.baseRate.brier}`);
  assert.ok(m.calibrated.brier! < m.raw.brier!, `calibrated ${m.calibrated.brier} vs raw ${m.raw.brier}`);
  if (shipped.model) {
    const auc = rocAuc(heldOut.map((s) => ({ score: s.score, y: s.label })));
    assert.ok(Math.abs(auc! - shipped.heldOutAuc!.score!) < 1e-9, `AUC ${auc} vs stated ${shipped.heldOutAuc!.score}`);
  }
});

test('real data: the logistic score model (confidence.model=logistic) fits, and its held-out p beats the base rate', guard, async () => {
  const set = await collectSamples(await eventsP, cfg.confidence.successAt as 'TP1');
  const cal = fitModelCalibration(set.samples, cfg.confidence, { horizonMs: cfg.risk.horizonMs, source: 'test' }, DEFAULT_MODEL_SPEC);
  const m = cal.metrics.heldOut;
  assert.equal(cal.heldOut.samples, set.samples.filter((s) => s.ts >= cal.heldOut.from!).length);
  assert.ok(m.calibrated.brier! < m.baseRate.brier!, `calibrated ${m.calibrated.brier} vs base rate ${m.baseRate.brier}`);
  // It ranks: better than chance on a period it never saw, and in its own cross-validation.
  assert.ok(cal.heldOutAuc!.score! > 0.6 && cal.model!.cv.auc! > 0.6, `held-out ${cal.heldOutAuc!.score}, CV ${cal.model!.cv.auc}`);
  assert.ok(cal.fit.to! + cfg.risk.horizonMs < cal.heldOut.from!, 'no outcome window straddles the split');
  // Every model feature carried values in the fit period (an all-missing one would silently weigh nothing).
  for (const name of cal.model!.features) assert.ok(set.samples.some((s) => s.features?.[name] != null), name);
});

test('real data: report recall of confirmations is 100% and the HTML is self-contained', guard, async () => {
  // The report rebuilds the windows from the inputs itself: recall is judged against those, not the engine's.
  const b = new ReportBuilder({ thresholdPct: cfg.signals.confirmation.minChangePct, confidence: cfg.confidence, horizonMs: cfg.risk.horizonMs });
  for (const i of inputs) b.addInput(i);
  for (const e of await eventsP) b.add(e);
  const r = b.build();
  const ind = r.confirmation.independent!;
  assert.ok(ind.windowsUp > 1000, `${ind.windowsUp} windows >= threshold`);
  assert.equal(ind.recall, 1, JSON.stringify(ind.missed.slice(0, 3)));
  assert.equal(ind.unexpected, 0, JSON.stringify(ind.unexpectedExamples.slice(0, 3)));
  assert.equal(r.headline.confirmationRecallAgainst, 'inputs');
  assert.ok(r.ignition.count > 0 && r.ignition.eligibleTokens >= 3, 'the 1m series can ignite (1h-only series cannot)');
  assert.equal(r.calibration.status, 'ok');
  const html = renderHtml(r, cfg.risk.horizonMs);
  assert.ok(!/(src|href)\s*=|url\(|@import|<script|<link|https?:\/\//i.test(html));
  assert.ok((html.match(/<svg /g) ?? []).length >= 3);
});

test('real data: confidence logged at a signal equals a replay of the inputs truncated at that signal', guard, async () => {
  const events = await eventsP;
  const signals = events.filter((e): e is IgnitionLine | ConfirmationLine => (e.type === 'ignition' || e.type === 'confirmation') && e.confidence.score !== null);
  const picks = [signals.find((s) => s.type === 'ignition')!, signals[Math.floor(signals.length / 2)], signals[signals.length - 1]];
  for (const s of picks) {
    const cut: Input[] = [...inputs.filter((i) => i.knownAt <= s.ts), { kind: 'tick', knownAt: s.ts }];
    const again = (await replayReal(cfg, cut, shipped)).find((e: ScanEvent) => 'id' in e && e.id === s.id) as IgnitionLine | ConfirmationLine | undefined;
    assert.ok(again, `${s.type} ${s.id} is decided from inputs up to its own time`);
    assert.deepEqual(again.confidence, s.confidence);
  }
  // Every feature the model reads carried a value in at least one pick, so the equality above tested it.
  for (const name of shipped.model?.features ?? []) {
    assert.ok(picks.some((s) => s.confidence.features[name] !== null), `${name} is null in every pick`);
  }
});
