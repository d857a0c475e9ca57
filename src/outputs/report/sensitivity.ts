import type { Config } from '../../config/index.js';
import type { ScanEvent } from '../../domain/index.js';
import { buildReport, type ReportOptions } from './build.js';
import type { SensitivityRow } from './types.js';

export type SignalsConfig = Config['signals'];
type Events = Iterable<ScanEvent> | AsyncIterable<ScanEvent>;

export interface SensitivityVariant {
  label: string;
  factor: number;
  signals: SignalsConfig;
}

/**
 * The default, and every signal threshold (ignition change, ignition volume multiple, confirmation change)
 * scaled together by 1 - spread and 1 + spread. Each run is judged against its own confirmation threshold,
 * so confirmation recall must stay at 100% in every row.
 */
export function sensitivityVariants(base: SignalsConfig, spread = 0.2): SensitivityVariant[] {
  // Rounded so 3 x 0.8 reads 2.4 in the report rather than 2.4000000000000004.
  const mul = (x: number, factor: number) => Number((x * factor).toPrecision(12));
  const scaled = (factor: number): SignalsConfig => ({
    ...base,
    ignition: { ...base.ignition, minChangePct: mul(base.ignition.minChangePct, factor), volumeMultiple: mul(base.ignition.volumeMultiple, factor) },
    confirmation: { ...base.confirmation, minChangePct: mul(base.confirmation.minChangePct, factor) },
  });
  return [
    { label: `-${spread * 100}%`, factor: 1 - spread, signals: scaled(1 - spread) },
    { label: 'default', factor: 1, signals: base },
    { label: `+${spread * 100}%`, factor: 1 + spread, signals: scaled(1 + spread) },
  ];
}

/**
 * Replays once per variant (the caller's `replay` runs the engine with that signals slice) and returns
 * the headline metrics of each, in variant order.
 */
export async function runSensitivity(
  replay: (signals: SignalsConfig) => Events | Promise<Events>,
  variants: readonly SensitivityVariant[],
  opts: Omit<ReportOptions, 'thresholdPct'>,
): Promise<SensitivityRow[]> {
  const rows: SensitivityRow[] = [];
  for (const v of variants) {
    const report = await buildReport(await replay(v.signals), { ...opts, thresholdPct: v.signals.confirmation.minChangePct, maxTokenCharts: 0 });
    rows.push({
      label: v.label,
      factor: v.factor,
      thresholds: {
        ignitionMinChangePct: v.signals.ignition.minChangePct,
        ignitionVolumeMultiple: v.signals.ignition.volumeMultiple,
        confirmationMinChangePct: v.signals.confirmation.minChangePct,
      },
      headline: report.headline,
    });
  }
  return rows;
}
