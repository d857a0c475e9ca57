import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanEvent } from '../../../src/domain/index.js';
import { reduceAction } from '../../../src/outputs/table/reduce-actions.js';
import { reduceTable } from '../../../src/outputs/table/reduce-events.js';
import { initialTableState, shownData, visibleKeys, type TableState } from '../../../src/outputs/table/state.js';
import { CBRL_MINT, cbrlEvents } from './cbrl-events.js';
import { confirmation, fade, fakeMint, ignition, nearMiss, outcome, rejected, status, T0, tokenView, W0 } from './events.js';

const feed = (events: ScanEvent[], s: TableState = initialTableState()): TableState => events.reduce((st, e) => reduceTable(st, e), s);
const A = { mint: fakeMint(1), symbol: 'AAA' };
const B = { mint: fakeMint(2), symbol: 'BBB' };
const C = { mint: fakeMint(3), symbol: 'CCC' };

test('rows stay where they are when their figures and stages change', () => {
  const ia = ignition(A, { ts: T0, changePct: 3 });
  const ib = ignition(B, { ts: T0 + 60_000, changePct: 9 });
  const ic = ignition(C, { ts: T0 + 120_000, changePct: 5 });
  let s = feed([ia, ib, ic], initialTableState({ sort: 'change' }));
  const before = visibleKeys(s);
  assert.deepEqual(before, [B.mint, C.mint, A.mint]);
  // A overtakes everyone, C confirms, B fades: nobody moves until the user re-sorts.
  s = feed([tokenView(A, { changePct: 40 }), confirmation(ic, 30), fade(ib), tokenView(B, { changePct: -8 })], s);
  assert.deepEqual(visibleKeys(s), before);
  assert.equal(s.data.rows[C.mint].stage, 'CONFIRMED');
  assert.equal(s.data.rows[B.mint].stage, 'FADED');
  s = reduceAction(s, { type: 'setSort', sort: 'change' });
  assert.deepEqual(visibleKeys(s), [A.mint, C.mint, B.mint]);
});

test('a new row is placed by the sort key among the current rows', () => {
  let s = feed([ignition(A, { changePct: 3 }), ignition(B, { changePct: 9 })], initialTableState({ sort: 'change' }));
  s = feed([ignition(C, { changePct: 5 })], s);
  assert.deepEqual(visibleKeys(s), [B.mint, C.mint, A.mint]);
  const newest = feed([ignition(A, { ts: T0 }), ignition(B, { ts: T0 + 1 }), ignition(C, { ts: T0 + 2 })]);
  assert.deepEqual(visibleKeys(newest), [C.mint, B.mint, A.mint]);
});

test('s cycles through every sort key and back, re-sorting each time', () => {
  let s = feed([ignition(A, { changePct: 3, score: 90, ts: T0 + 2 }), ignition(B, { changePct: 9, score: 10, ts: T0 + 1 }), rejected(C, { ts: T0 })]);
  const seen: string[] = [];
  const orders = new Map<string, string[]>();
  for (let i = 0; i < 6; i++) {
    s = reduceAction(s, { type: 'cycleSort' });
    seen.push(s.ui.sort);
    orders.set(s.ui.sort, visibleKeys(s));
  }
  assert.deepEqual(seen, ['change', 'confidence', 'volume', 'liquidity', 'symbol', 'newest']);
  assert.deepEqual(orders.get('change'), [B.mint, C.mint, A.mint]);
  assert.deepEqual(orders.get('confidence'), [A.mint, B.mint, C.mint]);
  assert.deepEqual(orders.get('symbol'), [A.mint, B.mint, C.mint]);
  assert.deepEqual(orders.get('newest'), [A.mint, B.mint, C.mint]);
});

test('f hides rejected rows and shows them again', () => {
  let s = feed([ignition(A), rejected(B), rejected(C, { mintAuthority: 'Fp1uSRHkDqk4BEK7ch8ZPUdHC8Mq4vbm9yVqBXPh9pNw', liquidityUsd: 90_000 })]);
  assert.equal(s.data.rows[B.mint].stage, 'REJECTED');
  assert.equal(s.data.rows[B.mint].failedGate, 'liquidity');
  assert.equal(s.data.rows[C.mint].failedGate, 'mint_authority');
  s = reduceAction(s, { type: 'toggleHideRejected' });
  assert.deepEqual(visibleKeys(s), [A.mint]);
  s = reduceAction(s, { type: 'toggleHideRejected' });
  assert.equal(visibleKeys(s).length, 3);
});

test('p freezes what is shown while events keep being reduced, and resumes with everything', () => {
  let s = feed([ignition(A)]);
  s = reduceAction(s, { type: 'togglePause' });
  s = feed([ignition(B), tokenView(A, { changePct: 33 })], s);
  assert.deepEqual(visibleKeys(s), [A.mint]);
  assert.equal(shownData(s).rows[A.mint].view, null);
  assert.equal(s.data.order.length, 2);
  s = reduceAction(s, { type: 'togglePause' });
  assert.deepEqual(visibleKeys(s), [B.mint, A.mint]);
  assert.equal(shownData(s).rows[A.mint].view?.changePct4h, 33);
});

