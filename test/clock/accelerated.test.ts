import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AcceleratedClock } from '../../src/clock/accelerated.js';

const EPOCH = Date.parse('2025-09-04T15:00:00Z');

test('an anchor in the future holds the clock at its start until then', () => {
  const clock = new AcceleratedClock(EPOCH, 1200, Date.now() + 60_000);
  assert.equal(clock.now(), EPOCH);
  assert.equal(clock.scheduler.now(), EPOCH);
});

test('an anchor in the past runs the clock speed times faster from it', () => {
  const anchor = Date.now() - 1_000;
  const clock = new AcceleratedClock(EPOCH, 1200, anchor);
  const before = Date.now();
  const t = clock.now();
  const after = Date.now();
  assert.ok(t >= EPOCH + (before - anchor) * 1200 && t <= EPOCH + (after - anchor) * 1200 + 1, String(t - EPOCH));
});

test('a timer set while the clock is held fires after the anchor, never while the clock still reads its start', async () => {
  const lead = 150;
  const clock = new AcceleratedClock(EPOCH, 1200, Date.now() + lead);
  // 1,200 clock ms is 1 real ms: unheld, this would fire long before the anchor.
  const firedAt = await new Promise<number>((resolve) => clock.scheduler.schedule(() => resolve(clock.now()), 1_200));
  assert.ok(firedAt >= EPOCH + 1_200, `fired at +${firedAt - EPOCH} clock ms`);
});

test('periodic work set while held does not run during the hold', async () => {
  const clock = new AcceleratedClock(EPOCH, 1200, Date.now() + 150);
  const seen: number[] = [];
  await new Promise<void>((resolve) => {
    clock.scheduler.schedule(function (this: { schedule(s?: unknown, d?: number): void }) {
      seen.push(clock.now());
      if (seen.length < 3) this.schedule(undefined, 1_200);
      else resolve();
    }, 1_200);
  });
  assert.ok(seen.every((t) => t > EPOCH), seen.map((t) => t - EPOCH).join(','));
});
