// The pump.fun bonding-curve cache (mint -> curve PDA, ~0.2 ms to derive): told by CreateEvents, kept in the
// store's chain_pools rows (program `pump`) and loaded by the next session's feed, so a restart derives none of
// its known tokens' curves again. Real data: a recorded create + dev buy transaction (0xjeffro tx-parser), and
// pump trade frames WRAPPED from a real TradeEvent transaction (0xfnzero pumpfun_direct_tx, mint rewritten).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { loadConfig } from '../../src/config/load.js';
import { VirtualClock } from '../../src/clock/clock.js';
import { openStore, type Store } from '../../src/store/index.js';
import { decodeTx } from '../../src/sources/chain/decode.js';
import type { LogsSubscription } from '../../src/sources/chain/subscription.js';
import { bondingCurveDerivations, cachedBondingCurve, forgetBondingCurves } from '../../src/sources/chain/programs/pump/pda.js';
import { PUMP_PROGRAM_ID } from '../../src/sources/chain/programs/pump/index.js';
import { ChainFeed } from '../../src/run/live/chain-feed.js';
import type { LiveSources } from '../../src/run/live/sources.js';
import { admit, newUniverse } from '../../src/run/live/universe.js';
import type { Trade } from '../../src/domain/market.js';
import { pumpTradeTx, signatureFor } from '../fakes/solana-ws-feed.js';
import { STREAMER, TX_PARSER, fixturePath, recordedOne } from '../sources/chain/fixtures.js';
import { readRecordedTxs } from '../../src/sources/chain/recorded/index.js';

const START = Date.parse('2025-08-01T00:10:00Z');
const cfg = loadConfig({ presets: ['scan'], env: {} });

/** The PDA as web3.js derives it, independently of the decoder's cache. */
const pda = (mint: string) => PublicKey.findProgramAddressSync([Buffer.from('bonding-curve'), new PublicKey(mint).toBuffer()], new PublicKey(PUMP_PROGRAM_ID))[0].toBase58();

test('a pump CreateEvent names its curve: the dev buy in the same transaction derives none', () => {
  const tx = readRecordedTxs(fixturePath(`${TX_PARSER}/pumpfun_create_0.json`))[0].tx;
  const mint = '5dNYcCZXEGfGgbdUdq7MMR7KLsNJLLLgL83wLH8Fpump';
  forgetBondingCurves([mint]);
  const before = bondingCurveDerivations();
  const d = decodeTx(tx);
  const [create, buy] = d.events;
  assert.equal(create.kind, 'create');
  assert.equal(buy.kind, 'swap');
  assert.equal(buy.pool, pda(mint));
  assert.equal(create.pool, buy.pool);
  assert.equal(bondingCurveDerivations(), before);
});

/** A scan's chain feed on `store`: a pump trade of each mint goes through it, then its store writes. */
function tradeThrough(store: Store, mints: string[], salt: number): Trade[] {
  const clock = new VirtualClock(START);
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  for (const m of mints) admit(universe, m, 'chain', START);
  const trades: Trade[] = [];
  const feed = new ChainFeed({
    cfg, clock, sources: { solana: { knowPools: () => {} }, jup: null } as unknown as LiveSources, subscription: {} as LogsSubscription, decode: decodeTx,
    universe, store, push: (i) => void (i.kind === 'trade' && trades.push(i)), admit: () => false, evicted: () => {}, warn: () => {}, frames: null,
  });
  feed.tap.notePolledSolUsd(150, START);
  const template = recordedOne(`${STREAMER}/pumpfun_direct_tx.json`).tx;
  mints.forEach((mint, n) => {
    const tx = pumpTradeTx(template, { mint, side: 'buy', solRaw: 500_000_000n, tokenRaw: 2_000_000_000_000n, ts: START, virtualSolRaw: 40_000_000_000n, virtualTokenRaw: 160_000_000_000_000n },
      signatureFor(n, salt), 371_000_000 + n);
    feed.onLogs({ program: 'pump', tx, frame: '', receivedAt: START });
  });
  feed.flush();
  return trades;
}

test('bonding curves are stored and loaded by the next session: a reopened store\'s feed derives none of them again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pump-curves-'));
  const path = join(dir, 'scanner.db');
  const mints = [0x61, 0x62, 0x63].map((b) => new PublicKey(Buffer.alloc(32, b)).toBase58());
  try {
    const first = openStore({ path });
    const traded = tradeThrough(first, mints, 1);
    assert.deepEqual(traded.map((t) => t.pool), mints.map(pda));
    first.close();
    // A new process: nothing cached.
    forgetBondingCurves(mints);
    const second = openStore({ path });
    const before = bondingCurveDerivations();
    const again = tradeThrough(second, mints, 2);
    second.close();
    assert.deepEqual(again.map((t) => t.pool), mints.map(pda));
    assert.equal(bondingCurveDerivations(), before, 'curves derived again after the reopen');
    for (const m of mints) assert.equal(cachedBondingCurve(m), pda(m));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
