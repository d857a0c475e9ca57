import { join } from 'node:path';
import type { Config } from '../../config/load.js';
import { PACKAGE_ROOT } from '../../config/load.js';
import { addressProblem } from '../../domain/mint.js';
import { openReplayInputs } from '../../sources/recorded/index.js';
import { replayBatches, type ReplayResult } from '../replay.js';
import { formatSummary } from '../../outputs/summary.js';
import { calibrationFromConfig, confidenceHook } from '../../confidence/hook.js';
import type { ReportBuilder } from '../../outputs/report/index.js';
import type { ScanEvent } from '../../domain/signals.js';
import type { Input } from '../../domain/market.js';
import { UsageError } from './usage.js';
import { VirtualClock } from '../../clock/clock.js';
import { paced, PauseGate } from '../pace.js';
import { seriesEndsOf } from '../series-end.js';

export const SAMPLE_INPUT = join(PACKAGE_ROOT, 'samples', 'cbrl-1m.csv');
export { DEFAULT_REPLAY_LOG } from './usage.js';

export interface ReplayCommandOptions {
  cfg: Config;
  inputs: string[];
  /** JSONL path, `-` for stdout, or null for none. */
  logPath: string | null;
  poolMints: Array<[string, string]>;
  progress: boolean;
  /** Directory for report.json and report.html, or null. */
  reportDir?: string | null;
  /** Play through the live table (or plain lines when stdout is not a terminal) at `speed` x real time. */
  table?: { speed: number; plain: boolean } | null;
  out: (text: string) => void;
}

/** Same test as outputs/alerts' alertSinksConfigured, without loading the sinks. */
const alertSinksSet = (a: Config['alerts']) => Boolean(a.webhookUrl || a.discordWebhookUrl || a.telegramBotToken || a.telegramChatId);

export function checkPoolMints(pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [pool, mint] of pairs) {
    const pp = addressProblem(pool);
    if (pp) throw new UsageError(`--pool-mint: pool "${pool}" is not a Solana address: ${pp}`);
    const mp = addressProblem(mint);
    if (mp) throw new UsageError(`--pool-mint: mint "${mint}" is not a Solana address: ${mp}`);
    out[pool] = mint;
  }
  return out;
}

/** The table (or plain lines) fed by a subject; `done` resolves when the user quits or the lines end. */
async function startView(plain: boolean, clock: VirtualClock, gate: PauseGate, donePct: () => number | null) {
  // rxjs' Subject and the table load only for a replay played through the table.
  const [{ Subject }, { startTable, startPlainLines }] = await Promise.all([import('rxjs/internal/Subject'), import('../../outputs/table/index.js')]);
  const events$ = new Subject<ScanEvent>();
  // In the table, `p` pauses the replay itself; the header shows the market clock and the share done.
  const handle = plain || !process.stdout.isTTY
    ? startPlainLines(events$, process.stdout)
    : startTable(events$, { clock, onPause: (p) => gate.set(p), stats: () => ({ marketTime: clock.now(), replayDonePct: donePct() }) });
  return { events$, done: handle.done };
}

/** The confidence of every signal: features, raw score and, when a calibration file is configured, p. */
export function confidenceOf(cfg: Config) {
  return confidenceHook(cfg.confidence, calibrationFromConfig(cfg.confidence));
}

/** Replays `batches` with another configuration and returns every event (sensitivity runs, calibration). */
export async function replayEvents(batches: () => AsyncIterable<readonly Input[]>, cfg: Config, seriesEnds: ReadonlyMap<string, number> | null = null): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  await replayBatches(batches(), { cfg, logPath: null, confidence: confidenceOf(cfg), seriesEnds, onEvent: (e) => events.push(e) });
  return events;
}

/** Passes batches through, showing each to `see` first. */
async function* teeInputs(batches: AsyncIterable<Input[]>, see: (b: readonly Input[]) => void): AsyncGenerator<Input[]> {
  for await (const b of batches) {
    see(b);
    yield b;
  }
}

