import { join } from 'node:path';
import type { Config } from '../../config/load.js';
import { PACKAGE_ROOT } from '../../config/load.js';
import { addressProblem } from '../../domain/mint.js';
import { openReplayInputs } from '../../sources/recorded/index.js';
import { replayBatches, type ReplayResult } from '../replay.js';
import { progressBar } from '../progress.js';
import { formatSummary } from '../../outputs/summary.js';
import { UsageError } from './usage.js';

export const SAMPLE_INPUT = join(PACKAGE_ROOT, 'samples', 'cbrl-1m.csv');
export const DEFAULT_REPLAY_LOG = 'cache/replay.jsonl';

export interface ReplayCommandOptions {
  cfg: Config;
  inputs: string[];
  /** JSONL path, `-` for stdout, or null for none. */
  logPath: string | null;
  poolMints: Array<[string, string]>;
  progress: boolean;
  out: (text: string) => void;
}

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

/** `pump-scanner replay`: recorded files through the live pipeline on a virtual clock, then a summary. */
export async function runReplayCommand(o: ReplayCommandOptions): Promise<ReplayResult> {
  const inputs = await openReplayInputs(o.inputs.length ? o.inputs : [SAMPLE_INPUT], { poolMints: checkPoolMints(o.poolMints) });
  const bar = o.progress && o.cfg.replay.progress ? progressBar(inputs.totalRows) : null;
  const result = await replayBatches(inputs.batches(), { cfg: o.cfg, logPath: o.logPath, onProgress: bar ? (n) => bar.update(n) : undefined });
  bar?.done();
  o.out(formatSummary(result.summary));
  if (o.logPath && o.logPath !== '-') o.out(`log: ${o.logPath} (${result.logLines} lines)`);
  return result;
}
