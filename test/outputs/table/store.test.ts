import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Subject } from 'rxjs';
import { VirtualClock } from '../../../src/clock/clock.js';
import type { ScanEvent } from '../../../src/domain/index.js';
import { TableStore } from '../../../src/outputs/table/store.js';
import { reduceTable } from '../../../src/outputs/table/reduce-events.js';
import { initialTableState } from '../../../src/outputs/table/state.js';
import { cbrlEvents } from './cbrl-events.js';
import { fakeMint, ignition, T0, tokenView } from './events.js';

test('redraws are throttled to maxFps while every event is reduced', () => {
  const clock = new VirtualClock(T0);
  const events$ = new Subject<ScanEvent>();
  const store = new TableStore(events$, { clock, renderScheduler: clock.scheduler, maxFps: 10, refreshMs: 60_000 });
  let publishes = 0;
  store.subscribe(() => publishes++);
  const who = Array.from({ length: 200 }, (_, i) => ({ mint: fakeMint(i), symbol: `T${i}` }));
  for (const w of who) events$.next(ignition(w));
  // One second of a busy market: 200 tokens updated every 10 ms.
  for (let ms = 0; ms < 1_000; ms += 10) {
    clock.advanceTo(T0 + ms);
    for (const w of who) events$.next(tokenView(w, { ts: T0 + ms, changePct: ms / 100 }));
  }
  clock.advanceTo(T0 + 1_000);
  assert.ok(publishes >= 9 && publishes <= 11, `${publishes} redraws in one second`);
  const shown = store.getSnapshot().state.data;
  assert.equal(shown.order.length, 200);
  assert.equal(shown.rows[who[0].mint].view?.changePct4h, 9.9);
  assert.equal(shown.counts.events, 200 + 200 * 100);
  store.close();
});

test('a quiet table still refreshes once a second so ages keep counting, and key actions publish at once', () => {
  const clock = new VirtualClock(T0);
  const store = new TableStore(new Subject<ScanEvent>(), { clock, renderScheduler: clock.scheduler });
  let publishes = 0;
  store.subscribe(() => publishes++);
  clock.advanceTo(T0 + 5_000);
  assert.equal(publishes, 5);
  assert.equal(store.getSnapshot().now, T0 + 5_000);
  store.dispatch({ type: 'togglePause' });
  assert.equal(publishes, 6);
  assert.equal(store.getSnapshot().state.ui.paused, true);
  store.close();
  clock.advanceTo(T0 + 10_000);
  assert.equal(publishes, 6);
});

test('the end of the stream and its failure are shown, not thrown', () => {
  const clock = new VirtualClock(T0);
  const events$ = new Subject<ScanEvent>();
  const store = new TableStore(events$, { clock, renderScheduler: clock.scheduler });
  events$.error(new Error('source exploded'));
  assert.equal(store.getSnapshot().state.data.ended, true);
  assert.equal(store.getSnapshot().state.data.error, 'source exploded');
  store.close();
});

test('batching token views gives exactly the state of reducing every event one by one', () => {
  const events = cbrlEvents();
  // Interleave a second token so views of different tokens alternate with signals.
  const other = { mint: fakeMint(77), symbol: 'OTHER' };
  const mixed: ScanEvent[] = [ignition(other, { ts: events[0].ts })];
  events.forEach((e, i) => {
    mixed.push(e);
    if (i % 7 === 0) mixed.push(tokenView(other, { ts: e.ts, changePct: i / 100 }));
  });
  const sequential = mixed.reduce((s, e) => reduceTable(s, e), initialTableState());
  const clock = new VirtualClock(T0);
  const events$ = new Subject<ScanEvent>();
  const store = new TableStore(events$, { clock, renderScheduler: clock.scheduler });
  mixed.forEach((e, i) => {
    events$.next(e);
    if (i % 500 === 0) clock.advanceTo(clock.now() + 150);
  });
  const batched = store.currentState();
  assert.deepEqual(batched.data.order, sequential.data.order);
  assert.deepEqual(batched.data.rows, sequential.data.rows);
  assert.deepEqual(batched.data.counts, sequential.data.counts);
  assert.equal(batched.data.newestTs, sequential.data.newestTs);
  assert.deepEqual([...batched.data.tokensSeen], [...sequential.data.tokensSeen]);
  store.close();
});
