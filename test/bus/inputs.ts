// Multi-token inputs for the bus tests, built from the real CBRL 1m candles of the bundled sample: each
// token plays the series shifted in time and scaled in price, with metadata records, trades, watermarks
// and a few records the engine must drop (so dropped lines are compared too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Input } from '../../src/domain/market.js';
import { base58Encode } from '../../src/domain/mint.js';

/** A deterministic, valid Solana address (base58 of 32 bytes). */
export function address(seed: number): string {
  const b = new Uint8Array(32);
  let x = seed * 7919 + 17;
  for (let i = 0; i < 32; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    b[i] = (x >> 16) & 0xff;
  }
  b[0] |= 1;
  return base58Encode(b);
}

interface Row { t: number; o: number; h: number; l: number; c: number; v: number }

function sampleRows(): Row[] {
  const lines = readFileSync(join(process.cwd(), 'samples', 'cbrl-1m.csv'), 'utf8').split('\n').filter((l) => l.trim());
  const head = lines[0].split(',');
  const ix = (n: string) => head.indexOf(n);
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    return { t: Number(f[ix('timestamp')]) * 1000, o: Number(f[ix('open')]), h: Number(f[ix('high')]), l: Number(f[ix('low')]), c: Number(f[ix('close')]), v: Number(f[ix('volume_usd')]) };
  });
}

/** Inputs of `tokens` tokens (one keyed by pool only), in knownAt order; `rows` limits the series. */
export function busTestInputs(tokens: number, rows = Infinity): Input[] {
  const series = sampleRows().slice(0, rows);
  const out: Input[] = [];
  for (let i = 0; i < tokens; i++) {
    const mint = i === tokens - 1 ? null : address(i);
    const pool = address(1000 + i);
    const shift = i * 7 * 60_000;
    const k = 1 + i * 0.37;
    const t0 = series[0].t + shift;
    out.push({ kind: 'pool', knownAt: t0, mint, pool, source: 'file', ts: t0, dex: 'raydium', priceUsd: series[0].o * k, liquidityUsd: 80_000 + i * 10_000, volume24hUsd: 500_000, priceChange24hPct: 1, buys24h: 10, sells24h: 9, buys5m: 1, sells5m: 1, fdvUsd: null, marketCapUsd: null, baseReserve: null, quoteReserve: null, quoteMint: null, createdAt: null });
    if (mint) out.push({ kind: 'security', knownAt: t0, mint, pool: null, source: 'file', ts: t0, program: 'spl-token', mintAuthority: i % 3 === 1 ? address(9000 + i) : null, freezeAuthority: null, supply: '1000000000', decimals: 6, extensions: { transferFeeBps: null, permanentDelegate: null, transferHookProgram: null, nonTransferable: false, defaultAccountFrozen: false, mintCloseAuthority: null, paused: false, names: [] }, topHoldersPct: null, provenance: 'rpc' });
    series.forEach((r, n) => {
      const start = r.t + shift;
      const knownAt = start + 60_000;
      if (n % 40 === 7) {
        // A trade in place of the candle, then the same trade again (a duplicate the engine drops).
        const trade: Input = { kind: 'trade', knownAt, mint, pool, source: 'file', ts: start + 30_000, priceUsd: r.c * k, volumeUsd: r.v, side: n % 2 ? 'buy' : 'sell', id: `tx-${i}-${n}` };
        out.push(trade, { ...trade });
      } else {
        out.push({ kind: 'candle', knownAt, mint, pool, source: 'file', start, intervalMs: 60_000, open: r.o * k, high: r.h * k, low: r.l * k, close: r.c * k, volumeUsd: r.v * (1 + i / 5), final: true });
      }
      if (n % 97 === 13) out.push({ kind: 'candle', knownAt, mint, pool, source: 'file', start, intervalMs: 60_000, open: NaN, high: r.h * k, low: r.l * k, close: -1, volumeUsd: r.v, final: true });
      if (n % 60 === 59) out.push({ kind: 'watermark', knownAt, mint, pool, through: knownAt });
    });
  }
  // Stable sort: each token's records keep their order.
  return out.map((x, n) => ({ x, n })).sort((a, b) => a.x.knownAt - b.x.knownAt || a.n - b.n).map((e) => e.x);
}

export function* batchesOf(inputs: readonly Input[], size = 500): Generator<Input[]> {
  for (let i = 0; i < inputs.length; i += size) yield inputs.slice(i, i + size);
}

/** Lines of a JSONL file, sorted (the bus keeps each token's order, not one global order). */
export function sortedLines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0).sort();
}

/**
 * Inputs of `tokens` tokens whose series end at different times (token i loses its last i x 5h 10min of
 * data), with the end of each token's own data as a file replay computes it (`replay.windowEnd: series`):
 * their last windows and outcome horizons run past their own data while other tokens move the clock on.
 */
export function truncatedTestInputs(tokens: number): { inputs: Input[]; seriesEnds: Map<string, number> } {
  const all = busTestInputs(tokens);
  const keyOf = (x: Input) => (x.kind === 'tick' ? null : (x.mint ?? `pool:${x.pool}`));
  const last = new Map<string, number>();
  for (const x of all) {
    const k = keyOf(x);
    if (k !== null && x.knownAt > (last.get(k) ?? -Infinity)) last.set(k, x.knownAt);
  }
  const order = [...last.keys()];
  const cut = new Map(order.map((k, i) => [k, last.get(k)! - i * 310 * 60_000]));
  const inputs = all.filter((x) => x.kind === 'tick' || x.knownAt <= cut.get(keyOf(x)!)!);
  const seriesEnds = new Map<string, number>();
  for (const x of inputs) {
    const k = keyOf(x);
    const end = x.kind === 'candle' ? x.start + x.intervalMs : x.kind === 'trade' ? x.ts : null;
    if (k !== null && end !== null && end > (seriesEnds.get(k) ?? -Infinity)) seriesEnds.set(k, end);
  }
  return { inputs, seriesEnds };
}
