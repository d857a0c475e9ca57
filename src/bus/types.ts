import type { Input } from '../domain/market.js';
import type { LogLine } from '../domain/signals.js';

/** The bus slice of the config (see config/default.json `bus`). */
export interface BusConfig {
  /** `memory` or `nats://host:port`. */
  url: string;
  partitions: number;
  /** Prefix of stream names and subjects: `<NAME>_INPUTS`, `<name>.inputs.<k>`. */
  name: string;
  /** Inputs per bus message. */
  batchInputs: number;
  /** Window in which the signal stream drops a repeated message id, ms. */
  duplicateWindowMs: number;
  /** Age after which the streams drop messages, ms; 0 keeps everything. */
  maxAgeMs: number;
  /** A worker's unacknowledged input message is redelivered after this long, ms. */
  ackWaitMs: number;
}

/** What travels on a partition of the input stream, in order. `run` names one publishing session. */
export type BusMessage =
  /** A new run: the partition's engine starts empty, with the publisher's deciding settings (opaque to the bus). */
  | { t: 'start'; run: string; partitions: number; settings?: unknown }
  /** Normalised inputs of this partition, in knownAt order (ticks included). */
  | { t: 'in'; run: string; inputs: Input[] }
  /** End of input: the engine finishes at clock time `knownAt` (the last input of the whole run). */
  | { t: 'end'; run: string; knownAt: number };

/** Figures a partition reports with its end marker (tokens are disjoint across partitions, so they add). */
export interface PartitionFigures {
  tokens: number;
  windows4h: number;
  windowsUp: number;
  /** Tokens with 5m data (able to ignite) and 4h windows still open at the end (absent from older workers). */
  tokensWith5m?: number;
  windowsOpenAtEnd?: number;
}

/** What a partition's engine produces for one bus message: log lines, and an end report after `end`. */
export type Outgoing =
  | { kind: 'line'; line: LogLine }
  | { kind: 'end'; knownAt: number; figures: PartitionFigures };

/** A message read from the signal stream. */
export type SignalMessage = Outgoing & { run: string; partition: number };

/** Turns bus messages of one partition into outputs, synchronously and deterministically. */
export interface PartitionHandler {
  handle(msg: BusMessage): Outgoing[];
}

/** Publishes one run's inputs, split by partition. */
export interface InputPublisher {
  readonly run: string;
  start(): Promise<void>;
  publish(inputs: readonly Input[]): Promise<void>;
  /** End marker to every partition; `knownAt` is the clock time of the run's last input. */
  end(knownAt: number): Promise<void>;
}

/** A follower of the signal stream: an async iterable that ends on stop(). */
export interface SignalFollower extends AsyncIterable<SignalMessage> {
  stop(): Promise<void>;
}

/** A transport of inputs and signal lines between processes (NATS JetStream) or within one (memory). */
export interface Bus {
  readonly partitions: number;
  /** Publishing side of a new run (`scan`, `replay`). */
  inputPublisher(run: string, settings?: unknown): InputPublisher;
  /** Signals published from now on (`from: 'new'`) or all retained ones (`tail --all`). */
  followSignals(from: 'new' | 'all'): Promise<SignalFollower>;
  /** Worker side: feeds partition `k` to the handler and publishes its outputs until `signal` aborts. */
  runPartition(k: number, handler: PartitionHandler, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Errors of the bus, with a stable code. */
export class BusError extends Error {
  constructor(
    readonly code: 'BUS_URL_INVALID' | 'BUS_UNREACHABLE' | 'BUS_NO_JETSTREAM' | 'BUS_PARTITIONS_MISMATCH' | 'BUS_STREAM_CONFLICT' | 'BUS_BAD_MESSAGE',
    message: string,
  ) {
    super(message);
    this.name = 'BusError';
  }
}
