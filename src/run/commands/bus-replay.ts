import type { Config } from '../../config/load.js';
import { openReplayInputs } from '../../sources/recorded/index.js';
import { formatSummary } from '../../outputs/summary.js';
import { openBus } from '../../bus/index.js';
import { replayOverBus, type BusReplayResult } from '../bus-replay.js';
import { startLocalWorkers } from '../local-workers.js';
import { progressBar } from '../progress.js';
import { seriesEndsOf } from '../series-end.js';
import { SAMPLE_INPUT, checkPoolMints } from './replay.js';

/**
 * `pump-scanner replay --bus <url> --partitions N`: publishes the recorded inputs to the bus and writes
 * the lines the workers send back. With `--bus memory`, the N partition engines run in this process.
 */
export async function runBusReplayCommand(o: { cfg: Config; inputs: string[]; logPath: string | null; poolMints: Array<[string, string]>; progress: boolean; out: (s: string) => void; warn: (s: string) => void }): Promise<BusReplayResult> {
  const inputs = await openReplayInputs(o.inputs.length ? o.inputs : [SAMPLE_INPUT], { poolMints: checkPoolMints(o.poolMints) });
  const bus = await openBus(o.cfg.bus);
  const local = startLocalWorkers(bus, o.cfg);
  const bar = o.progress && o.cfg.replay.progress ? progressBar(inputs.totalRows) : null;
  try {
    // A local engine that fails ends the replay (a remote worker's failure shows as the waiting note).
    const result = await Promise.race([local.failed, replayOverBus(inputs.batches(), { cfg: o.cfg, bus, logPath: o.logPath, seriesEnds: seriesEndsOf(inputs.series, o.cfg.replay.windowEnd), warn: o.warn, onProgress: bar ? (n) => bar.update(n) : undefined })]);
    bar?.done();
    o.out(formatSummary(result.summary));
    if (o.logPath && o.logPath !== '-') o.out(`log: ${o.logPath} (${result.logLines} lines)`);
    return result;
  } finally {
    await local.stop();
    await bus.close();
  }
}
