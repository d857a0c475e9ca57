import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitColumns, rowCells, COLUMNS } from '../../../src/outputs/table/columns.js';
import { formatRatio, stopDistancePct } from '../../../src/outputs/table/format.js';
import { reduceAction } from '../../../src/outputs/table/reduce-actions.js';
import { reduceTable } from '../../../src/outputs/table/reduce-events.js';
import { initialTableState, visibleKeys, type TableState } from '../../../src/outputs/table/state.js';
import type { ScanEvent } from '../../../src/domain/index.js';
import { fakeMint, ignition, nearMiss, outcome, rejected, T0, tokenView } from './events.js';
import { liveLines, renderTable } from './render-helpers.js';

const feed = (events: ScanEvent[], s: TableState = initialTableState()): TableState => events.reduce((st, e) => reduceTable(st, e), s);

test('VOL5M never overflows its 5 columns, however large the ratio', () => {
  const col = COLUMNS.find((c) => c.id === 'volume')!;
  for (const r of [0.04, 9.94, 9.96, 14.4, 999.4, 999.6, 32_569, 999_400, 999_600, 4.2e6, 3e12]) {
    const text = formatRatio(r);
    assert.ok(text.length <= col.width, `${r} -> ${text}`);
  }
  assert.equal(formatRatio(32_569), '33kx');
  assert.equal(formatRatio(4.2e6), '4Mx');
  assert.equal(formatRatio(999.4), '999x');
});

test('stop distance is the share of the entry the stop gives away, in the STOP column', () => {
  assert.equal(stopDistancePct(100, 68), 32);
  assert.equal(stopDistancePct(null, 68), null);
  assert.equal(stopDistancePct(0, 1), null);
  const ign = ignition({ mint: fakeMint(1), symbol: 'STP' }); // sl = entry - 1.5 * 6% of entry
  const row = feed([ign]).data.rows[ign.mint!];
  const cols = fitColumns(160);
  const cells = rowCells(row, cols, T0);
  assert.equal(cells[cols.findIndex((c) => c.id === 'stop')].text.trim(), '9.0%');
});

test('fitColumns keeps the most important columns within the width at every width, narrowing before dropping', () => {
  const byImportance = COLUMNS.slice().sort((a, b) => a.priority - b.priority);
  const GAP_AND_MARKER = (n: number) => 2 + Math.max(0, n - 1);
  let shownBefore = 0;
  for (let width = 20; width <= 200; width++) {
    const cols = fitColumns(width);
    const used = cols.reduce((s, c) => s + c.width, 0) + GAP_AND_MARKER(cols.length);
    assert.ok(cols.length === 0 || used <= width, `${width}: ${used} columns used`);
    // A prefix of the importance order: no column shows while a more important one is dropped.
    const ids = new Set(cols.map((c) => c.id));
    assert.deepEqual(byImportance.slice(0, cols.length).map((c) => c.id).sort(), [...ids].sort(), `${width}`);
    // Display order is kept; a narrowed column is at its narrow width, others at their own.
    assert.deepEqual(cols.map((c) => c.id), COLUMNS.filter((c) => ids.has(c.id)).map((c) => c.id));
    for (const c of cols) {
      const own = COLUMNS.find((x) => x.id === c.id)!;
      assert.ok(c.width === own.width || c.width === own.narrowWidth, `${width}: ${c.id} at ${c.width}`);
    }
    // Wider never shows fewer columns; and a column is narrowed only when the full widths would drop one.
    assert.ok(cols.length >= shownBefore, `${width}`);
    shownBefore = cols.length;
    const full = byImportance.slice(0, cols.length).reduce((s, c) => s + c.width, 0) + GAP_AND_MARKER(cols.length);
    if (full <= width) assert.ok(cols.every((c) => c.width === COLUMNS.find((x) => x.id === c.id)!.width), `${width}: narrowed without need`);
  }
  const at60 = fitColumns(60);
  for (const id of ['symbol', 'stage', 'change', 'confidence', 'entry', 'age']) assert.ok(at60.some((c) => c.id === id), id);
});

test('the narrowed STAGE column abbreviates every gate of a rejection to fit it', () => {
  const stage = fitColumns(60).find((c) => c.id === 'stage')!;
  assert.ok(stage.width < COLUMNS.find((c) => c.id === 'stage')!.width);
  for (const gate of ['liquidity', 'volume_24h', 'price_impact', 'mint_authority', 'freeze_authority', 'token2022_traps'] as const) {
    const e = rejected({ mint: fakeMint(3), symbol: 'RUG' });
    const row = feed([{ ...e, failed: [{ ...e.failed[0], gate }] }]).data.rows[e.mint!];
    const text = rowCells(row, [stage], T0)[0].text;
    assert.ok(text.trimEnd().length <= stage.width && !text.includes('…'), `${gate}: ${text}`);
    assert.match(text, /^REJ \w/);
  }
});

