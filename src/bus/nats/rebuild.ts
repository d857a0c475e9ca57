import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { decodeBusMessage } from '../codec.js';
import type { PartitionHandler } from '../types.js';

/**
 * Replays partition messages up to stream sequence `floor` into the handler, discarding its outputs
 * (they were published before the floor was acknowledged). Returns the last sequence applied. Messages
 * the stream no longer holds (max age) cannot be replayed: the engine starts from what is retained.
 */
export async function rebuildPartition(js: JetStreamClient, stream: string, subject: string, floor: number, handler: PartitionHandler): Promise<number> {
  if (floor <= 0) return 0;
  const consumer = await js.consumers.get(stream, { filter_subjects: subject, deliver_policy: DeliverPolicy.All });
  const messages = await consumer.consume({ max_messages: 256 });
  let last = 0;
  try {
    for await (const m of messages) {
      if (m.seq > floor) break;
      handler.handle(decodeBusMessage(m.data));
      last = m.seq;
      if (m.seq === floor || m.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
  return last;
}
