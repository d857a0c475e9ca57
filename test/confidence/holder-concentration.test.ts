// The holder concentration read on-chain reaches the signal: the `holders` block of ignition/confirmation
// lines, the `holderConcentration` feature (reported, weight 0 by default), the token view and the table's
// detail pane; `unavailable` (the RPC does not offer getTokenLargestAccounts) is a state, never a value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import type { HolderShare, MintSecurity, Trade } from '../../src/domain/market.js';
import type { ConfirmationLine, ScanEvent, TokenView } from '../../src/domain/signals.js';
import { FOUR_HOUR_MS } from '../../src/domain/time.js';
import { Engine } from '../../src/run/engine.js';
import { confidenceHook } from '../../src/confidence/index.js';
import { rawScore } from '../../src/confidence/score.js';
import { holdersText } from '../../src/outputs/table/components/Detail.js';

const W = 1_756_000_800_000 - (1_756_000_800_000 % FOUR_HOUR_MS);
const MINT = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';

function security(ts: number, holders: HolderShare | null): MintSecurity {
  return {
    kind: 'security', knownAt: ts, ts, mint: MINT, pool: null, source: 'solana', program: 'spl-token', mintAuthority: null, freezeAuthority: null,
    supply: '1000000000000000', decimals: 6, topHoldersPct: 91, holders, provenance: 'rpc',
    extensions: { transferFeeBps: null, permanentDelegate: null, transferHookProgram: null, nonTransferable: false, defaultAccountFrozen: false, mintCloseAuthority: null, paused: false, names: [] },
  };
}

const trade = (ts: number, price: number): Trade => ({ kind: 'trade', knownAt: ts, mint: MINT, pool: 'P', source: 'chain', ts, priceUsd: price, volumeUsd: 50, side: 'buy', id: String(ts) });

/** Runs one 4h window up 25% through the engine after the given security record; returns what it emitted. */
function run(sec: MintSecurity | null, weights: Record<string, number> = {}): ScanEvent[] {
  const base = loadConfig({ presets: ['replay'], env: {} });
  const cfg = { ...base, confidence: { ...base.confidence, weights: { ...base.confidence.weights, ...weights } } };
  const events: ScanEvent[] = [];
  const e = new Engine(cfg, { emit: (x) => events.push(x), confidence: confidenceHook(cfg.confidence, null) });
  if (sec) e.push(sec);
  for (const [i, p] of [1, 1.1, 1.2, 1.25].entries()) e.push(trade(W + i * 60_000, p));
  e.emitViews(W + 240_000, 3_600_000);
  e.finish(W + FOUR_HOUR_MS + 1);
  return events;
}

const confirmation = (events: ScanEvent[]) => events.find((x): x is ConfirmationLine => x.type === 'confirmation')!;

describe('holder concentration at signal time', () => {
  const READ_AT = W - 3_600_000;
  const read: HolderShare = { state: 'read', topPct: 23.5, top: 10, holders: 10, excluded: { bonding_curve: 1, pool: 2 }, excludedPct: 61.25, readAt: READ_AT };

  it('a read reaches the signal line with its exclusions and age, and the feature is its share', () => {
    const c = confirmation(run(security(READ_AT, read)));
    assert.ok(c, 'a confirmation');
    assert.deepEqual(c.holders, { state: 'read', topPct: 23.5, top: 10, holders: 10, excluded: { bonding_curve: 1, pool: 2 }, excludedPct: 61.25, ageMs: c.ts - READ_AT });
    assert.equal(c.confidence.features.holderConcentration, 23.5);
  });

  it('unavailable on the RPC: a state on the line, the feature missing (null), not zero', () => {
    const c = confirmation(run(security(READ_AT, { state: 'unavailable', readAt: READ_AT })));
    assert.equal(c.holders?.state, 'unavailable');
    assert.equal(c.confidence.features.holderConcentration, null);
  });

  it('never read (no record, or one without holders): null everywhere', () => {
    for (const events of [run(null), run(security(READ_AT, null))]) {
      const c = confirmation(events);
      assert.equal(c.holders, null);
      assert.equal(c.confidence.features.holderConcentration, null);
    }
  });

  it('weight 0 by default: reported but neither scored nor counted; weighted, more concentration scores lower', () => {
    const dflt = confirmation(run(security(READ_AT, read)));
    const without = confirmation(run(null));
    assert.equal(dflt.confidence.score, without.confidence.score);
    assert.equal(dflt.confidence.featuresTotal, without.confidence.featuresTotal);
    const cfg = loadConfig({ presets: ['replay'], env: {} }).confidence;
    const only = { ...cfg, weights: Object.fromEntries(Object.keys(cfg.weights).map((k) => [k, k === 'holderConcentration' ? 1 : 0])) as typeof cfg.weights };
    const low = rawScore({ holderConcentration: 10 }, only)!;
    const high = rawScore({ holderConcentration: 90 }, only)!;
    assert.ok(low > high, `${low} > ${high}`);
    const weighted = confirmation(run(security(READ_AT, read), { holderConcentration: 1 }));
    assert.equal(weighted.confidence.featuresTotal, (without.confidence.featuresTotal ?? 0) + 1);
  });

  it('the token view carries it, and the detail pane says what was left out', () => {
    const views = run(security(READ_AT, read)).filter((x): x is TokenView => x.type === 'token');
    const v = views[views.length - 1];
    assert.equal(v.holders?.state, 'read');
    const text = holdersText(v.holders);
    assert.match(text, /23\.5% of supply/);
    assert.match(text, /bonding_curve 1, pool 2/);
    assert.match(holdersText({ state: 'unavailable', ageMs: 0 }), /unavailable/);
    assert.equal(holdersText(null), 'holders -');
  });
});