test('SYMBOL shows ? beside the MINT column and the short mint when MINT is dropped', () => {
  const ign = ignition({ mint: fakeMint(2), symbol: null });
  const row = feed([ign]).data.rows[ign.mint!];
  const wide = fitColumns(160);
  const narrow = fitColumns(60);
  assert.ok(wide.some((c) => c.id === 'mint') && !narrow.some((c) => c.id === 'mint'));
  assert.equal(rowCells(row, wide, T0)[0].text.trim(), '?');
  const short = rowCells(row, narrow, T0)[0].text.trim();
  assert.equal(short, `${fakeMint(2).slice(0, 4)}…${fakeMint(2).slice(-4)}`);
});

test('confidence with most features missing says how many were present, in the table and the detail pane', async () => {
  const few = ignition({ mint: fakeMint(3), symbol: 'FEW' }, { p: 0.45 });
  few.confidence = { ...few.confidence!, features: { a: 1, b: null, c: null, d: 2, e: null, f: null, g: null } };
  const full = ignition({ mint: fakeMint(4), symbol: 'FULL' }, { p: 0.45 });
  full.confidence = { ...full.confidence!, features: { a: 1, b: 2, c: 3, d: null } };
  const t = renderTable({ columns: 160, start: T0 });
  const frame = liveLines(await t.push(full, few));
  assert.match(frame.find((l) => l.includes('FEW')) ?? '', / 45% 2\/7 /);
  assert.match(frame.find((l) => l.includes('FULL')) ?? '', / 45% /);
  assert.doesNotMatch(frame.find((l) => l.includes('FULL')) ?? '', /\d\/\d/);
  // FEW is newest, so it is selected first.
  const detail = liveLines(await t.key('\r')).join('\n');
  assert.match(detail, /p=45% \(calibrated\) +only 2 of 7 features present/);
  t.end();
});

test('tokens counts every token with a row, also when token views name no mint', () => {
  const events: ScanEvent[] = [];
  for (let i = 0; i < 5; i++) events.push(ignition({ mint: fakeMint(10 + i), symbol: `T${i}` }));
  events.push(nearMiss({ mint: fakeMint(20), symbol: 'N' }));
  const poolOnly = { ...tokenView({ mint: fakeMint(30), symbol: 'P', pool: fakeMint(31) }), mint: null };
  events.push(poolOnly, poolOnly);
  const s = feed(events);
  assert.equal(s.data.order.length, 6);
  assert.equal(s.data.tokensSeen.size, 7);
});

test('/ searches symbol or mint; t filters by stage; l by liquidity; Esc clears the search', () => {
  const a = ignition({ mint: fakeMint(40), symbol: 'ALPHA' });
  const b = ignition({ mint: fakeMint(41), symbol: 'BETA' });
  const c = rejected({ mint: fakeMint(42), symbol: 'GAMMA' }, { liquidityUsd: 8_000 });
  const d = ignition({ mint: fakeMint(43), symbol: 'DELTA' });
  let s = feed([a, b, c, d, outcome(d, 'TP2', T0 + 3_600_000), tokenView({ mint: fakeMint(41), symbol: 'BETA' }, { liquidityUsd: 120_000 })]);
  const shown = (st: TableState) => visibleKeys(st).map((k) => st.data.rows[k].symbol).sort();
  assert.deepEqual(shown(s), ['ALPHA', 'BETA', 'DELTA', 'GAMMA']);
  s = reduceAction(s, { type: 'startSearch' });
  s = reduceAction(s, { type: 'setSearch', text: 'tA' }); // case-insensitive; no fake mint holds 'ta'
  assert.deepEqual(shown(s), ['BETA', 'DELTA']);
  s = reduceAction(s, { type: 'setSearch', text: fakeMint(42).slice(-6) });
  assert.deepEqual(shown(s), ['GAMMA']);
  s = reduceAction(s, { type: 'endSearch', clear: true });
  assert.deepEqual(shown(s), ['ALPHA', 'BETA', 'DELTA', 'GAMMA']);
  s = reduceAction(s, { type: 'cycleStageFilter' }); // live
  assert.deepEqual(shown(s), ['ALPHA', 'BETA']);
  s = reduceAction(s, { type: 'cycleStageFilter' }); // outcomes
  assert.deepEqual(shown(s), ['DELTA']);
  for (let i = 0; i < 3; i++) s = reduceAction(s, { type: 'cycleStageFilter' }); // near, rejected, all
  assert.equal(s.ui.stageFilter, 'all');
  s = reduceAction(s, { type: 'cycleLiquidityFloor' }); // >= $10k: GAMMA's $8k is below
  assert.deepEqual(shown(s), ['ALPHA', 'BETA', 'DELTA']);
  s = reduceAction(s, { type: 'cycleLiquidityFloor' }); // >= $50k: the gates' 62k pass
  assert.deepEqual(shown(s), ['ALPHA', 'BETA', 'DELTA']);
  s = reduceAction(s, { type: 'cycleLiquidityFloor' }); // >= $100k: only BETA's live view
  assert.deepEqual(shown(s), ['BETA']);
  s = reduceAction(s, { type: 'cycleLiquidityFloor' });
  assert.equal(s.ui.minLiquidityUsd, 0);
});

