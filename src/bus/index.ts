// The bus: how inputs reach partitioned engines and how their signal lines come back. Only this folder
// imports the NATS client; the engine never imports the bus.
export { partitionOf, routingKeyOf, splitByPartition } from './partition.js';
export { BusError, type Bus, type BusMessage, type InputPublisher, type Outgoing, type PartitionFigures, type PartitionHandler, type SignalFollower, type SignalMessage } from './types.js';
export { MemoryBus } from './memory.js';
export { busUrlProblem, shownUrl } from './url.js';
export type { BusConfig } from './types.js';
import type { Bus, BusConfig } from './types.js';
import { MemoryBus } from './memory.js';

/** Opens the configured bus; the NATS client loads only when a NATS URL is given. */
export async function openBus(cfg: BusConfig): Promise<Bus> {
  if (cfg.url === 'memory') return new MemoryBus(cfg.partitions);
  const { NatsBus } = await import('./nats/bus.js');
  return NatsBus.open(cfg);
}
