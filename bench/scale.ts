import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { int, mb, printTable } from './md.js';

interface ScaleRun {
  tokens: number;
  check: { closed4h: number; vol5m: number; atr: boolean; forming4h: boolean; forming5m: boolean };
  events: Record<string, number>;
  rss: { before: number; busy: number; full: number; withIds: number };
  heapUsed: { before: number; full: number; withIds: number };
  heapTotal: { before: number; full: number; withIds: number };
  idsPerToken: number;
  phases: Record<'history4h' | 'history1m' | 'trades' | 'candles1m', [number, number]>;
  maxRss: number;
}

function child(tokens: number): ScaleRun {
  const script = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'scale-child.js');
  const out = execFileSync(process.execPath, ['--expose-gc', script, String(tokens)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as ScaleRun;
}

/** RSS of the Engine with many tokens holding full windows, and the cost per input at that size. */
export async function benchScale(): Promise<void> {
  const sizes = [1_000, 10_000];
  const runs = sizes.map(child);
  console.log('\n## scale: the Engine with many tracked tokens (each size in a fresh process)');
  console.log('Per token: 64 closed 4h bars (CBRL native 4h bars, each token starting at another bar), then 130 min of CBRL 1m candles (26 closed 5m bars, forming 1m/5m/4h), then 100 trades with 88-character signature-like ids (price walking through the next CBRL 1m candle), then 10 more 1m candles. Token ids from bench/gen.ts poolId. Engine only (no parsing, no log). V8 returns freed pages to the OS lazily, so RSS is shown right after a full gc and again after a 2 s idle pause and another gc (what a live scanner settles at between bursts); JS heap used is the live data.');
  const r0 = runs[runs.length - 1];
  console.log(`Check at ${int(r0.tokens)} tokens, first token: ${r0.check.closed4h} closed 4h bars kept, ${r0.check.vol5m} closed 5m volumes, ATR ${r0.check.atr ? 'ready' : 'not ready'}, forming 4h ${r0.check.forming4h}, forming 5m ${r0.check.forming5m}; events: ${Object.entries(r0.events).map(([k, v]) => `${k} ${int(v)}`).join(', ')}.`);
  printTable(
    ['tokens', 'RSS before (MB)', 'RSS, full windows, right after gc (MB)', 'RSS, full windows, after 2 s idle + gc (MB)', 'JS heap used / total, full windows (MB)', 'per token: RSS after idle / heap used (bytes)', `RSS with ${r0.idsPerToken} trade ids per token in the forming minute (MB)`, 'per remembered trade id (heap bytes)', 'peak RSS (MB)'],
    runs.map((r) => {
      const perTokRss = (r.rss.full - r.rss.before) / r.tokens;
      const perTokHeap = (r.heapUsed.full - r.heapUsed.before) / r.tokens;
      const perId = (r.heapUsed.withIds - r.heapUsed.full) / (r.tokens * r.idsPerToken);
      return [int(r.tokens), mb(r.rss.before), mb(r.rss.busy), mb(r.rss.full), `${mb(r.heapUsed.full)} / ${mb(r.heapTotal.full)}`, `${int(perTokRss)} / ${int(perTokHeap)}`, mb(r.rss.withIds), int(perId), mb(r.maxRss)];
    }),
  );
  const phase = (r: ScaleRun, k: keyof ScaleRun['phases']) => `${(r.phases[k][1] / r.phases[k][0]).toFixed(0)} (${int(r.phases[k][0])})`;
  printTable(
    ['tokens', 'ns / input: 4h history candles (n)', 'ns / input: 1m history candles (n)', 'ns / input: steady trades with ids (n)', 'ns / input: steady 1m candles (n)'],
    runs.map((r) => [int(r.tokens), phase(r, 'history4h'), phase(r, 'history1m'), phase(r, 'trades'), phase(r, 'candles1m')]),
  );
}
