import type { Input } from '../../domain/market.js';
import { ReplayInputError, quoted } from './errors.js';

const KINDS = new Set(['trade', 'candle', 'pool', 'token', 'security', 'impact', 'tick', 'watermark']);

type Obj = Record<string, unknown>;

/**
 * Validates one line of our own NDJSON export (one domain `Input` per line, as the live recorder
 * writes them). Candles and trades are checked field by field; other kinds are checked for the
 * fields the pipeline orders and keys by (kind, knownAt, ts, mint, pool, source) and kept as written.
 */
export function parseInputLine(text: string, file: string, line: number): Input {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReplayInputError(file, line, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ReplayInputError(file, line, 'expected one JSON object per line');
  const o = value as Obj;
  const bad = (why: string): never => { throw new ReplayInputError(file, line, why); };
  if (typeof o.kind !== 'string' || !KINDS.has(o.kind)) bad(`kind ${quoted(o.kind)} is not an input kind (${[...KINDS].join(', ')})`);
  num(o, 'knownAt', bad);
  if (o.kind === 'tick') return o as unknown as Input;
  strOrNull(o, 'mint', bad);
  strOrNull(o, 'pool', bad);
  if (o.kind === 'watermark') {
    num(o, 'through', bad);
    return o as unknown as Input;
  }
  if (typeof o.source !== 'string' || o.source === '') bad('source must be a non-empty string');
  if (o.kind === 'candle') {
    num(o, 'start', bad);
    if (num(o, 'intervalMs', bad) <= 0) bad('intervalMs must be positive');
    for (const k of ['open', 'high', 'low', 'close', 'volumeUsd']) if (num(o, k, bad) < 0) bad(`${k} is negative`);
    if ((o.high as number) < (o.low as number)) bad('high is below low');
    if (typeof o.final !== 'boolean') bad('final must be true or false');
  } else {
    num(o, 'ts', bad);
    if (o.kind === 'trade') {
      for (const k of ['priceUsd', 'volumeUsd']) if (num(o, k, bad) < 0) bad(`${k} is negative`);
      if (o.side !== 'buy' && o.side !== 'sell' && o.side !== null) bad('side must be "buy", "sell" or null');
      strOrNull(o, 'id', bad);
    }
  }
  return o as unknown as Input;
}

function num(o: Obj, key: string, bad: (why: string) => never): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${key} must be a finite number, got ${quoted(v)}`);
  return v as number;
}

function strOrNull(o: Obj, key: string, bad: (why: string) => never): void {
  const v = o[key];
  if (v !== null && typeof v !== 'string') bad(`${key} must be a string or null, got ${quoted(v)}`);
}
