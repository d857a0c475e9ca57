import type { Input } from '../domain/market.js';
import { splitByPartition } from './partition.js';
import { AsyncQueue } from './queue.js';
import type { Bus, BusMessage, InputPublisher, PartitionHandler, SignalFollower, SignalMessage } from './types.js';

/**
 * The bus inside one process: each partition is a queue read by a handler in the same process, and
 * signal lines go to every follower. Nothing survives the process; `--bus memory` with one partition
 * (the default) does not use it at all (the pipeline runs directly, as it always has).
 */
export class MemoryBus implements Bus {
  private readonly queues: AsyncQueue<BusMessage>[];
  private readonly followers = new Set<AsyncQueue<SignalMessage>>();

  constructor(readonly partitions: number) {
    this.queues = Array.from({ length: partitions }, () => new AsyncQueue<BusMessage>());
  }

  inputPublisher(run: string, settings?: unknown): InputPublisher {
    const toAll = async (m: BusMessage) => {
      for (const q of this.queues) q.push(m);
    };
    return {
      run,
      start: () => toAll({ t: 'start', run, partitions: this.partitions, settings }),
      publish: async (inputs: readonly Input[]) => {
        splitByPartition(inputs, this.partitions).forEach((p, k) => p.length && this.queues[k].push({ t: 'in', run, inputs: p }));
        // Lets the partitions' handlers keep pace instead of queueing the whole input first.
        await new Promise<void>((r) => setImmediate(r));
      },
      end: (knownAt: number) => toAll({ t: 'end', run, knownAt }),
    };
  }

  async followSignals(): Promise<SignalFollower> {
    const q = new AsyncQueue<SignalMessage>();
    this.followers.add(q);
    return { [Symbol.asyncIterator]: () => q[Symbol.asyncIterator](), stop: async () => (this.followers.delete(q), q.close()) };
  }

  async runPartition(k: number, handler: PartitionHandler, signal: AbortSignal): Promise<void> {
    const q = this.queues[k];
    signal.addEventListener('abort', () => q.close(), { once: true });
    for await (const m of q) {
      for (const o of handler.handle(m)) for (const f of this.followers) f.push({ ...o, run: m.run, partition: k });
    }
  }

  async close(): Promise<void> {
    for (const q of this.queues) q.close();
    for (const f of this.followers) f.close();
  }
}
