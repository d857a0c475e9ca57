// Fits config/calibration.json on the real data: `npx tsc -p . && node dist/test/confidence/make-calibration.js`.
// Not a test (no .test suffix); the real-replay test checks the shipped file against the same replay.
import { loadConfig } from '../../src/config/index.js';
import { runCalibrate } from '../../src/confidence/index.js';
import { realInputs, replayReal } from './real-replay.js';

const cfg = loadConfig({ presets: ['replay'], env: {} });
const out = process.argv[2] ?? 'config/calibration.json';
const r = await runCalibrate({
  cfg: cfg.confidence,
  horizonMs: cfg.risk.horizonMs,
  replay: () => replayReal(cfg, realInputs()),
  out,
  source: 'replay (replay preset, default thresholds) of ../shared/data: CBRL, H59, Butterfly 1m and 85 TROLL_2 1h series (GeckoTerminal)',
});
const m = r.calibration.metrics.heldOut;
console.log(`wrote ${out}: fit ${r.calibration.fit.samples} (${r.calibration.fit.positives} successes), held out ${r.calibration.heldOut.samples} (${r.calibration.heldOut.positives}); ` +
  `Brier raw ${m.raw.brier?.toFixed(4)} -> calibrated ${m.calibrated.brier?.toFixed(4)}, ECE ${m.raw.ece?.toFixed(4)} -> ${m.calibrated.ece?.toFixed(4)}, ` +
  `log loss ${m.raw.logLoss?.toFixed(4)} -> ${m.calibrated.logLoss?.toFixed(4)}; samples without score ${r.samples.noScore}, open ${r.samples.open}`);
