import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import { admit, newUniverse, type Universe } from '../../src/run/live/universe.js';

const cfg = loadConfig({ presets: ['scan'], env: {} });
const full = (n: number): Universe => newUniverse({ ...cfg.scan, minVolume24hUsd: 0, maxTokens: n });

/** The eviction rule as first written: the watch-free tokens sorted by heat, then activity (a stable sort). */
function coldestBySort(u: Universe): string | undefined {
  return [...u.tokens.values()].filter((t) => !t.watch).sort((a, b) => a.heat - b.heat || a.activeAt - b.activeAt)[0]?.mint;
}

describe('admission to a full universe', () => {
  it('evicts the coldest token off the watchlist: lowest heat, then longest inactive, then first admitted', () => {
    // Pseudo-random heats and activity times with many ties, so each tie-break decides some admissions.
    let seed = 7;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const u = full(50);
      for (let i = 0; i < 50; i++) admit(u, `M${round}-${i}`, 'chain', 0, next() < 0.1);
      for (const t of u.tokens.values()) {
        t.heat = next() < 0.5 ? 0 : Math.floor(next() * 3) / 4;
        t.activeAt = Math.floor(next() * 4);
      }
      for (let k = 0; k < 10; k++) {
        const expected = coldestBySort(u);
        const watch = next() < 0.3;
        const wantAdmit = expected !== undefined && (watch || u.tokens.get(expected)!.heat === 0);
        const r = admit(u, `N${round}-${k}`, 'chain', 10 + k, watch);
        assert.deepEqual(r, { admitted: wantAdmit, evicted: wantAdmit ? expected! : null }, `round ${round}, admission ${k}`);
        if (wantAdmit) assert.ok(!u.tokens.has(expected!) && u.tokens.has(`N${round}-${k}`));
      }
    }
  });

  it('never evicts a watchlist token, and refuses a newcomer when only warm tokens could make room', () => {
    const u = full(2);
    admit(u, 'W', 'watchlist', 0, true);
    admit(u, 'A', 'chain', 0);
    u.tokens.get('A')!.heat = 0.5;
    assert.deepEqual(admit(u, 'B', 'chain', 1), { admitted: false, evicted: null });
    assert.deepEqual(admit(u, 'C', 'watchlist', 1, true), { admitted: true, evicted: 'A' });
    assert.deepEqual(admit(u, 'D', 'watchlist', 2, true), { admitted: false, evicted: null });
    assert.deepEqual([...u.tokens.keys()].sort(), ['C', 'W']);
  });
});
