import type { LogLine } from '../domain/signals.js';
import type { Input } from '../domain/market.js';
import { serialiseLine } from '../outputs/jsonl.js';
import { BusError, type BusMessage, type Outgoing } from './types.js';

// JSON has no NaN or Infinity. A replay file may carry them in a bad record, and the engine must see the
// same value over the bus as in one process (it drops the record and names the value), so they travel
// as tagged strings inside the few records that hold them (marked `$nf`), and come back as numbers.
const TAG = '\u0000num:';
const MARK = '$nf';

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v === null || typeof v !== 'object') return false;
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (hasNonFinite(x)) return true;
  return false;
}

function tagged(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : TAG + String(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(tagged);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tagged(x)]));
}

function untagged(v: unknown): unknown {
  if (typeof v === 'string') return v.startsWith(TAG) ? Number(v.slice(TAG.length)) : v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(untagged);
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== MARK).map(([k, x]) => [k, untagged(x)]));
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeBusMessage(m: BusMessage): Uint8Array {
  // The scan costs far less than a replacer called on every value of every record.
  const out = m.t === 'in' && m.inputs.some(hasNonFinite)
    ? { ...m, inputs: m.inputs.map((x) => (hasNonFinite(x) ? { ...(tagged(x) as object), [MARK]: 1 } : x)) }
    : m;
  return enc.encode(JSON.stringify(out));
}

export function decodeBusMessage(data: Uint8Array): BusMessage {
  let m: BusMessage;
  try {
    m = JSON.parse(dec.decode(data)) as BusMessage;
  } catch (e) {
    throw new BusError('BUS_BAD_MESSAGE', `input message is not JSON: ${(e as Error).message}`);
  }
  if (!m || typeof m !== 'object' || typeof m.run !== 'string' || !['start', 'in', 'end'].includes(m.t)) {
    throw new BusError('BUS_BAD_MESSAGE', 'input message is not a start, in or end record of a run');
  }
  if (m.t === 'in') {
    if (!Array.isArray(m.inputs)) throw new BusError('BUS_BAD_MESSAGE', 'input message has no inputs list');
    for (let i = 0; i < m.inputs.length; i++) {
      if ((m.inputs[i] as unknown as Record<string, unknown>)[MARK] === 1) m.inputs[i] = untagged(m.inputs[i]) as Input;
    }
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
