import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeQueue } from '../../src/run/heap.js';

test('TimeQueue hands values out by time, then in insertion order', () => {
  const q = new TimeQueue<string>();
  q.push(60, 'a');
  q.push(30, 'b');
  q.push(60, 'c');
  q.push(30, 'd');
  q.push(90, 'e');
  assert.equal(q.size, 5);
  assert.equal(q.peekTime(), 30);
  const out: string[] = [];
  for (let v = q.pop(); v !== undefined; v = q.pop()) out.push(v);
  assert.deepEqual(out, ['b', 'd', 'a', 'c', 'e']);
  assert.equal(q.size, 0);
  assert.equal(q.peekTime(), null);
});

test('TimeQueue keeps (time, insertion) order when pushes interleave with pops, into the queue being taken and before it', () => {
  // Reference: a list sorted by (time, sequence), the order the binary heap it replaces gave.
  let x = 7;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % n;
  };
  const q = new TimeQueue<number>();
  let ref: { t: number; seq: number }[] = [];
  let seq = 0;
  for (let step = 0; step < 20_000; step++) {
    if (rnd(3) !== 0 || ref.length === 0) {
      // Few distinct times, so queues are shared and the head queue grows while it is taken.
      const base = ref.length ? ref[0].t : 0;
      const t = base + rnd(5) - 1;
      q.push(t, seq);
      ref.push({ t, seq: seq++ });
      ref.sort((a, b) => a.t - b.t || a.seq - b.seq);
    } else {
      assert.equal(q.peekTime(), ref[0].t);
      assert.equal(q.pop(), ref[0].seq, `step ${step}`);
      ref = ref.slice(1);
    }
    assert.equal(q.size, ref.length);
  }
});
