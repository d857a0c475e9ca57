import type { LogLine } from '../domain/signals.js';
import { serialiseLine } from '../outputs/jsonl.js';
import { BusError, type BusMessage, type Outgoing } from './types.js';

// JSON has no NaN or Infinity. A replay file may carry them in a bad record, and the engine must see the
// same value over the bus as in one process (it drops the record and names the value), so they travel
// as tagged strings and come back as numbers.
const TAG = '\u0000num:';

function replacer(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? TAG + String(v) : v;
}

function reviver(_k: string, v: unknown): unknown {
  return typeof v === 'string' && v.startsWith(TAG) ? Number(v.slice(TAG.length)) : v;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeBusMessage(m: BusMessage): Uint8Array {
  return enc.encode(JSON.stringify(m, replacer));
}

export function decodeBusMessage(data: Uint8Array): BusMessage {
  const text = dec.decode(data);
  let m: BusMessage;
  try {
    // The reviver costs a call per value: only pay for it when a tag is present.
    m = (text.includes('\\u0000num:') ? JSON.parse(text, reviver) : JSON.parse(text)) as BusMessage;
  } catch (e) {
    throw new BusError('BUS_BAD_MESSAGE', `input message is not JSON: ${(e as Error).message}`);
  }
  if (!m || typeof m !== 'object' || typeof m.run !== 'string' || !['start', 'in', 'end'].includes(m.t)) {
    throw new BusError('BUS_BAD_MESSAGE', 'input message is not a start, in or end record of a run');
  }
  return m;
}

/** Signal stream payload: the log line exactly as the JSONL log writes it (secrets redacted), or the end report. */
export function encodeOutgoing(o: Outgoing): Uint8Array {
  return enc.encode(o.kind === 'line' ? serialiseLine(o.line) : JSON.stringify({ knownAt: o.knownAt, figures: o.figures }));
}

export function decodeOutgoing(kind: string, data: Uint8Array): Outgoing {
  const body = JSON.parse(dec.decode(data)) as Record<string, unknown>;
  if (kind === 'end') return { kind: 'end', knownAt: body.knownAt as number, figures: body.figures as Extract<Outgoing, { kind: 'end' }>['figures'] };
  return { kind: 'line', line: body as unknown as LogLine };
}

/** Message id on the signal stream: the line's deterministic id, scoped to its run (two runs of the same input are both delivered). */
export function messageIdOf(run: string, partition: number, o: Outgoing): string {
  return o.kind === 'line' ? `${run}:${o.line.id}` : `${run}:end:${partition}`;
}
