import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SinkHealth } from '../../../src/outputs/alerts/sink-health.js';
import { statusLine } from '../../../src/run/live/status-lines.js';
import type { StatusLine } from '../../../src/domain/signals.js';
import { renderTable } from '../table/render-helpers.js';

test('a failing alert sink shows in the table header next to the sources', async () => {
  const start = Date.UTC(2025, 7, 22);
  const t = renderTable({ columns: 160, start });
  try {
    const lines: StatusLine[] = [];
    const health = new SinkHealth('discord', 2, () => t.clock.now(), (s) => lines.push(statusLine(s)));
    health.report();
    health.failure('discord: HTTP 503', 503, 1000);
    health.failure('discord: HTTP 503', 503, 2000);
    assert.deepEqual(lines.map((l) => [l.source, l.state]), [['alert:discord', 'ok'], ['alert:discord', 'retrying'], ['alert:discord', 'failed']]);
    const frame = await t.push(...lines);
    const header = frame.split('\n').find((l) => l.includes('alert:discord'));
    assert.ok(header, `no alert:discord in the header:\n${frame}`);
    assert.match(header, /alert:discord\S*\s+\S*fail/i);
  } finally {
    t.end();
  }
});
