// Holder concentration without pools: what it costs in RPC calls and CPU per mint, first read and refresh.
// Each mint has the RPC's full 20 largest accounts: its bonding curve, a PumpSwap pool and 18 wallets. Prints
// markdown; asserts nothing. Run: npx tsc -p . && node dist/bench/holders.js [mints]
import { performance } from 'node:perf_hooks';
import { asyncScheduler } from 'rxjs';
import { PublicKey } from '@solana/web3.js';
import { SolanaMintSource } from '../src/sources/solana/mint-source.js';
import { DEFAULT_POOL_AUTHORITIES, DEFAULT_POOL_PROGRAMS, PUMP_CURVE_PROGRAM, exclusionOf, type HolderRules } from '../src/sources/solana/holders-classify.js';
import { holderConcentration, type ClassifiedAccount } from '../src/sources/solana/holders.js';
import { bondingCurveOf } from '../src/sources/chain/programs/pump/pda.js';
import { FakeSolanaRpc } from '../test/fakes/solana-rpc.js';
import { testAddress } from '../test/fakes/solana-rpc-mints.js';
import { testOptions } from '../test/sources/solana/helpers.js';
import { printTable } from './md.js';

const N = Number(process.argv[2] ?? 500);
/** The scanner's default RPC budget per URL (sources.solana.requestsPer10s). */
const CALLS_PER_10S = 40;
const rows: Array<Array<string | number>> = [];

// CPU: the curve PDA of a mint never seen (the hash loop), then classification and the per-owner sums.
const cpuMints = Array.from({ length: N }, (_, i) => testAddress(200_000 + i));
let t = performance.now();
for (const m of cpuMints) bondingCurveOf(m, PUMP_CURVE_PROGRAM);
const pdaMs = performance.now() - t;
const rules: HolderRules = {
  bondingCurve: null, poolPrograms: new Set(Object.values(DEFAULT_POOL_PROGRAMS)),
  poolAuthorities: new Set(Object.values(DEFAULT_POOL_AUTHORITIES).map((a) => a.address)), isKnownPool: () => false,
};
const wallets = Array.from({ length: 18 }, (_, i) => testAddress(300_000 + i));
const owners = [PUMP_CURVE_PROGRAM, DEFAULT_POOL_PROGRAMS.pump_amm, ...wallets.map(() => null)];
const ownerOf = [testAddress(400_000), testAddress(400_001), ...wallets];
const accountOf = Array.from({ length: 20 }, (_, i) => testAddress(410_000 + i));
const amounts = Array.from({ length: 20 }, (_, i) => String(10n ** 12n * BigInt(20 - i)));
const sample: ClassifiedAccount[] = [];
const rounds = 5_000;
t = performance.now();
for (let r = 0; r < rounds; r++) {
  sample.length = 0;
  for (let i = 0; i < 20; i++) sample.push({ address: accountOf[i], amount: amounts[i], owner: ownerOf[i], exclusion: exclusionOf(ownerOf[i], owners[i], rules) });
  holderConcentration(sample, '1000000000000000', 10);
}
const classifyUs = ((performance.now() - t) * 1000) / rounds;
rows.push(['bonding-curve PDA (first time per mint)', `${((pdaMs * 1000) / N).toFixed(1)} µs per mint (${N} mints: ${pdaMs.toFixed(0)} ms)`]);
rows.push(['classify 20 accounts + per-owner sums', `${classifyUs.toFixed(1)} µs per mint`]);

// RPC calls and wall time over loopback: a first read, then a refresh after holdersRefreshMs (owner programs cached).
let now = 1_760_000_000_000;
const clock = { now: () => now, scheduler: asyncScheduler };
const fake = new FakeSolanaRpc();
const url = await fake.start();
const mints = Array.from({ length: N }, (_, i) => testAddress(100_000 + i));
for (const [k, mint] of mints.entries()) {
  fake.addMint(mint, { supply: 1_000_000_000_000_000n });
  const pool = testAddress(500_000 + k);
  fake.addAccount(pool, { owner: new PublicKey(DEFAULT_POOL_PROGRAMS.pump_amm), data: Buffer.alloc(300), lamports: 1 });
  const holders = [
    { address: testAddress(600_000 + k * 20), owner: bondingCurveOf(mint, PUMP_CURVE_PROGRAM), amount: 600_000_000_000_000n },
    { address: testAddress(600_001 + k * 20), owner: pool, amount: 150_000_000_000_000n },
    ...Array.from({ length: 18 }, (_, i) => ({ address: testAddress(600_002 + k * 20 + i), owner: testAddress(700_000 + k * 18 + i), amount: BigInt(10 - (i % 10)) * 10n ** 12n })),
  ];
  fake.setHolders(mint, holders);
}
const source = new SolanaMintSource(testOptions([url], { clock, holdersRefreshMs: 60_000 }));
const count = (from: number) => {
  const calls = fake.calls.slice(from);
  return { largest: calls.filter((c) => c.method === 'getTokenLargestAccounts').length, multi: calls.filter((c) => c.method === 'getMultipleAccounts').length };
};
for (const pass of ['first read', 'refresh']) {
  const mark = fake.calls.length;
  t = performance.now();
  const read = await source.readMintSecurity(mints);
  const ms = performance.now() - t;
  const c = count(mark);
  // The mint accounts themselves are read anyway (100 per call): only the rest is the holders' cost.
  const mintCalls = Math.ceil(N / 100);
  const holderCalls = c.largest + c.multi - mintCalls;
  const ok = read.filter((s) => s.holders?.state === 'read').length;
  rows.push([
    `${N} mints over loopback, ${pass}`,
    `${ok} read; ${c.largest} getTokenLargestAccounts + ${c.multi - mintCalls} getMultipleAccounts for holders = ${(holderCalls / N).toFixed(2)} calls per mint ` +
      `(${((holderCalls / CALLS_PER_10S) * 10).toFixed(0)} s of a ${CALLS_PER_10S}/10 s budget); ${ms.toFixed(0)} ms`,
  ]);
  now += 61_000;
}
await source.close();
await fake.stop();

console.log(`\n## Holder concentration (${N} mints, 20 largest accounts each)\n`);
printTable(['what', 'figure'], rows);
