import type { Config } from '../../config/load.js';
import { openBus, shownUrl } from '../../bus/index.js';
import { PartitionEngine } from '../partition.js';
import { confidenceOf } from './replay.js';

export interface WorkerOptions {
  cfg: Config;
  partition: number;
  /** Resolves when the worker should stop (SIGINT, SIGTERM, a test). */
  stop: Promise<void>;
  out: (line: string) => void;
}

/**
 * `pump-scanner worker`: the engine of one partition. Reads the partition's inputs from its durable
 * consumer, publishes the signal lines, and acknowledges each input message once its lines are stored.
 * After a crash it rebuilds its state from the acknowledged messages and carries on where it stopped.
 * Each run brings its deciding settings (and calibration) from the publisher, so workers need no config of their own.
 */
export async function runWorker(o: WorkerOptions): Promise<number> {
  const bus = await openBus(o.cfg.bus);
  const engine = new PartitionEngine(o.cfg, o.cfg.bus.partitions, confidenceOf(o.cfg));
  const abort = new AbortController();
  void o.stop.then(() => abort.abort());
  o.out(`worker: partition ${o.partition} of ${o.cfg.bus.partitions} on ${shownUrl(o.cfg.bus.url)} (stream ${o.cfg.bus.name.toUpperCase()}_INPUTS)`);
  try {
    await bus.runPartition(o.partition, engine, abort.signal);
  } finally {
    await bus.close();
  }
  return 0;
}
