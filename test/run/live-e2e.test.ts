import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOUR_HOUR_MS } from '../../src/domain/time.js';
import { openStore } from '../../src/store/index.js';
import { CBRL } from '../fakes/universe.js';
import { PublicKey } from '@solana/web3.js';
import type { FakeSolanaRpc } from '../fakes/solana-rpc.js';
import { testAddress } from '../fakes/solana-rpc-mints.js';
import { DEFAULT_POOL_PROGRAMS, PUMP_CURVE_PROGRAM } from '../../src/sources/solana/holders-classify.js';
import { bondingCurveOf } from '../../src/sources/chain/programs/pump/pda.js';
import type { GeckoTerminalFake } from '../fakes/geckoterminal.js';
import { CLI, cbrlVariant, startLiveMarket, startScan, untilClock, type LiveMarket } from '../helpers/live-harness.js';

// The live scanner end to end: the real `scan` process against loopback fakes serving the real CBRL
// candles as a live market on an accelerated clock (300x: four hours in 48 s; faster clocks outran the scanner on a
// loaded machine, where a poll can take longer than the market minutes it covers). CBRL's
// 2025-08-22 00:00 window ignites at 01:48 and closes +136% at 04:00 (see the replay of the sample).
const START = Date.parse('2025-08-22T00:30:00Z');
const WINDOW = Date.parse('2025-08-22T00:00:00Z');
const VARIANTS = {
  mintAuthority: { symbol: 'MINTAUTH', mintAuthority: 'Borqy3dEjw9az7Uj9nW69A9ZDansFGHWEggUx7tkv44f', reason: 'mint_authority_present' },
  freezeAuthority: { symbol: 'FREEZE', freezeAuthority: '6anbDQNCcVh2f6okexjaX1VGj6tEnizJ1kV5UTBS8Zhi', reason: 'freeze_authority_present' },
  transferFee: { symbol: 'FEE', mintSpec: { program: 'spl-token-2022' as const, transferFee: { olderBps: 300, newerBps: 300, olderEpoch: 0n, newerEpoch: 0n } }, reason: 'token2022_trap' },
  // A thin pool also moves 3.3% for the $500 probe trade: both gates fail.
  thinPool: { symbol: 'THIN', liquidityUsd: 30_000, reason: 'liquidity_below_min', also: 'price_impact_above_max' },
  quiet: { symbol: 'QUIET', volume24hUsd: 50_000, reason: 'volume_24h_below_min' },
};

/** CBRL's largest token accounts (raw, of the fake's 10^15 supply): 'curve' and 'pool' stand for those owners. */
const CBRL_HOLDERS = [
  { address: testAddress(9101), owner: 'curve', amount: 500_000_000_000_000n },
  { address: testAddress(9102), owner: 'pool', amount: 200_000_000_000_000n },
  { address: testAddress(9103), owner: testAddress(9111), amount: 60_000_000_000_000n },
  { address: testAddress(9104), owner: testAddress(9112), amount: 30_000_000_000_000n },
  { address: testAddress(9105), owner: testAddress(9111), amount: 15_000_000_000_000n },
];

/** The 4h bars a token's first backfill asks for: scan.backfill4hBars (default 30) + 2. */
const FULL_HISTORY = 30 + 2;

type Line = Record<string, unknown> & { type: string; id: string; mint: string | null };
const readLog = (f: string): Line[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line) : []);

