import type { Config } from '../../config/load.js';
import type { LogLine } from '../../domain/signals.js';
import { serialiseLine } from '../../outputs/jsonl.js';
import { openBus, type Bus } from '../../bus/index.js';

export interface SignalLineMeta {
  run: string;
  partition: number;
}

/**
 * Follows the signal stream and hands every line to `onLine` until `stop` resolves: the hook for
 * consumers on other machines (`tail`, alert sinks). Lines already stored are included with `all`.
 * `onLine` is awaited, so a slow consumer slows the reading, never loses lines.
 */
export async function followSignalLines(bus: Bus, from: 'new' | 'all', onLine: (line: LogLine, meta: SignalLineMeta) => void | Promise<void>, stop: Promise<void>): Promise<void> {
  const follower = await bus.followSignals(from);
  let stopped = false;
  void stop.then(() => ((stopped = true), follower.stop()));
  for await (const m of follower) {
    // Lines already buffered are not handed out after a stop.
    if (stopped) break;
    if (m.kind === 'line') await onLine(m.line, { run: m.run, partition: m.partition });
  }
}

/** `pump-scanner tail`: prints the signal lines of the bus as JSONL (the log's format), for bots. */
export async function runTail(o: { cfg: Config; all: boolean; stop: Promise<void>; write: (s: string) => void | Promise<void> }): Promise<number> {
  const bus = await openBus(o.cfg.bus);
  const types = new Set(o.cfg.log.types);
  try {
    // Awaiting a full stdout slows the reading instead of buffering the stream in memory.
    await followSignalLines(bus, o.all ? 'all' : 'new', (line) => (types.has(line.type) ? o.write(serialiseLine(line) + '\n') : undefined), o.stop);
  } finally {
    await bus.close();
  }
  return 0;
}
