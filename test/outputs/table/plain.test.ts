import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { from, Subject, throwError, concat } from 'rxjs';
import type { ScanEvent } from '../../../src/domain/index.js';
import { startPlainLines } from '../../../src/outputs/table/index.js';
import { cbrlEvents } from './cbrl-events.js';
import { ignition, T0 } from './events.js';
import { HOSTILE_NAMES } from './hostile.js';

function collect(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

test('the CBRL replay gives one plain line per signal, nothing for token views, windows or status', async () => {
  const events = cbrlEvents();
  const { out, text } = collect();
  await startPlainLines(from(events), out).done;
  const lines = text().trimEnd().split('\n');
  const signals = events.filter((e) => ['ignition', 'confirmation', 'fade', 'outcome', 'rejected'].includes(e.type));
  assert.equal(lines.length, signals.length);
  assert.ok(lines.every((l) => / CBRL 5LKH…pump /.test(l)));
  const first = signals[0];
  assert.ok(lines[0].startsWith(new Date(first.ts).toISOString().slice(0, 19) + 'Z CBRL'));
  assert.ok(lines.some((l) => /^\S+ CBRL 5LKH…pump CONFIRMED \+\d+(\.\d)?% close 0\.0000\d+ /.test(l)));
  assert.ok(lines.some((l) => / REJECTED ignition .*vol24h=\$\d+(\.\d)?k \(limit \$100k\)/.test(l)));
  assert.ok(lines.some((l) => / (TP1|TP2|TP3|SL|TIMEOUT) [+-]\d+\.\d\dR exit /.test(l)));
  assert.ok(!text().includes('\x1b'));
});

test('hostile names are sanitised in plain lines too, one line each', async () => {
  const { out, text } = collect();
  const events: ScanEvent[] = HOSTILE_NAMES.map(([, name], i) => ignition({ mint: `M${i}pump`, symbol: name }, { ts: T0 + i }));
  await startPlainLines(from(events), out).done;
  const lines = text().trimEnd().split('\n');
  assert.equal(lines.length, HOSTILE_NAMES.length);
  assert.ok(!/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/u.test(text().replace(/\n/g, '')));
  assert.ok(lines.every((l) => l.length < 400));
});

test('done resolves on stop and rejects when the stream fails', async () => {
  const { out } = collect();
  const running = startPlainLines(new Subject<ScanEvent>(), out);
  running.stop();
  await running.done;
  const failing = startPlainLines(concat(from([ignition({ mint: 'X', symbol: 'X' })]), throwError(() => new Error('boom'))), out);
  await assert.rejects(failing.done, /boom/);
});
