import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Subject, asyncScheduler } from 'rxjs';
import { scanEvents } from '../../src/run/pipeline.js';
import { loadConfig } from '../../src/config/load.js';
import { VirtualClock, type Clock } from '../../src/clock/clock.js';
import type { Candle, Input } from '../../src/domain/market.js';
import type { ScanEvent, TokenView } from '../../src/domain/signals.js';
import { MINUTE_MS } from '../../src/domain/time.js';

const BASE = 1_755_993_600_000;
const cfg = loadConfig({ presets: ['scan'], env: {} });
const TOKENS = 100;
const NOW = BASE + 3 * MINUTE_MS;

function candle(i: number, minute: number, close: number): Candle {
  const start = BASE + (minute - 1) * MINUTE_MS;
  return { kind: 'candle', knownAt: BASE + minute * MINUTE_MS, mint: `MINT${i}`, pool: `POOL${i}`, source: 'file', start, intervalMs: MINUTE_MS, open: 1, high: Math.max(1, close), low: 1, close, volumeUsd: 100 + i, final: true };
}
const tick: Input = { kind: 'tick', knownAt: NOW };
const firstInputs = (): Input[] => Array.from({ length: TOKENS }, (_, i) => candle(i, 1, 1 + i / 1000));
const byMint = (vs: TokenView[]) => [...vs].sort((a, b) => (a.mint! < b.mint! ? -1 : 1));
const turn = () => new Promise<void>((r) => setImmediate(r));

/** The views a replay (virtual clock, one synchronous pass) emits for the inputs. */
function replayViews(inputs: Input[]): TokenView[] {
  const out: TokenView[] = [];
  const in$ = new Subject<Input>();
  scanEvents(in$, { cfg, clock: new VirtualClock(BASE), views: { staleAfterMs: 10 * MINUTE_MS } }).subscribe((e) => e.type === 'token' && out.push(e));
  for (const i of inputs) in$.next(i);
  in$.complete();
  return out;
}

/** A live pipeline on a wall-clock-like clock (not virtual: views are sliced), every slice 0 ms (yield at each look). */
function live() {
  const views: TokenView[] = [];
  const events: ScanEvent[] = [];
  const in$ = new Subject<Input>();
  const clock: Clock = { now: () => NOW, scheduler: asyncScheduler };
  const sub = scanEvents(in$, { cfg, clock, views: { staleAfterMs: 10 * MINUTE_MS, sliceMs: 0 } }).subscribe((e) => (events.push(e), e.type === 'token' && views.push(e)));
  return { views, events, in$, sub };
}

async function untilSettled(views: TokenView[]): Promise<void> {
  let last = -1;
  for (let k = 0; k < 50 && views.length !== last; k++) {
    last = views.length;
    await turn();
    await turn();
  }
}

describe('live token views in slices', () => {
  it('a tick emits part of its views now and the rest on later turns, the same views as one synchronous pass', async () => {
    const { views, in$, sub } = live();
    for (const i of firstInputs()) in$.next(i);
    in$.next(tick);
    const now = views.length;
    assert.ok(now > 0 && now < TOKENS, `first slice emitted ${now} of ${TOKENS}`);
    // An input between slices is applied at once, not after the pass: the pass reaches its token (the last) later
    // and shows it, as a synchronous pass after that input would.
    in$.next(candle(TOKENS - 1, 3, 2));
    await untilSettled(views);
    const expected = replayViews([...firstInputs(), candle(TOKENS - 1, 3, 2), tick]);
    assert.equal(views.find((v) => v.mint === `MINT${TOKENS - 1}`)?.price, 2);
    assert.equal(views.length, TOKENS);
    assert.deepEqual(byMint(views), byMint(expected));
    sub.unsubscribe();
  });

  it('a tick during a pass does not restart it; a token changed after its view is seen by the next pass', async () => {
    const { views, in$, sub } = live();
    for (const i of firstInputs()) in$.next(i);
    in$.next(tick);
    in$.next(tick);
    await untilSettled(views);
    assert.equal(new Set(views.map((v) => v.mint)).size, TOKENS);
    assert.equal(views.length, TOKENS, 'each token once');
    in$.next(candle(5, 2, 1.5));
    in$.next(tick);
    await untilSettled(views);
    assert.deepEqual(views.slice(TOKENS).map((v) => [v.mint, v.price]), [['MINT5', 1.5]]);
    sub.unsubscribe();
  });

  it('the end of the inputs finishes the pass under way before completing; unsubscribing drops it', async () => {
    const a = live();
    for (const i of firstInputs()) a.in$.next(i);
    a.in$.next(tick);
    assert.ok(a.views.length < TOKENS);
    a.in$.complete();
    assert.equal(a.views.length, TOKENS, 'all views before the completion returned');
    assert.equal(a.sub.closed, true);

    const b = live();
    for (const i of firstInputs()) b.in$.next(i);
    b.in$.next(tick);
    const before = b.views.length;
    b.sub.unsubscribe();
    await untilSettled(b.views);
    assert.ok(before < TOKENS);
    assert.equal(b.views.length, before);
  });
});
