import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { partitionOf, splitByPartition } from '../../src/bus/partition.js';
import { decodeBusMessage, encodeBusMessage } from '../../src/bus/codec.js';
import { BusError } from '../../src/bus/types.js';
import { busUrlProblem } from '../../src/bus/url.js';
import type { Input } from '../../src/domain/market.js';
import { address, busTestInputs } from './inputs.js';

/** FNV-1a written independently with BigInt arithmetic, to check the 32-bit integer version. */
function fnv1aBig(s: string): bigint {
  let h = 0x811c9dc5n;
  for (const ch of s) {
    h ^= BigInt(ch.charCodeAt(0));
    h = (h * 0x01000193n) % 2n ** 32n;
  }
  return h;
}

describe('partitionOf', () => {
  it('is FNV-1a of the token key modulo the partition count', () => {
    for (let i = 0; i < 200; i++) {
      const key = i % 5 === 0 ? `pool:${address(i)}` : address(i);
      for (const n of [1, 2, 3, 7, 16]) assert.equal(partitionOf(key, n), Number(fnv1aBig(key) % BigInt(n)), `${key} n=${n}`);
    }
  });

  it('spreads real-looking mints over every partition', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[partitionOf(address(i), 4)] += 1;
    for (const c of counts) assert.ok(c > 50, `counts ${counts.join(',')}`);
  });
});

describe('splitByPartition', () => {
  const inputs = busTestInputs(5, 200);

  it('sends ticks to every partition and every other record to its token partition, in order', () => {
    const ticked: Input[] = [...inputs.slice(0, 50), { kind: 'tick', knownAt: inputs[49].knownAt }, ...inputs.slice(50)];
    const parts = splitByPartition(ticked, 3);
    assert.equal(parts.reduce((s, p) => s + p.length, 0), ticked.length + 2);
    parts.forEach((p, k) => {
      assert.equal(p.filter((x) => x.kind === 'tick').length, 1, `partition ${k} ticks`);
      for (const x of p) {
        if (x.kind === 'tick') continue;
        const key = x.mint ?? `pool:${x.pool}`;
        assert.equal(partitionOf(key, 3), k, `${x.kind} of ${key}`);
      }
      // Order within a partition is the input order.
      const idx = p.map((x) => ticked.indexOf(x));
      assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
    });
    assert.ok(parts.some((p) => p.some((x) => x.kind === 'watermark')), 'watermarks routed');
  });

  it('keeps everything in partition 0 when there is one partition', () => {
    assert.deepEqual(splitByPartition(inputs, 1), [inputs]);
  });
});

describe('bus codec', () => {
  it('carries NaN and infinities of bad records unchanged', () => {
    const bad: Input = { kind: 'trade', knownAt: 1, mint: 'm', pool: null, source: 'file', ts: 1, priceUsd: NaN, volumeUsd: Infinity, side: null, id: null };
    const back = decodeBusMessage(encodeBusMessage({ t: 'in', run: 'r', inputs: [bad, { ...bad, volumeUsd: -Infinity }] }));
    assert.equal(back.t, 'in');
    const [a, b] = (back as { inputs: Input[] }).inputs as Array<Extract<Input, { kind: 'trade' }>>;
    assert.ok(Number.isNaN(a.priceUsd));
    assert.equal(a.volumeUsd, Infinity);
    assert.equal(b.volumeUsd, -Infinity);
  });

  it('rejects a message that is not a run record with a stable code', () => {
    for (const text of ['nope', '{"t":"in"}', '{"t":"other","run":"r"}']) {
      assert.throws(() => decodeBusMessage(new TextEncoder().encode(text)), (e: unknown) => e instanceof BusError && e.code === 'BUS_BAD_MESSAGE');
    }
  });
});

describe('busUrlProblem', () => {
  it('accepts memory and nats URLs and names what is wrong with others', () => {
    assert.equal(busUrlProblem('memory'), null);
    assert.equal(busUrlProblem('nats://127.0.0.1:4222'), null);
    assert.equal(busUrlProblem('nats://u:p@host'), null);
    for (const bad of ['http://host:4222', 'nats://', 'localhost:4222', 'nats://h:1/path']) assert.notEqual(busUrlProblem(bad), null, bad);
  });
});
