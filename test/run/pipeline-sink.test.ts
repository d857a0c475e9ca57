import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observable } from 'rxjs';
import { scanEvents } from '../../src/run/pipeline.js';
import { replayBatches } from '../../src/run/replay.js';
import { loadConfig } from '../../src/config/load.js';
import { VirtualClock } from '../../src/clock/clock.js';
import { confidenceOf } from '../../src/run/commands/replay.js';
import type { Input } from '../../src/domain/market.js';
import type { ScanEvent } from '../../src/domain/signals.js';
import { FOUR_HOUR_MS, MINUTE_MS } from '../../src/domain/time.js';
import { batchesOf, busTestInputs } from '../bus/inputs.js';

// The pipeline's sink: events go straight to a function instead of through the Observable's next. It must
// see what subscribers see, in the same order, and its errors must end the stream like a bad input's.

const cfg = loadConfig({ presets: ['replay'], env: {} });
const inputs = busTestInputs(4);

/** A token's 4h window that its last candle ends: the end of the stream closes it (a window and a confirmation). */
function windowClosedAtEnd(): Input[] {
  const c = (start: number, open: number, close: number): Input => ({
    kind: 'candle', knownAt: start + MINUTE_MS, mint: 'MINT', pool: 'POOL', source: 'file', start, intervalMs: MINUTE_MS,
    open, high: Math.max(open, close), low: Math.min(open, close), close, volumeUsd: 100, final: true,
  });
  const base = 1_755_993_600_000;
  return [c(base, 1, 1.05), c(base + FOUR_HOUR_MS - MINUTE_MS, 1.05, 1.2)];
}

/** The inputs in batches; `atEnd` is called when they are all out (before the pipeline's end-of-stream work). */
function inputs$(list: readonly Input[], atEnd: () => void): Observable<readonly Input[]> {
  return new Observable<readonly Input[]>((s) => {
    for (const b of batchesOf(list)) {
      if (s.closed) return;
      s.next(b);
    }
    atEnd();
    s.complete();
  });
}

function run(sink: ((e: ScanEvent) => void) | null, list: readonly Input[] = inputs, atEnd: () => void = () => {}): { next: ScanEvent[]; error: unknown; completed: boolean } {
  const out = { next: [] as ScanEvent[], error: undefined as unknown, completed: false };
  scanEvents(inputs$(list, atEnd), { cfg, clock: new VirtualClock(), tickMs: null, confidence: confidenceOf(cfg), sink }).subscribe({
    next: (e) => out.next.push(e),
    error: (err) => (out.error = err),
    complete: () => (out.completed = true),
  });
  return out;
}

describe('pipeline sink', () => {
  it('gets every event a subscriber gets, in the same order, and the Observable then only completes', () => {
    const seen = run(null);
    const sunk: ScanEvent[] = [];
    const viaSink = run((e) => sunk.push(e));
    const types = new Set<string>(seen.next.map((e) => e.type));
    for (const t of ['window', 'ignition', 'confirmation', 'outcome', 'rejected']) assert.ok(types.has(t), `input produces no ${t} event`);
    assert.equal(JSON.stringify(sunk), JSON.stringify(seen.next));
    assert.deepEqual(viaSink.next, []);
    assert.ok(viaSink.completed && seen.completed);
  });

  it('an error thrown by the sink errors the stream and no event follows it', () => {
    const boom = new Error('sink failed');
    let calls = 0;
    const r = run(() => {
      calls += 1;
      if (calls === 25) throw boom;
    });
    assert.equal(r.error, boom);
    assert.equal(r.completed, false);
    assert.equal(calls, 25);
  });

  it('an error thrown by the sink while the end of the stream closes windows errors the stream', () => {
    let atEnd = -1;
    const all: ScanEvent[] = [];
    run((e) => all.push(e), windowClosedAtEnd(), () => (atEnd = all.length));
    assert.ok(atEnd >= 0 && atEnd < all.length, 'the end of the stream emits events');
    const boom = new Error('sink failed at the end');
    let calls = 0;
    const r = run(() => {
      calls += 1;
      if (calls === all.length) throw boom;
    }, windowClosedAtEnd());
    assert.equal(r.error, boom);
    assert.equal(r.completed, false);
  });

  it('a replay whose onEvent throws rejects with that error and leaves no log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipeline-sink-'));
    try {
      const boom = new Error('onEvent failed');
      let n = 0;
      await assert.rejects(
        replayBatches(batchesOf(inputs), { cfg, logPath: join(dir, 'log.jsonl'), confidence: confidenceOf(cfg), onEvent: () => { if (++n === 40) throw boom; } }),
        (err) => err === boom,
      );
      assert.equal(existsSync(join(dir, 'log.jsonl')), false);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