/** `pump-scanner replay`: recorded files through the live pipeline on a virtual clock, then a summary. */
export async function runReplayCommand(o: ReplayCommandOptions): Promise<ReplayResult> {
  // With a sink configured, the replay's signals are alerted too (to try a setup on history).
  // The alert modules (undici, the SQLite store) load only when a sink is configured.
  const alerts = alertSinksSet(o.cfg.alerts) ? (await import('./alerts.js')).storedAlerts(o.cfg) : null;
  const inputs = await openReplayInputs(o.inputs.length ? o.inputs : [SAMPLE_INPUT], { poolMints: checkPoolMints(o.poolMints) });
  // No bar under the table: its lines on stderr would shift the frame and leave a copy of the header.
  const bar = o.progress && o.cfg.replay.progress && !o.table ? (await import('../progress.js')).progressBar(inputs.totalRows) : null;
  const calPath = o.cfg.confidence.calibrationPath.trim();
  const usedCal = calPath === '' ? null : calibrationFromConfig(o.cfg.confidence);
  const calibrationUsed = { path: usedCal ? calPath : null, source: usedCal?.source ?? null, fitFrom: usedCal?.fit.from ?? null, fitTo: usedCal?.fit.to ?? null };
  const reportOpts = { thresholdPct: o.cfg.signals.confirmation.minChangePct, confidence: o.cfg.confidence, horizonMs: o.cfg.risk.horizonMs, calibrationUsed };
  // The report modules load only when a report is asked for.
  const reporting = o.reportDir ? await import('../../outputs/report/index.js') : null;
  const report: ReportBuilder | null = reporting ? new reporting.ReportBuilder(reportOpts) : null;
  const clock = new VirtualClock();
  const seriesEnds = seriesEndsOf(inputs.series, o.cfg.replay.windowEnd);
  const gate = new PauseGate();
  let applied = 0;
  const view = o.table ? await startView(o.table.plain, clock, gate, () => (inputs.totalRows > 0 ? (100 * applied) / inputs.totalRows : null)) : null;
  // Quitting the table ends the replay early.
  const quit = new AbortController();
  void view?.done.then(() => quit.abort(), () => quit.abort());
  quit.signal.addEventListener('abort', () => gate.set(false));
  // The report rebuilds the >= threshold windows from the inputs themselves (recall independent of the engine).
  // Without a report or the table, a column file goes to the engine as blocks (no Candle object per row).
  const batches = report ? teeInputs(inputs.batches(), (b) => { for (const r of b) report.addInput(r); }) : inputs.batches();
  const result = await replayBatches(o.table ? paced(batches, o.table.speed, quit.signal, gate) : report ? batches : inputs.blocks(), {
    cfg: o.cfg,
    logPath: o.logPath,
    confidence: confidenceOf(o.cfg),
    clock,
    seriesEnds,
    tickMs: o.table ? 60_000 : null,
    views: o.table ? { staleAfterMs: o.cfg.scan.staleAfterMs } : null,
    onEvent: (e) => {
      report?.add(e);
      view?.events$.next(e);
      alerts?.dispatcher.offer(e);
    },
    onProgress: o.table ? (n) => void (applied = n) : bar ? (n) => bar.update(n) : undefined,
  }).catch(async (e: unknown) => {
    await alerts?.close();
    throw e;
  });
  bar?.done();
  if (view) {
    view.events$.complete();
    await view.done;
  }
  o.out(formatSummary(result.summary));
  await alerts?.finish(o.out);
  if (o.logPath && o.logPath !== '-') o.out(`log: ${o.logPath} (${result.logLines} lines)`);
  if (report && reporting && o.reportDir) {
    const { compareStopModes, headlineText, runSensitivity, sensitivityVariants, stopModesText, writeReport } = reporting;
    const built = report.build();
    // Sensitivity: the same replay with every signal threshold 20% lower and 20% higher.
    built.sensitivity = await runSensitivity((signals) => replayEvents(() => inputs.batches(), { ...o.cfg, signals }, seriesEnds), sensitivityVariants(o.cfg.signals), reportOpts);
    // The two stop rules side by side on the same data (hit rates, expectancy in R, MAE).
    built.stopModes = await compareStopModes((risk) => replayEvents(() => inputs.batches(), { ...o.cfg, risk }, seriesEnds), o.cfg.risk);
    const files = await writeReport(o.reportDir, built, o.cfg.risk.horizonMs);
    o.out(headlineText(built.headline));
    o.out(stopModesText(built.stopModes));
    o.out(`report: ${files.html}`);
  }
  return result;
}
