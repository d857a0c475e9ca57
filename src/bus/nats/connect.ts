import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { BusError, type BusConfig } from '../types.js';
import { shownUrl } from '../url.js';

export type { BusConfig } from '../types.js';

/** Stream names and subjects of one bus name. */
export function namesOf(name: string) {
  return {
    inputs: `${name.toUpperCase()}_INPUTS`,
    signals: `${name.toUpperCase()}_SIGNALS`,
    inputSubject: (k: number) => `${name}.inputs.${k}`,
    signalSubject: (k: number) => `${name}.signals.${k}`,
    allInputs: `${name}.inputs.*`,
    allSignals: `${name}.signals.*`,
  };
}

export async function connectNats(url: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name: 'pump-scanner', maxReconnectAttempts: -1 });
  } catch (e) {
    throw new BusError('BUS_UNREACHABLE', `cannot reach the NATS server at ${shownUrl(url)}: ${(e as Error).message}`);
  }
}

export async function managerOf(nc: NatsConnection, url: string): Promise<JetStreamManager> {
  try {
    return await jetstreamManager(nc);
  } catch (e) {
    throw new BusError('BUS_NO_JETSTREAM', `the NATS server at ${shownUrl(url)} has no JetStream (start it with -js): ${(e as Error).message}`);
  }
}

/**
 * Creates the input and signal streams, or checks existing ones carry our subjects. Only settings of
 * the 2.9 server line are used (no multiple filters, no metadata).
 */
export async function ensureStreams(jsm: JetStreamManager, cfg: BusConfig): Promise<void> {
  const n = namesOf(cfg.name);
  const base: Partial<StreamConfig> = {
    retention: RetentionPolicy.Limits, storage: StorageType.File, discard: DiscardPolicy.Old,
    max_age: cfg.maxAgeMs * 1e6, num_replicas: 1,
  };
  await ensure(jsm, { ...base, name: n.inputs, subjects: [n.allInputs], duplicate_window: Math.min(cfg.duplicateWindowMs, cfg.maxAgeMs || Infinity) * 1e6 });
  await ensure(jsm, { ...base, name: n.signals, subjects: [n.allSignals], duplicate_window: Math.min(cfg.duplicateWindowMs, cfg.maxAgeMs || Infinity) * 1e6 });
}

async function ensure(jsm: JetStreamManager, sc: Partial<StreamConfig> & { name: string; subjects: string[] }): Promise<void> {
  try {
    const info = await jsm.streams.info(sc.name);
    if (!sc.subjects.every((s) => info.config.subjects?.includes(s))) {
      throw new BusError('BUS_STREAM_CONFLICT', `stream ${sc.name} exists with subjects ${info.config.subjects?.join(',')} (expected ${sc.subjects.join(',')}); pick another bus.name`);
    }
    // Settings a user changed (duplicate window, age) follow the config.
    if (info.config.duplicate_window !== sc.duplicate_window || info.config.max_age !== sc.max_age) {
      await jsm.streams.update(sc.name, { duplicate_window: sc.duplicate_window, max_age: sc.max_age });
    }
  } catch (e) {
    if (e instanceof BusError) throw e;
    if (!/not found/i.test((e as Error).message)) throw e;
    await jsm.streams.add(sc);
  }
}
