import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth } from '../../../src/domain/text.js';
import { colorAllowed } from '../../../src/outputs/table/color.js';
import { confirmation, fakeMint, ignition, nearMiss, outcome, rejected, status, T0, tokenView } from './events.js';
import { liveLines, renderTable } from './render-helpers.js';
import { HOSTILE_NAMES } from './hostile.js';

const CBRL = { mint: '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump', symbol: 'CBRL', pool: '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP' };
const RUG = { mint: fakeMint(2), symbol: 'RUG' };
const maxWidth = (frame: string): number => Math.max(...frame.split('\n').map(displayWidth));

function market() {
  const ign = ignition(CBRL);
  return { ign, events: [status('dexscreener', 'ok', T0 - 60_000, 100, 300), status('dexscreener', 'ok', T0, 220, 300),
    status('geckoterminal', 'rate_limited', T0, 5, 30, T0 + 12_000), ign, rejected(RUG), tokenView(CBRL)] };
}

test('at 160 columns every column is shown with readable sub-cent prices and compact money', async () => {
  const t = renderTable({ columns: 160, start: T0 });
  const frame = await t.push(...market().events);
  const live = liveLines(frame);
  for (const title of ['SYMBOL', 'MINT', 'STAGE', '4H', 'VOL5M', 'LIQ', 'VOL24H', 'IMPACT', 'AUTH', 'CONF', 'ENTRY', 'STOP', 'SL', 'TP1', 'TP2', 'TP3', 'AGE']) {
    assert.match(live[2], new RegExp(`\\b${title}\\b`), title);
  }
  const row = live.find((l) => l.includes('CBRL'));
  assert.ok(row, frame);
  for (const part of ['5LKH…pump', 'IGNITION', '+5.0%', '3.7x', '$63.5k', '$190k', '1.5%', 'ok', '62*', '0.00005123', '0.00004662']) {
    assert.ok(row.includes(part), `${part} in ${row}`);
  }
  assert.ok(live.some((l) => l.includes('RUG') && l.includes('REJ liquidity')), frame);
  assert.match(live[1], /dexscreener ok 120\/300rpm/);
  assert.match(live[1], /geckoterminal rate-limited 1[12]s/);
  assert.ok(maxWidth(frame) <= 160);
  t.end();
});

// Narrow terminals: the stage column is abbreviated (`REJ liq`) before a more important column goes, and the
// least important columns are dropped first; no line is wider than the terminal.
const NARROW_LAYOUTS: Array<{ columns: number; kept: string[]; dropped: string[] }> = [
  { columns: 60, kept: ['SYMBOL', 'STAGE', '4H', 'CONF', 'ENTRY', 'AGE'], dropped: ['STOP', 'VOL5M', 'LIQ', 'AUTH', 'SL', 'TP1', 'MINT', 'IMPACT', 'VOL24H', 'TP2', 'TP3'] },
  { columns: 80, kept: ['SYMBOL', 'STAGE', '4H', 'CONF', 'ENTRY', 'AGE', 'STOP', 'VOL5M', 'LIQ'], dropped: ['AUTH', 'SL', 'TP1', 'MINT', 'IMPACT', 'VOL24H', 'TP2', 'TP3'] },
  { columns: 120, kept: ['SYMBOL', 'MINT', 'STAGE', '4H', 'VOL5M', 'LIQ', 'AUTH', 'CONF', 'ENTRY', 'STOP', 'SL', 'TP1', 'AGE'], dropped: ['IMPACT', 'VOL24H', 'TP2', 'TP3'] },
];
for (const l of NARROW_LAYOUTS) {
  test(`at ${l.columns} columns the most important columns stay, the stage is abbreviated and nothing wraps`, async () => {
    const t = renderTable({ columns: l.columns, start: T0 });
    const frame = await t.push(...market().events);
    const live = liveLines(frame);
    const titles = live[2];
    for (const kept of l.kept) assert.match(titles, new RegExp(`\\b${kept}\\b`), `${kept} in ${titles}`);
    for (const dropped of l.dropped) assert.doesNotMatch(titles, new RegExp(`\\b${dropped}\\b`), `${dropped} in ${titles}`);
    const row = live.find((x) => x.includes('CBRL'));
    assert.ok(row, frame);
    assert.match(row.trimEnd(), /\b\d+[smhd]$/, `the row ends with its age: ${row}`);
    assert.ok(live.some((x) => x.includes('RUG') && /REJ liq\b/.test(x) && !x.includes('REJ liquidity')), frame);
    assert.ok(maxWidth(frame) <= l.columns, frame);
    t.end();
  });
}

test('resizing reflows the columns', async () => {
  const t = renderTable({ columns: 160, start: T0 });
  await t.push(...market().events);
  const narrow = await t.resize(60);
  assert.doesNotMatch(liveLines(narrow)[2], /TP3/);
  // Panel lines already written stay as they were (scrollback); the live part fits the new width.
  assert.ok(maxWidth(liveLines(narrow).join('\n')) <= 60);
  const wide = await t.resize(160);
  assert.match(liveLines(wide)[2], /TP3/);
  t.end();
});

test('hostile token names render inert and bounded', async () => {
  for (const color of [false, true]) {
    const t = renderTable({ columns: 160, rows: 40, start: T0, color });
    const events = HOSTILE_NAMES.flatMap(([, name], i) => {
      const who = { mint: fakeMint(100 + i), symbol: name };
      return [ignition(who, { ts: T0 + i }), tokenView(who)];
    });
    let frame = await t.push(...events);
    frame += '\n' + (await t.key('\r')); // the detail pane shows the name too
    // Only our own colour codes (SGR `ESC [ ... m`) may appear; no other escape and no control character.
    const withoutSgr = frame.replace(/\x1b\[[0-9;]*m/g, '');
    assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u.test(withoutSgr), JSON.stringify(withoutSgr.slice(0, 400)));
    if (!color) assert.ok(!frame.includes('\x1b'));
    assert.ok(maxWidth(withoutSgr) <= 160);
    assert.ok(!frame.includes('evil.example') && !frame.includes('AAAAAAAAAAAAAAAAAAAA'));
    t.end();
  }
});

