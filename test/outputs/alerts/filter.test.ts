import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertDecision } from '../../../src/outputs/alerts/index.js';
import type { LogLine } from '../../../src/domain/signals.js';
import { alertsCfg, goldenLines, ignition } from './helpers.js';

const HOUR = 3_600_000;

test('by default ignitions and confirmations are sent and every other line type is not', () => {
  const lines = goldenLines();
  const byType = new Map<string, Set<string>>();
  for (const l of lines) {
    const d = alertDecision(l, alertsCfg(), null);
    byType.set(l.type, (byType.get(l.type) ?? new Set()).add(d));
  }
  assert.ok(byType.has('ignition') && byType.has('confirmation') && byType.has('fade') && byType.has('outcome'), 'the golden log has every kind');
  for (const [type, decisions] of byType) {
    assert.deepEqual([...decisions], [type === 'ignition' || type === 'confirmation' ? 'send' : 'type_not_selected'], type);
  }
});

test('configured types add outcomes, fades and rejections and can drop ignitions', () => {
  const cfg = alertsCfg({ types: ['confirmation', 'outcome', 'fade', 'rejected'] });
  const line = (type: string) => goldenLines().find((l) => l.type === type)!;
  assert.equal(alertDecision(line('ignition'), cfg, null), 'type_not_selected');
  for (const t of ['confirmation', 'outcome', 'fade']) assert.equal(alertDecision(line(t), cfg, null), 'send', t);
  const rejected: LogLine = { ...line('ignition'), type: 'rejected', signalType: 'ignition', failed: [], gates: [] } as unknown as LogLine;
  assert.equal(alertDecision(rejected, cfg, null), 'send');
});

test('a minimum confidence holds back signals below it and signals without a calibrated p', () => {
  const cfg = alertsCfg({ minConfidence: 0.3 });
  const cases: Array<[number | null, string]> = [[0.29999, 'below_min_confidence'], [0.3, 'send'], [0.9, 'send'], [null, 'below_min_confidence']];
  for (const [p, want] of cases) assert.equal(alertDecision(ignition({ id: 'a', p }), cfg, null), want, `p=${p}`);
  assert.equal(alertDecision(ignition({ id: 'a', p: null }), alertsCfg({ minConfidence: 0 }), null), 'send', 'no minimum: p is not needed');
});

test('the per-token cooldown counts event time since the token\'s previous entry alert', () => {
  const cfg = alertsCfg({ cooldownMs: 2 * HOUR });
  const t = 1_755_934_200_000;
  const cases: Array<[number | null, string]> = [[null, 'send'], [t - 2 * HOUR, 'send'], [t - 2 * HOUR + 1, 'cooldown'], [t - 1, 'cooldown'], [t, 'cooldown']];
  for (const [last, want] of cases) assert.equal(alertDecision(ignition({ id: 'a', ts: t }), cfg, last), want, `last=${last}`);
  assert.equal(alertDecision(ignition({ id: 'a', ts: t }), alertsCfg({ cooldownMs: 0 }), t - 1), 'send', 'cooldown 0 is off');
  const outcome = goldenLines().find((l) => l.type === 'outcome')!;
  assert.equal(alertDecision(outcome, alertsCfg({ types: ['outcome'], cooldownMs: 2 * HOUR }), outcome.ts - 1), 'send', 'an outcome closes an alert: no cooldown');
});

test('a line with a failing gate is never sent as an ignition or confirmation', () => {
  const gates = ignition({ id: 'a' }).gates.map((g) => (g.gate === 'liquidity' ? { ...g, status: 'fail' as const, value: 1000, reason: 'liquidity_below_min' } : g));
  assert.equal(alertDecision(ignition({ id: 'a', gates }), alertsCfg(), null), 'gate_failed');
});
