import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/store/index.js';
import { tempDir } from './helpers.js';

const row = (signalId: string, sink: string, at: number, mint = 'm1', type = 'ignition') => ({ signalId, sink, mint, signalTs: at, line: JSON.stringify({ type, id: signalId }), at });

test('the ledger keys deliveries by (signal, sink), keeps them pending until marked, and survives a reopen', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'ledger.db');
    const s = openStore({ path });
    assert.equal(s.enqueueAlert(row('a', 'webhook', 1)), true);
    assert.equal(s.enqueueAlert(row('a', 'webhook', 2)), false, 'a second enqueue of the same pair is a no-op');
    assert.equal(s.enqueueAlert(row('a', 'discord', 1)), true, 'another sink is another delivery');
    s.enqueueAlert(row('b', 'webhook', 3));
    assert.deepEqual(s.pendingAlerts('webhook', 10).map((d) => d.signalId), ['a', 'b']);
    assert.equal(s.noteAlertAttempt('a', 'webhook', 4, 'HTTP 503'), 1);
    s.markAlertSent('a', 'webhook', 5);
    s.markAlertFailed('b', 'webhook', 6, 'HTTP 404');
    s.close();
    const again = openStore({ path });
    try {
      assert.deepEqual(again.pendingAlerts('webhook', 10), []);
      assert.deepEqual(again.pendingAlerts('discord', 10).map((d) => d.signalId), ['a']);
      assert.deepEqual([again.getAlertDelivery('a', 'webhook')!.state, again.getAlertDelivery('a', 'webhook')!.attempts], ['sent', 2]);
      assert.deepEqual([again.getAlertDelivery('b', 'webhook')!.state, again.getAlertDelivery('b', 'webhook')!.lastError], ['failed', 'HTTP 404']);
      assert.equal(again.alertKnown('a'), true);
      assert.equal(again.alertKnown('zzz'), false);
    } finally {
      again.close();
    }
    const raw = new Database(path, { readonly: true });
    assert.equal((raw.prepare('SELECT count(*) AS n FROM alert_deliveries').get() as { n: number }).n, 3);
    raw.close();
  } finally {
    cleanup();
  }
});

test('dropping beyond the bound keeps the newest pending rows; the cooldown reads entry alerts only', () => {
  const s = openStore({ path: ':memory:' });
  try {
    for (let i = 0; i < 6; i++) s.enqueueAlert(row(`s${i}`, 'webhook', 100 + i, 'm1'));
    assert.equal(s.dropOldestPendingAlerts('webhook', 4, 200), 2);
    assert.deepEqual(s.pendingAlerts('webhook', 10).map((d) => d.signalId), ['s2', 's3', 's4', 's5']);
    assert.deepEqual(s.alertCounts('webhook'), { pending: 4, sent: 0, failed: 0, dropped: 2 });
    assert.equal(s.lastAlertTs('m1'), 105);
    s.enqueueAlert(row('o1', 'webhook', 900, 'm1', 'outcome'));
    assert.equal(s.lastAlertTs('m1'), 105, 'an outcome does not start a cooldown');
    assert.equal(s.lastAlertTs('other'), null);
  } finally {
    s.close();
  }
});
