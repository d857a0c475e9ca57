import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { from } from 'rxjs';
import type { ScanEvent } from '../../../src/domain/index.js';
import { reduceTable } from '../../../src/outputs/table/reduce-events.js';
import { initialTableState, visibleKeys } from '../../../src/outputs/table/state.js';
import { startPlainLines } from '../../../src/outputs/table/index.js';
import { displayWidth } from '../../../src/domain/text.js';
import { CBRL_MINT } from './cbrl-events.js';
import { replayCbrlSample } from './real-replay.js';
import { liveLines, renderTable } from './render-helpers.js';

const LIFECYCLE = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected']);
let cached: ScanEvent[] | null = null;
const events = async (): Promise<ScanEvent[]> => (cached ??= await replayCbrlSample());

test('a real replay of samples/cbrl-1m.csv folds into one CBRL row that follows its lifecycle', async () => {
  const ev = await events();
  assert.ok(ev.some((e) => e.type === 'ignition') && ev.some((e) => e.type === 'token'), 'the replay has signals and token views');
  const s = ev.reduce((st, e) => reduceTable(st, e), initialTableState());
  assert.deepEqual(visibleKeys(s), [CBRL_MINT]);
  const row = s.data.rows[CBRL_MINT];
  const lastSignal = [...ev].reverse().find((e) => e.type === 'ignition' || e.type === 'confirmation' || e.type === 'rejected');
  assert.ok(lastSignal && 'id' in lastSignal);
  assert.ok(row.chainIds.includes(lastSignal.id));
  const lastView = [...ev].reverse().find((e) => e.type === 'token');
  assert.equal(row.view, lastView);
  assert.equal(s.data.counts.signals, ev.filter((e) => e.type === 'ignition' || e.type === 'confirmation').length);
  assert.equal(s.data.recent.length, ev.filter((e) => LIFECYCLE.has(e.type)).length);
});

test('the real replay renders at 160 and 60 columns within the width', async () => {
  const ev = await events();
  for (const columns of [160, 60]) {
    const t = renderTable({ columns, start: ev[ev.length - 1].ts });
    const frame = await t.push(...ev);
    const live = liveLines(frame);
    const row = live.find((l) => l.startsWith('>'));
    assert.ok(row, frame);
    assert.match(row, /^> \S+ +/);
    assert.ok(live.every((l) => displayWidth(l) <= columns), live.join('\n'));
    const panel = frame.split('\n').slice(0, frame.split('\n').length - live.length);
    assert.equal(panel.length, ev.filter((e) => LIFECYCLE.has(e.type)).length);
    t.end();
  }
});

test('the real replay gives one plain line per lifecycle event', async () => {
  const ev = await events();
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  await startPlainLines(from(ev), out).done;
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, ev.filter((e) => LIFECYCLE.has(e.type)).length);
  assert.ok(lines.every((l) => l.includes('5LKH…pump')));
});