describe('live scan against the fakes (end to end)', { timeout: 120_000 }, () => {
  let m: LiveMarket;
  const mints: Record<string, string> = {};
  let log: string;
  let db: string;
  let run1Lines: Line[] = [];
  let all: Line[] = [];
  let exit1: number | null;
  let exit2: number | null;
  let historyRun1 = new Set<string>();
  let historyRun2 = new Set<string>();
  let hourLimitsRun2: number[] = [];

  before(async () => {
    m = await startLiveMarket({
      start: START, speed: 300,
      tokens: (base) => [
        { ...base.list().find((t) => t.symbol === 'CBRL')!, liquidityUsd: 120_000, volume24hUsd: 500_000 },
        ...Object.entries(VARIANTS).map(([, v], i) => cbrlVariant(base, i, { liquidityUsd: 120_000, volume24hUsd: 500_000, ...v })),
      ],
    });
    for (const t of m.universe.list()) mints[t.symbol] = t.mint;
    // CBRL's largest token accounts on the RPC fake: its pump.fun curve, its pool (a PumpSwap account) and wallets.
    const rpc = m.fakes.fakes.find((f) => f.name === 'solana') as FakeSolanaRpc;
    rpc.addAccount(CBRL.pool, { owner: new PublicKey(DEFAULT_POOL_PROGRAMS.pump_amm), data: Buffer.alloc(300), lamports: 1 });
    rpc.setHolders(CBRL.mint, CBRL_HOLDERS.map((h) => ({ ...h, owner: h.owner === 'curve' ? bondingCurveOf(CBRL.mint, PUMP_CURVE_PROGRAM) : h.owner === 'pool' ? CBRL.pool : h.owner })));
    log = join(m.dir, 'signals.jsonl');
    db = join(m.dir, 'scanner.db');
    const args = ['--no-discovery', '--no-table', '--log', log, '--db', db, ...Object.values(mints).flatMap((x) => ['--mint', x])];
    const run1 = startScan(m, args);
    await untilClock(m, Date.parse('2025-08-22T02:40:00Z'));
    exit1 = await run1.stop();
    run1Lines = readLog(log);
    const gecko = m.fakes.fakes.find((f) => f.name === 'geckoterminal') as GeckoTerminalFake;
    const hour = (rs: typeof gecko.requests) => rs.filter((r) => r.path.includes('/ohlcv/hour'));
    const hourLimits = (rs: typeof gecko.requests) => hour(rs).map((r) => Number(r.query.get('limit')));
    const before2 = gecko.requests.length;
    // Pools whose full 4h history run 1 asked for (a request retried under load counts once).
    const history = (rs: typeof gecko.requests) => new Set(hour(rs).filter((r) => Number(r.query.get('limit')) === FULL_HISTORY).map((r) => /\/pools\/([^/]+)\//.exec(r.path)![1]));
    historyRun1 = history(gecko.requests);
    const run2 = startScan(m, args);
    // 60 clock minutes past the 04:00 close (12 real s): room for the closing poll on a loaded machine.
    await untilClock(m, Date.parse('2025-08-22T05:00:00Z'));
    exit2 = await run2.stop();
    hourLimitsRun2 = hourLimits(gecko.requests.slice(before2));
    historyRun2 = history(gecko.requests.slice(before2));
    all = readLog(log);
  });

  after(async () => m?.stop());

  it('stops cleanly on SIGINT (exit 0) both times', () => {
    assert.equal(exit1, 0);
    assert.equal(exit2, 0);
  });

  it('raises the known ignition before the restart and confirms the window after it, linked', () => {
    const ign = run1Lines.find((l) => l.type === 'ignition' && l.mint === CBRL.mint && l.window4hStart === WINDOW);
    assert.ok(ign, `no CBRL ignition for the 00:00 window before the restart: ${run1Lines.map((l) => l.type).join(',')}`);
    const conf = all.find((l) => l.type === 'confirmation' && l.mint === CBRL.mint && l.window4hStart === WINDOW);
    assert.ok(conf, 'no CBRL confirmation after the restart');
    assert.equal(conf.ts, WINDOW + FOUR_HOUR_MS);
    assert.equal(conf.ignitionId, ign.id);
    assert.ok((conf.changePct as number) >= 10);
  });

  it('carries the holder concentration without the curve and the pool on both signal lines', () => {
    const signals = all.filter((x) => (x.type === 'ignition' || x.type === 'confirmation') && x.mint === CBRL.mint && x.window4hStart === WINDOW);
    assert.equal(signals.length, 2, 'the ignition and its confirmation');
    for (const l of signals) {
      const { ageMs, ...h } = l.holders as Record<string, unknown>;
      // Two wallets: 60 + 15 and 30 (x 10^12) of 10^15.
      assert.deepEqual(h, { state: 'read', topPct: 10.5, top: 10, holders: 2, excluded: { bonding_curve: 1, pool: 1 }, excludedPct: 70 }, l.type);
      assert.ok((ageMs as number) >= 0);
      assert.equal((l.confidence as { features: Record<string, unknown> }).features.holderConcentration, 10.5);
    }
  });

  it('rejects each unsafe token with the right reason and its measured value', () => {
    for (const [name, v] of Object.entries(VARIANTS)) {
      const rejected = all.filter((l) => l.type === 'rejected' && l.mint === mints[v.symbol]);
      assert.ok(rejected.length >= 2, `${name}: expected rejected ignition and confirmation, got ${rejected.length}`);
      for (const r of rejected) {
        const failed = r.failed as Array<{ reason: string; value: unknown }>;
        assert.deepEqual(failed.map((f) => f.reason), 'also' in v ? [v.reason, v.also] : [v.reason], `${name}: ${JSON.stringify(failed)}`);
        assert.notEqual(failed[0].value, null);
      }
      assert.equal(all.filter((l) => (l.type === 'ignition' || l.type === 'confirmation') && l.mint === mints[v.symbol]).length, 0, `${name} was not rejected`);
    }
  });

  it('loses and duplicates nothing across the restart, and leaves a sound store', () => {
    const ids = all.filter((l) => l.type !== 'status').map((l) => l.id);
    assert.equal(new Set(ids).size, ids.length, 'a line was written twice');
    assert.ok(readFileSync(log, 'utf8').endsWith('\n'));
    assert.deepEqual(all.slice(0, run1Lines.length), run1Lines, 'the second run rewrote the first run\'s lines');
    const store = openStore({ path: db });
    try {
      assert.deepEqual(store.integrityCheck({ full: true }), []);
      assert.equal(store.listSessions().length, 2);
    } finally {
      store.close();
    }
  });

  it('resumes from the store without downloading the 4h history again', () => {
    // Run 1 downloads each token's 4h history (default 30 bars + 2). Run 2 has it in the store: it fetches
    // nothing, or, when its clock crossed a 4h boundary during the restart (the clock runs 300x, so that
    // depends on the machine's load), only the bars after the stored ones (one or two, + 2).
    // CBRL ignited in run 1, so its backfill (4h history first) was done; on a loaded machine run 1 may have
    // been stopped before some other token's backfill, whose history run 2 then rightly downloads.
    assert.ok(historyRun1.has(CBRL.pool), 'run 1 downloaded CBRL\'s 4h history');
    assert.deepEqual([...historyRun2].filter((p) => historyRun1.has(p)), [], 'run 2 downloaded a stored history again');
    assert.ok(hourLimitsRun2.every((limit) => limit <= 2 + 2 || limit === FULL_HISTORY), `run 2 asked for ${JSON.stringify(hourLimitsRun2)} bars`);
  });

  it('replays the first session to the same signal lines (parity)', () => {
    const sessions = execFileSync(process.execPath, [CLI, 'sessions', '--db', db], { encoding: 'utf8' }).trim().split('\n');
    const first = sessions.map((l) => l.split(' ')[0]).sort()[0];
    const out = join(m.dir, 'parity.jsonl');
    execFileSync(process.execPath, [CLI, 'replay', '--session', first, '--db', db, '--log', out], { env: { PATH: process.env.PATH ?? '' } });
    const live = run1Lines.filter((l) => l.type !== 'status');
    assert.ok(live.length > 0);
    assert.deepEqual(readLog(out), live);
  });
});