test('selection follows the row, not the position, and stops at the ends', () => {
  let s = feed([ignition(A, { ts: T0 }), ignition(B, { ts: T0 + 1 })]);
  s = reduceAction(s, { type: 'move', delta: 1 });
  assert.equal(s.ui.selectedKey, A.mint);
  s = feed([ignition(C, { ts: T0 + 2 })], s);
  assert.equal(s.ui.selectedKey, A.mint);
  s = reduceAction(s, { type: 'move', delta: 5 });
  assert.equal(s.ui.selectedKey, A.mint);
  s = reduceAction(s, { type: 'openDetail' });
  assert.equal(s.ui.detailOpen, true);
  s = reduceAction(s, { type: 'closeDetail' });
  assert.equal(s.ui.detailOpen, false);
});

test('outcomes apply only to the signals of the row\'s current window', () => {
  const old = ignition(A, { ts: T0 });
  const next = ignition(A, { ts: T0 + 4 * 3_600_000 });
  let s = feed([old, next, outcome(old, 'SL', T0 + 5 * 3_600_000)]);
  assert.equal(s.data.rows[A.mint].stage, 'IGNITION');
  s = feed([outcome(next, 'TP2', T0 + 6 * 3_600_000)], s);
  assert.equal(s.data.rows[A.mint].stage, 'TP2');
  assert.equal(s.data.recent.length, 4);
});

test('a near miss shows until its window closes and never hides a real signal', () => {
  let s = feed([nearMiss(A), ignition(B), nearMiss(B)]);
  assert.equal(s.data.rows[A.mint].stage, 'NEAR');
  assert.equal(s.data.rows[B.mint].stage, 'IGNITION');
  const bar = { start: W0, intervalMs: 14_400_000, open: 1, high: 1, low: 1, close: 1, volumeUsd: 1 };
  s = feed([{ type: 'window', ts: W0 + 14_400_000, mint: A.mint, pool: null, symbol: 'AAA', bar, changePct: 1, firstUpThresholdAt: null }], s);
  assert.deepEqual(visibleKeys(s), [B.mint]);
});

test('rows are bounded: finished rows are evicted first', () => {
  const limits = { maxRows: 3, maxRecent: 2 };
  const events: ScanEvent[] = [rejected(A, { ts: T0 }), ignition(B, { ts: T0 + 1 }), ignition(C, { ts: T0 + 2 }), ignition({ mint: fakeMint(4), symbol: 'DDD' }, { ts: T0 + 3 })];
  const s = events.reduce((st, e) => reduceTable(st, e, limits), initialTableState());
  assert.deepEqual(Object.keys(s.data.rows).sort(), [B.mint, C.mint, fakeMint(4)].sort());
  assert.equal(s.data.recent.length, 2);
  assert.deepEqual(s.data.recent.map((r) => r.line.id), events.slice(2).map((e) => (e as { id: string }).id));
});

test('source health measures the request rate against the budget', () => {
  const s = feed([status('dexscreener', 'ok', T0, 100, 300), status('dexscreener', 'ok', T0 + 30_000, 160), status('geckoterminal', 'rate_limited', T0, 5, 30, T0 + 12_000)]);
  const dex = s.data.sources.dexscreener;
  assert.equal(dex.ratePerMin, 120);
  assert.equal(dex.budgetPerMin, 300);
  assert.equal(s.data.sources.geckoterminal.nextAttemptAt, T0 + 12_000);
});

test('the reducer never mutates the state it is given', () => {
  const s0 = feed([ignition(A)]);
  const frozen = JSON.stringify(s0, (_k, v) => (v instanceof Set ? [...v] : v));
  feed([tokenView(A, { changePct: 99 }), outcome(ignition(A), 'TP1', T0 + 1), rejected(B), status('solana', 'stale', T0, 3)], s0);
  assert.equal(JSON.stringify(s0, (_k, v) => (v instanceof Set ? [...v] : v)), frozen);
});

test('the CBRL sequence ends with one row whose stage is its last lifecycle event', () => {
  const events = cbrlEvents();
  const s = feed(events);
  assert.deepEqual(visibleKeys(s), [CBRL_MINT]);
  const row = s.data.rows[CBRL_MINT];
  const lifecycle = events.filter((e) => ['ignition', 'confirmation', 'rejected', 'fade', 'outcome'].includes(e.type));
  const last = lifecycle[lifecycle.length - 1];
  const expected = { ignition: 'IGNITION', confirmation: 'CONFIRMED', rejected: 'REJECTED', fade: 'FADED' } as Record<string, string>;
  if (last.type === 'outcome') {
    // An outcome of an older window's signal does not change the current row.
    if (row.chainIds.includes(last.signalId)) assert.equal(row.stage, last.result);
  } else assert.equal(row.stage, expected[last.type]);
  assert.equal(s.data.counts.signals, events.filter((e) => e.type === 'ignition' || e.type === 'confirmation').length);
  assert.equal(s.data.counts.rejected, events.filter((e) => e.type === 'rejected').length);
  assert.ok(row.view !== null && row.view.price !== null && row.view.price < 0.001);
  assert.equal(s.data.tokensSeen.size, 1);
});