test('Enter opens the detail pane with mint, pools, ladder in R, every gate, confidence and data ages; Esc closes it', async () => {
  const t = renderTable({ columns: 160, start: T0 });
  const { ign } = market();
  await t.push(ign, tokenView(CBRL));
  const detail = liveLines(await t.key('\r')).join('\n');
  assert.match(detail, new RegExp(CBRL.mint));
  assert.match(detail, new RegExp(CBRL.pool));
  assert.match(detail, /SL 0\.00004662 \(-1\.0R, -9\.0%\)/);
  assert.match(detail, /TP1 0\.00005815 \(\+1\.5R\).*TP2 0\.00006506 \(\+3\.0R\).*TP3 0\.00007428 \(\+5\.0R\)/);
  for (const gate of ['liquidity', 'volume_24h', 'price_impact', 'mint_authority', 'freeze_authority']) assert.match(detail, new RegExp(`pass\\s+${gate}`));
  assert.match(detail, /liquidity +value \$62\.0k +limit \$50\.0k/);
  assert.match(detail, /price_impact +value 1\.6% +limit 2%/);
  assert.match(detail, new RegExp(`https://dexscreener\\.com/solana/${CBRL.mint}`));
  assert.match(detail, new RegExp(`https://solscan\\.io/token/${CBRL.mint}`));
  assert.match(detail, new RegExp(`https://birdeye\\.so/token/${CBRL.mint}\\?chain=solana`));
  assert.match(detail, /62\* \(uncalibrated score\)/);
  assert.match(detail, /buySellRatio=missing/);
  assert.match(detail, /pool\/dexscreener 9s/);
  const closed = liveLines(await t.key('\x1b')).join('\n');
  assert.doesNotMatch(closed, /Esc or Enter closes/);
  assert.match(closed, /SYMBOL/);
  t.end();
});

test('keys: arrows select, s sorts, f hides rejected, p pauses, q quits', async () => {
  const t = renderTable({ columns: 120, start: T0 });
  await t.push(...market().events);
  let frame = liveLines(await t.key('\x1b[B'));
  assert.match(frame.find((l) => l.startsWith('>')) ?? '', /CBRL/);
  frame = liveLines(await t.key('s'));
  assert.match(frame[0], /sort:change/);
  frame = liveLines(await t.key('f'));
  assert.ok(!frame.some((l) => l.includes('RUG')));
  assert.match(frame[0], /rejected hidden/);
  frame = liveLines(await t.key('p'));
  assert.match(frame[0], /PAUSED/);
  const paused = liveLines(await t.push(ignition({ mint: fakeMint(9), symbol: 'LATE' }, { ts: T0 + 1 })));
  assert.ok(!paused.some((l) => l.includes('LATE')));
  frame = liveLines(await t.key('p'));
  assert.ok(frame.some((l) => l.includes('LATE')));
  await t.key('q');
  assert.equal(t.quits(), 1);
  t.end();
});

test('confidence shows a calibrated probability, or the raw score starred when uncalibrated', async () => {
  const t = renderTable({ columns: 160, start: T0 });
  const frame = liveLines(await t.push(ignition({ mint: fakeMint(5), symbol: 'CAL' }, { p: 0.71 }), ignition({ mint: fakeMint(6), symbol: 'RAW' }, { score: 48 })));
  assert.match(frame.find((l) => l.includes('CAL')) ?? '', / 71% /);
  assert.match(frame.find((l) => l.includes('RAW')) ?? '', / 48\* /);
  t.end();
});

test('the recent panel appends each signal line once, above the table', async () => {
  const t = renderTable({ columns: 160, start: T0 });
  const { ign } = market();
  await t.push(ign);
  await t.push(confirmation(ign));
  const frame = await t.push(outcome(ign, 'TP2', T0 + 6 * 3_600_000), nearMiss(RUG));
  const lines = frame.split('\n');
  const header = lines.findIndex((l) => l.includes('pump-scanner'));
  const panel = lines.slice(0, header);
  assert.equal(panel.filter((l) => / IGNITION /.test(l)).length, 1);
  assert.equal(panel.filter((l) => / CONFIRMED /.test(l)).length, 1);
  assert.equal(panel.filter((l) => / TP2 /.test(l)).length, 1);
  assert.equal(panel.length, 3, 'near misses are rows, not panel lines');
  t.end();
});

test('with many rows the frame stays within the terminal height and says which rows are shown', async () => {
  const t = renderTable({ columns: 120, rows: 20, start: T0 });
  const events = Array.from({ length: 200 }, (_, i) => ignition({ mint: fakeMint(i), symbol: `T${i}` }, { ts: T0 + i }));
  const live = liveLines(await t.push(...events));
  assert.ok(live.length <= 19, `${live.length} lines`);
  assert.match(live[live.length - 1], /rows 1-15 of 200/);
  t.end();
});

test('NO_COLOR set to anything but empty turns colour off', () => {
  assert.equal(colorAllowed({ NO_COLOR: '1' }), false);
  assert.equal(colorAllowed({}), true);
  assert.equal(colorAllowed({ NO_COLOR: '' }), true);
});
