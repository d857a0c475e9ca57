import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as rx from 'rxjs';
import { asyncScheduler, Observable, VirtualTimeScheduler } from '../../src/clock/rxjs-core.js';
import { VirtualClock, wallClock } from '../../src/clock/clock.js';

// The replay loads its rxjs classes with require (rxjs-core.ts), the rest of the code imports 'rxjs': both must be
// the same module instances, or an Observable of one would not be one for the other's operators.

describe('rxjs classes loaded by require', () => {
  it('are the classes of the rxjs package index', () => {
    assert.equal(Observable, rx.Observable);
    assert.equal(VirtualTimeScheduler, rx.VirtualTimeScheduler);
    assert.equal(asyncScheduler, rx.asyncScheduler);
    assert.equal(wallClock.scheduler, rx.asyncScheduler);
  });

  it('work with the operators and timers of the index', () => {
    const clock = new VirtualClock(1_000);
    const seen: number[] = [];
    const source = new Observable<number>((s) => {
      s.next(1);
      s.next(2);
      s.complete();
    });
    source.pipe(rx.map((n) => n * 10), rx.delay(500, clock.scheduler)).subscribe((n) => seen.push(n));
    assert.ok(clock.scheduler instanceof rx.VirtualTimeScheduler);
    assert.deepEqual(seen, []);
    clock.advanceTo(1_500);
    assert.deepEqual(seen, [10, 20]);
  });
});