test('keys in the app: / types a search shown in the footer, t and l name their filter, p calls onPause', async () => {
  const pauses: boolean[] = [];
  const t = renderTable({ columns: 160, start: T0, onPause: (p) => pauses.push(p) });
  await t.push(ignition({ mint: fakeMint(50), symbol: 'ALPHA' }), ignition({ mint: fakeMint(51), symbol: 'BETA' }, { ts: T0 + 1 }));
  await t.key('/');
  for (const ch of 'alp') await t.key(ch);
  let frame = liveLines(await t.key('\r'));
  assert.ok(frame.some((l) => l.includes('ALPHA')) && !frame.some((l) => l.includes('BETA')), frame.join('\n'));
  assert.match(frame[0], /\/alp/);
  frame = liveLines(await t.key('t'));
  assert.match(frame[frame.length - 1], /t stage:live/);
  frame = liveLines(await t.key('l'));
  assert.match(frame[frame.length - 1], /l liq:>=\$10\.0k/);
  await t.key('p');
  await t.key('p');
  assert.deepEqual(pauses, [true, false]);
  t.end();
});

test('in a replay the header shows the market clock and the share done', async () => {
  let done = 37.6;
  const t = renderTable({ columns: 160, start: T0, stats: () => ({ marketTime: Date.UTC(2025, 8, 4, 16, 7), replayDonePct: done }) });
  let frame = liveLines(await t.push(ignition({ mint: fakeMint(60), symbol: 'R' })));
  assert.match(frame[0], /market 2025-09-04 16:07Z 37% done/);
  done = 100;
  frame = liveLines(await t.push(ignition({ mint: fakeMint(61), symbol: 'S' })));
  assert.match(frame[0], /100% done/);
  t.end();
});

test('keys arriving in one chunk (fast typing, tmux) are handled one by one: "/alp" starts a search for alp', async () => {
  const t = renderTable({ columns: 160, start: T0 });
  await t.push(ignition({ mint: fakeMint(70), symbol: 'ALPHA' }), ignition({ mint: fakeMint(71), symbol: 'BETA' }, { ts: T0 + 1 }));
  await t.key('/alp');
  const frame = liveLines(await t.key('\r'));
  assert.ok(frame.some((l) => l.includes('ALPHA')) && !frame.some((l) => l.includes('BETA')), frame.join('\n'));
  t.end();
});

test('in a narrow terminal the detail pane keeps each link whole', async () => {
  const t = renderTable({ columns: 70, rows: 40, start: T0 });
  const mint = fakeMint(80);
  await t.push(ignition({ mint, symbol: 'NARROW' }));
  const frame = liveLines(await t.key('\r')).join('');
  for (const url of [`https://dexscreener.com/solana/${mint}`, `https://solscan.io/token/${mint}`, `https://birdeye.so/token/${mint}?chain=solana`]) {
    assert.ok(frame.includes(url), `${url} whole in ${frame}`);
  }
  t.end();
});

test('the engine\'s own feature count, when the line carries it, is the one shown', () => {
  const ign = ignition({ mint: fakeMint(90), symbol: 'CNT' }, { p: 0.3 });
  ign.confidence = { ...ign.confidence!, features: { a: 1, b: 2 }, featuresPresent: 1, featuresTotal: 9 };
  const row = feed([ign]).data.rows[ign.mint!];
  const cols = fitColumns(160);
  assert.equal(rowCells(row, cols, T0)[cols.findIndex((c) => c.id === 'confidence')].text.trim(), '30% 1/9');
});
