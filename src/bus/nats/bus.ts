import { headers, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { Input } from '../../domain/market.js';
import { splitByPartition } from '../partition.js';
import { decodeBusMessage, decodeOutgoing, encodeBusMessage, encodeOutgoing, messageIdOf } from '../codec.js';
import type { Bus, BusMessage, InputPublisher, PartitionHandler, SignalFollower, SignalMessage } from '../types.js';
import { connectNats, ensureStreams, managerOf, namesOf, type BusConfig } from './connect.js';
import { rebuildPartition } from './rebuild.js';

/** Publishes in flight at most; the connection keeps their order, so the streams keep it too. */
const MAX_IN_FLIGHT = 256;

/**
 * Inputs and signal lines over NATS JetStream. Inputs of partition k go to `<name>.inputs.k` in the
 * INPUTS stream; workers publish lines to `<name>.signals.k` in the SIGNALS stream with a message id
 * the stream deduplicates, so a line republished after a crash is stored once.
 */
export class NatsBus implements Bus {
  private readonly js: JetStreamClient;
  private readonly names;

  private constructor(private readonly nc: NatsConnection, private readonly jsm: JetStreamManager, private readonly cfg: BusConfig) {
    this.js = jetstream(nc);
    this.names = namesOf(cfg.name);
  }

  static async open(cfg: BusConfig): Promise<NatsBus> {
    const nc = await connectNats(cfg.url);
    try {
      const jsm = await managerOf(nc, cfg.url);
      await ensureStreams(jsm, cfg);
      return new NatsBus(nc, jsm, cfg);
    } catch (e) {
      await nc.close();
      throw e;
    }
  }

  get partitions(): number {
    return this.cfg.partitions;
  }

  /** Version of the server (for reports). */
  get serverVersion(): string {
    return this.nc.info?.version ?? 'unknown';
  }

  inputPublisher(run: string, settings?: unknown): InputPublisher {
    const n = this.cfg.partitions;
    const inFlight: Promise<unknown>[] = [];
    const maxPayload = Math.max(1024, (this.nc.info?.max_payload ?? 1 << 20) - 1024);
    const send = async (k: number, m: BusMessage) => {
      const data = encodeBusMessage(m);
      if (data.length > maxPayload && m.t === 'in' && m.inputs.length > 1) {
        // Too large for one message: halves, in order.
        const mid = m.inputs.length >> 1;
        await send(k, { ...m, inputs: m.inputs.slice(0, mid) });
        return send(k, { ...m, inputs: m.inputs.slice(mid) });
      }
      inFlight.push(this.js.publish(this.names.inputSubject(k), data));
      if (inFlight.length >= MAX_IN_FLIGHT) await Promise.all(inFlight.splice(0));
    };
    const toAll = async (m: BusMessage) => {
      for (let k = 0; k < n; k++) await send(k, m);
      await Promise.all(inFlight.splice(0));
    };
    return {
      run,
      start: () => toAll({ t: 'start', run, partitions: n, settings }),
      publish: async (inputs: readonly Input[]) => {
        const parts = splitByPartition(inputs, n);
        for (let k = 0; k < n; k++) {
          const p = parts[k];
          for (let i = 0; i < p.length; i += this.cfg.batchInputs) await send(k, { t: 'in', run, inputs: p.slice(i, i + this.cfg.batchInputs) });
        }
      },
      end: (knownAt: number) => toAll({ t: 'end', run, knownAt }),
    };
  }

  async followSignals(from: 'new' | 'all'): Promise<SignalFollower> {
    const info = await this.jsm.streams.info(this.names.signals);
    const consumer = await this.js.consumers.get(this.names.signals, from === 'all'
      ? { filter_subjects: this.names.allSignals, deliver_policy: DeliverPolicy.All }
      : { filter_subjects: this.names.allSignals, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: info.state.last_seq + 1 });
    const messages = await consumer.consume();
    async function* read(): AsyncGenerator<SignalMessage> {
      for await (const m of messages) {
        const h = m.headers;
        const kind = h?.get('Pump-Kind') ?? 'line';
        yield { ...decodeOutgoing(kind, m.data), run: h?.get('Pump-Run') ?? '', partition: Number(h?.get('Pump-Partition') ?? -1) };
      }
    }
    const it = read();
    return { [Symbol.asyncIterator]: () => it, stop: async () => void (await messages.close()) };
  }

  async runPartition(k: number, handler: PartitionHandler, signal: AbortSignal): Promise<void> {
    const durable = `${this.cfg.name}-worker-${k}`;
    const subject = this.names.inputSubject(k);
    // Progress survives in the durable consumer's ack floor: every message up to it had its lines
    // published. The engine's state is rebuilt from those messages (lines not republished), then the
    // consumer is recreated just after the floor, so nothing is lost and nothing waits for ack_wait.
    let floor = 0;
    try {
      floor = (await this.jsm.consumers.info(this.names.inputs, durable)).ack_floor.stream_seq;
      await this.jsm.consumers.delete(this.names.inputs, durable);
    } catch (e) {
      if (!/not found/i.test((e as Error).message)) throw e;
    }
    let last = await rebuildPartition(this.js, this.names.inputs, subject, floor, handler);
    await this.jsm.consumers.add(this.names.inputs, {
      durable_name: durable, filter_subject: subject, ack_policy: AckPolicy.All, ack_wait: this.cfg.ackWaitMs * 1e6,
      deliver_policy: floor > 0 ? DeliverPolicy.StartSequence : DeliverPolicy.All, ...(floor > 0 ? { opt_start_seq: floor + 1 } : {}),
      max_ack_pending: 10_000,
    });
    const consumer = await this.js.consumers.get(this.names.inputs, durable);
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
    const onAbort = () => void messages.close();
    signal.addEventListener('abort', onAbort);
    let chain: Promise<unknown> = Promise.resolve();
    let pending = 0;
    let failed: unknown = null;
    try {
      for await (const m of messages) {
        if (failed) throw failed;
        // A redelivery of a message already applied: acknowledge it, apply nothing twice.
        if (m.seq <= last) {
          chain = chain.then(() => m.ack());
          continue;
        }
        last = m.seq;
        const msg = decodeBusMessage(m.data);
        const pubs = handler.handle(msg).map((o) => {
          const h = headers();
          h.set('Pump-Run', msg.run);
          h.set('Pump-Partition', String(k));
          h.set('Pump-Kind', o.kind);
          return this.js.publish(this.names.signalSubject(k), encodeOutgoing(o), { msgID: messageIdOf(msg.run, k, o), headers: h });
        });
        pending += 1;
        // Acknowledged only once its lines are stored: a crash before that redelivers it.
        chain = chain.then(() => Promise.all(pubs)).then(() => (m.ack(), (pending -= 1)));
        chain.catch((err) => {
          failed ??= err;
          void messages.close();
        });
        if (pending > MAX_IN_FLIGHT) await chain;
      }
      await chain;
      if (failed) throw failed;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    // Drain delivers what is in flight; a server that stopped answering does not hold the exit up.
    const timeout = new Promise((r) => setTimeout(r, 2000).unref());
    await Promise.race([this.nc.drain().catch(() => undefined), timeout]);
    if (!this.nc.isClosed()) await this.nc.close();
  }
}
