import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks, priceSvg, timeTicks } from '../../../src/outputs/report/price-chart.js';
import { signalsTable, tokenLinks } from '../../../src/outputs/report/signals-table.js';
import type { SignalRow, TokenChart } from '../../../src/outputs/report/types.js';

const H4 = 4 * 3_600_000;
const T = Date.UTC(2025, 8, 1);
const MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';

// Closes stay between 1.0 and 1.2; one window's wick reaches 1.5 (where TP1 sits), TP3 at 9 is far above.
function chart(): TokenChart {
  const closes = [1.0, 1.1, 1.05, 1.2, 1.15, 1.1];
  return {
    key: MINT, mint: MINT, symbol: 'CBRL',
    windows: closes.map((c, i) => ({ start: T + i * H4, open: i === 0 ? 1.0 : closes[i - 1], high: i === 2 ? 1.5 : c * 1.02, low: c * 0.97, close: c, changePct: 3 })),
    signals: [{ type: 'ignition', ts: T + H4 + 60_000, price: 1.1, result: 'TP1', rMultiple: 1.5,
      ladder: { entry: 1.1, sl: 0.9, tp: [1.5, 4, 9], atr: 0.13, r: 0.2, slMode: 'atr', breakevenAfterTp1: true } }],
  };
}

/** The signal table's rows of one chart. */
const rowsOf = (c: TokenChart): SignalRow[] => c.signals.map((x) => ({ key: c.key, symbol: c.symbol, mint: c.mint ?? null, ...x, rMultiple: x.rMultiple ?? null }));

const numbers = (svg: string, re: RegExp) => [...svg.matchAll(re)].map((m) => Number(m[1]));

test('candles have wicks: a target reached only by a high is inside the price range and drawn as a level line', () => {
  const svg = priceSvg(chart(), 24 * 3_600_000);
  const candles = svg.match(/<g><title>/g) ?? [];
  assert.equal(candles.length, 6);
  // The wick of the third window reaches its high of 1.5 above every body.
  const wickTops = numbers(svg, /<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="[\d.]+" stroke="#(?:16a34a|dc2626)" stroke-width="1"\/>/g);
  const bodyTops = numbers(svg, /<rect x="[\d.]+" y="([\d.]+)" width/g).slice(1); // the first rect is the frame
  assert.equal(wickTops.length, 6);
  assert.ok(Math.min(...wickTops) < Math.min(...bodyTops) - 20, `${wickTops} vs ${bodyTops}`);
  assert.match(svg, /<title>TP1 1\.5 \(signal/);
});

test('ladder levels outside the price range are labelled markers at the edge, not lines pinned to the frame', () => {
  const svg = priceSvg(chart(), 24 * 3_600_000);
  assert.match(svg, />TP2 TP3 ↑ 4</);
  assert.doesNotMatch(svg, /<title>TP3 9 \(signal/);
  assert.match(svg, /off the chart: TP2 4, TP3 9/);
  // The stop (0.9) is under the lowest low (0.97) and the 5% margin: a marker at the bottom edge.
  assert.match(svg, />SL ↓ 0\.9</);
  assert.doesNotMatch(svg, /<title>SL 0\.9 \(signal/);
});

test('axes have time and price ticks, and the chart names its token', () => {
  const svg = priceSvg(chart(), 24 * 3_600_000);
  assert.match(svg, /class="ttl">CBRL · 4h candles</);
  assert.ok((svg.match(/class="tk">09-0\d \d\d:\d\d</g) ?? []).length >= 3, 'time ticks');
  assert.ok((svg.match(/class="tk">1(\.\d+)?</g) ?? []).length >= 3, 'price ticks');
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(timeTicks(T, T + 3 * 24 * 3_600_000), [0, 1, 2, 3].map((d) => T + d * 24 * 3_600_000));
});

test('the per-signal table links each token to DexScreener, Solscan and Birdeye and shows the stop distance', () => {
  const html = signalsTable(rowsOf(chart()));
  assert.ok(html.includes(`href="https://dexscreener.com/solana/${MINT}"`));
  assert.ok(html.includes(`href="https://solscan.io/token/${MINT}"`));
  assert.ok(html.includes(`href="https://birdeye.so/token/${MINT}?chain=solana"`));
  assert.match(html, /<td>18%<\/td>/); // (1.1 - 0.9) / 1.1
  const wide = chart();
  wide.signals[0].ladder = { ...wide.signals[0].ladder!, sl: 0.33 };
  assert.match(signalsTable(rowsOf(wide)), /<td class="warn">70%<\/td>/);
  assert.match(html, /<td>TP1<\/td><td>1\.50<\/td>/);
  // Without an outcome: open when a ladder is followed, nothing to report without a ladder.
  const [row] = rowsOf(chart());
  assert.match(signalsTable([{ ...row, result: null, rMultiple: null }]), /<td><span class="muted">open<\/span><\/td><td>–<\/td>/);
  assert.match(signalsTable([{ ...row, ladder: null, result: null, rMultiple: null }]), /no ladder<\/span><\/td><td>–<\/td><td>–<\/td>/);
});

test('hostile symbols and mints cannot inject markup or links', () => {
  const c = chart();
  c.symbol = '<img src=x onerror=alert(1)>';
  c.mint = `${MINT}" onclick="x`;
  const html = signalsTable(rowsOf(c)) + priceSvg(c, 24 * 3_600_000, c.symbol);
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('onclick'));
  assert.deepEqual(tokenLinks('javascript:alert(1)'), []);
});

test('the signal table lists every row up to its cap: the newest open, the rest in folded pages, the remainder counted', () => {
  const base = rowsOf(chart())[0];
  const rows = Array.from({ length: 1234 }, (_, i) => ({ ...base, ts: T - i * 60_000 }));
  const html = signalsTable(rows, { first: 100, pageSize: 500, max: 1000 });
  const tables = html.split('<table').slice(1).map((t) => (t.match(/<tr>/g) ?? []).length - 1);
  assert.deepEqual(tables, [100, 500, 400]);
  assert.deepEqual([...html.matchAll(/<summary>signals (\d+)–(\d+) of (\d+)<\/summary>/g)].map((m) => m.slice(1).map(Number)), [[101, 600, 1234], [601, 1000, 1234]]);
  assert.match(html, /234 older signals are not listed here/);
  // Every row once, newest first.
  const times = [...html.matchAll(/<tr><td>([^<]+)<\/td>/g)].map((m) => m[1]);
  assert.equal(times.length, 1000);
  assert.deepEqual(times, [...times].sort().reverse());
  assert.doesNotMatch(signalsTable(rows.slice(0, 50)), /<details>|older signals/);
});
