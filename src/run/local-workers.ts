import type { Config } from '../config/load.js';
import { MemoryBus, type Bus } from '../bus/index.js';
import { PartitionEngine } from './partition.js';
import { confidenceOf } from './commands/replay.js';

/** Whether the config sends inputs over a bus (NATS, or more than one partition in memory). */
export function usesBus(cfg: Config): boolean {
  return cfg.bus.url !== 'memory' || cfg.bus.partitions > 1;
}

/**
 * With a memory bus, the partition engines run in this process (a NATS bus has worker processes).
 * `failed` rejects when one of them fails; `stop` ends them.
 */
export function startLocalWorkers(bus: Bus, cfg: Config): { failed: Promise<never>; stop: () => Promise<void> } {
  if (!(bus instanceof MemoryBus)) return { failed: new Promise<never>(() => {}), stop: async () => {} };
  const abort = new AbortController();
  const runs = Array.from({ length: bus.partitions }, (_, k) => bus.runPartition(k, new PartitionEngine(cfg, bus.partitions, confidenceOf(cfg)), abort.signal));
  return {
    failed: Promise.all(runs).then(() => new Promise<never>(() => {})),
    stop: async () => {
      abort.abort();
      await Promise.allSettled(runs);
    },
  };
}
