import type { Config } from '../config/load.js';
import type { Confidence } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import { calibrationFromConfig, confidenceHook, type Calibration } from '../confidence/index.js';
import { sessionConfig } from './commands/session.js';

/**
 * What decides a run's lines, sent with its start to every partition: the deciding config slices (the
 * ones a recorded session keeps) and the calibration itself, so workers need neither the publisher's
 * config nor its files, and cannot disagree with it or with each other. Holds no secret.
 */
export interface RunSettings {
  deciding: Pick<Config, 'signals' | 'risk' | 'gates' | 'input' | 'confidence'>;
  calibration: Calibration | null;
}

export function runSettingsOf(cfg: Config): RunSettings {
  return { deciding: { signals: cfg.signals, risk: cfg.risk, gates: cfg.gates, input: cfg.input, confidence: cfg.confidence }, calibration: calibrationFromConfig(cfg.confidence) };
}

/** The worker's config with a run's deciding settings, and the confidence hook of its calibration. */
export function applyRunSettings(base: Config, settings: RunSettings): { cfg: Config; confidence: (ctx: SignalContext) => Confidence } {
  const cfg = sessionConfig(base, JSON.stringify(settings.deciding));
  return { cfg, confidence: confidenceHook(cfg.confidence, settings.calibration) };
}
