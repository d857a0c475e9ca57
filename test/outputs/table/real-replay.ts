import { from } from 'rxjs';
import { resolve } from 'node:path';
import { VirtualClock } from '../../../src/clock/clock.js';
import { loadConfig } from '../../../src/config/load.js';
import type { Input, ScanEvent } from '../../../src/domain/index.js';
import { scanEvents } from '../../../src/run/pipeline.js';
import { openReplayInputs } from '../../../src/sources/recorded/index.js';

/**
 * Scan events of a real replay of samples/cbrl-1m.csv through the lead's pipeline, with clock ticks
 * every TICK_MS so token views are emitted as in `replay --table`. The virtual clock starts at the first
 * input (a clock at 0 would tick through every minute since 1970).
 */
// Minute ticks over the sample's 17 days overflow the stack when the pipeline unsubscribes its interval
// (RxJS virtual actions chain one subscription per tick); 15 minutes stays well clear of that.
const TICK_MS = 15 * 60_000;

export async function replayCbrlSample(): Promise<ScanEvent[]> {
  const cfg = loadConfig({ presets: ['replay'], env: {} });
  const inputs = await openReplayInputs([resolve(process.cwd(), 'samples/cbrl-1m.csv')], { poolMints: {} });
  const batches: Array<readonly Input[]> = [];
  for await (const b of inputs.batches()) batches.push(b);
  const first = batches.find((b) => b.length > 0)?.[0];
  if (!first) throw new Error('samples/cbrl-1m.csv gave no inputs');
  const events: ScanEvent[] = [];
  await new Promise<void>((done, fail) => {
    scanEvents(from(batches), { cfg, clock: new VirtualClock(first.knownAt), tickMs: TICK_MS, views: { staleAfterMs: 600_000 } })
      .subscribe({ next: (e) => events.push(e), error: fail, complete: done });
  });
  return events;
}
