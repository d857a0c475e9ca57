import type { Candle } from '../../domain/market.js';
import { ReplayInputError, UnknownLayoutError, quoted } from './errors.js';
import { intervalFromLabel } from './intervals.js';
import { poolFromFileName } from './csv-fields.js';

/** Candles read from one JSON document; intervalMs 0 means "infer from spacing" (GeckoTerminal). */
export interface JsonDocCandles {
  candles: Candle[];
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a GeckoTerminal or Birdeye OHLCV response body into candles (any order). */
export function candlesFromJsonDoc(text: string, file: string, poolMints: Record<string, string>): JsonDocCandles {
  if (text.trim() === '') throw new ReplayInputError(file, null, 'empty file');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ReplayInputError(file, lineOfJsonError(text, e as Error), `not valid JSON (${(e as Error).message})`);
  }
  const data = isObj(doc) ? doc.data : undefined;
  if (isObj(data) && isObj(data.attributes) && Array.isArray(data.attributes.ohlcv_list)) {
    return geckoTerminal(data.attributes.ohlcv_list, isObj(doc) ? doc.meta : undefined, file, poolMints);
  }
  if (isObj(data) && Array.isArray(data.items)) return birdeye(data.items, file, poolMints);
  const keys = isObj(doc) ? Object.keys(doc).join(', ') : typeof doc;
  throw new UnknownLayoutError(file, null, `unknown JSON layout (top level: ${keys}); expected GeckoTerminal data.attributes.ohlcv_list or Birdeye data.items`);
}

function geckoTerminal(list: unknown[], meta: unknown, file: string, poolMints: Record<string, string>): JsonDocCandles {
  const base = isObj(meta) && isObj(meta.base) ? meta.base : null;
  const pool = poolFromFileName(file);
  const mint = base !== null && typeof base.address === 'string' ? base.address : pool !== null ? (poolMints[pool] ?? null) : null;
  const candles = list.map((row, i) => {
    if (!Array.isArray(row) || row.length < 6) throw new ReplayInputError(file, null, `ohlcv_list[${i}] is not [timestamp, open, high, low, close, volume]`);
    const [t, open, high, low, close, volumeUsd] = row.map((v, k) => jsonNumber(v, `ohlcv_list[${i}][${k}]`, file));
    return candle(secondsToMs(t, `ohlcv_list[${i}][0]`, file), 0, open, high, low, close, volumeUsd, mint, pool, file, `ohlcv_list[${i}]`);
  });
  return { candles, notes: [] };
}

function birdeye(items: unknown[], file: string, poolMints: Record<string, string>): JsonDocCandles {
  const notes: string[] = [];
  let estimated = false;
  const candles = items.map((item, i) => {
    const at = `items[${i}]`;
    if (!isObj(item)) throw new ReplayInputError(file, null, `${at} is not an object`);
    if (item.currency !== undefined && item.currency !== 'usd') throw new ReplayInputError(file, null, `${at}.currency is ${quoted(item.currency)}; only USD prices can be replayed`);
    const rawTime = item.unixTime ?? item.unix_time;
    const start = secondsToMs(jsonNumber(rawTime, `${at}.unixTime`, file), `${at}.unixTime`, file);
    const intervalMs = typeof item.type === 'string' ? intervalFromLabel(item.type) : null;
    if (intervalMs === null) throw new ReplayInputError(file, null, `${at}.type ${quoted(item.type)} is not a known candle interval`);
    const [o, h, l, c] = (['o', 'h', 'l', 'c'] as const).map((k) => jsonNumber(item[k], `${at}.${k}`, file));
    let volumeUsd: number;
    if (item.v_usd !== undefined) volumeUsd = jsonNumber(item.v_usd, `${at}.v_usd`, file);
    else {
      // v1 `v` is volume in token units; v * close is the closest USD figure the response allows.
      volumeUsd = jsonNumber(item.v, `${at}.v`, file) * c;
      estimated = true;
    }
    // The token endpoint's items carry `currency` and name the mint; the pair endpoint's name the pool.
    const address = typeof item.address === 'string' ? item.address : null;
    const isToken = item.currency !== undefined;
    const pool = isToken ? null : address ?? poolFromFileName(file);
    const mint = isToken ? address : pool !== null ? (poolMints[pool] ?? null) : null;
    return candle(start, intervalMs, o, h, l, c, volumeUsd, mint, pool, file, at);
  });
  if (estimated) notes.push('Birdeye v1 volume is in token units; volumeUsd estimated as v * close');
  return { candles, notes };
}

function candle(start: number, intervalMs: number, open: number, high: number, low: number, close: number, volumeUsd: number,
  mint: string | null, pool: string | null, file: string, at: string): Candle {
  for (const [k, v] of [['open', open], ['high', high], ['low', low], ['close', close], ['volume', volumeUsd]] as const) {
    if (v < 0) throw new ReplayInputError(file, null, `${at}: ${k} is negative`);
  }
  if (high < low) throw new ReplayInputError(file, null, `${at}: high is below low`);
  return { kind: 'candle', knownAt: start + intervalMs, mint, pool, source: 'file', start, intervalMs, open, high, low, close, volumeUsd, final: true };
}

function jsonNumber(v: unknown, at: string, file: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new ReplayInputError(file, null, `${at} is not a finite number (${quoted(v)})`);
  return n;
}

/** JSON OHLCV times are documented as unix seconds; a millisecond value is rejected, not rescaled. */
function secondsToMs(t: number, at: string, file: string): number {
  if (t <= 0 || t >= 1e11) throw new ReplayInputError(file, null, `${at} = ${t} is not a unix time in seconds`);
  return Math.round(t * 1000);
}

function lineOfJsonError(text: string, e: Error): number | null {
  const m = /position (\d+)/.exec(e.message);
  // "Unexpected end of JSON input" carries no position: the document stops early, at its last line.
  const pos = m ? Number(m[1]) : /end of JSON/i.test(e.message) ? text.length : -1;
  if (pos < 0) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
