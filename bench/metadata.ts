// On-chain token metadata read with the mint batches: what it costs in RPC calls and CPU. Prints markdown;
// asserts nothing. Run: npx tsc -p . && node dist/bench/metadata.js [mints]
import { performance } from 'node:perf_hooks';
import { PublicKey } from '@solana/web3.js';
import { SolanaMintSource } from '../src/sources/solana/mint-source.js';
import { metadataAddress } from '../src/sources/solana/metadata.js';
import { decodeMetaplexMetadata } from '../src/sources/solana/metadata-decode.js';
import { FakeSolanaRpc } from '../test/fakes/solana-rpc.js';
import { testAddress } from '../test/fakes/solana-rpc-mints.js';
import { encodeMetaplexMetadata } from '../test/fakes/solana-rpc-metadata.js';
import { testOptions } from '../test/sources/solana/helpers.js';
import { printTable } from './md.js';

const N = Number(process.argv[2] ?? 1000);
/** The public mainnet RPC's budget the scanner keeps to (sources.solana.requestsPer10s default). */
const PUBLIC_CALLS_PER_10S = 40;

const mints = Array.from({ length: N }, (_, i) => testAddress(10_000 + i));
const rows: Array<Array<string | number>> = [];

// CPU: deriving the PDAs (fresh: the cache is keyed by mint, so new mints pay the hash loop) and decoding records.
let t = performance.now();
for (const m of mints) metadataAddress(new PublicKey(m));
const pdaMs = performance.now() - t;
const records = mints.slice(0, 1000).map((m) => encodeMetaplexMetadata(m, { name: `Token ${m.slice(0, 6)}`, symbol: 'TKN', uri: 'https://example.invalid/t.json' }).data);
t = performance.now();
const rounds = 20;
for (let r = 0; r < rounds; r++) for (const d of records) decodeMetaplexMetadata(d);
const decodeUs = ((performance.now() - t) * 1000) / (rounds * records.length);
rows.push(['metadata PDA derivation (first time per mint)', `${((pdaMs * 1000) / N).toFixed(1)} µs per mint (${N} mints: ${pdaMs.toFixed(0)} ms)`]);
rows.push(['Metaplex record decode', `${decodeUs.toFixed(2)} µs per record`]);

// RPC calls and wall time over loopback, with and without the metadata accounts in the batches. Each run reads
// mints never seen before (so the PDA cache does not help), after a small warm-up run of each kind.
const fresh = (seed: number, n: number) => Array.from({ length: n }, (_, i) => testAddress(seed + i));
const runs: Array<[boolean, string[], boolean]> = [[false, fresh(30_000, 100), false], [true, fresh(31_000, 100), false], [false, fresh(40_000, N), true], [true, fresh(50_000, N), true]];
for (const [metadata, batch, report] of runs) {
  const fake = new FakeSolanaRpc();
  const url = await fake.start();
  for (const m of batch) {
    fake.addMint(m, {});
    fake.addMetadata(m, { name: `Token ${m.slice(0, 6)}`, symbol: 'TKN' });
  }
  const source = new SolanaMintSource(testOptions([url], { topHolders: false, metadata }));
  let named = 0;
  source.tokenInfo$.subscribe((x) => (named += x.name ? 1 : 0));
  t = performance.now();
  const read = await source.readMintSecurity(batch);
  const ms = performance.now() - t;
  const calls = fake.calls.filter((c) => c.method === 'getMultipleAccounts').length;
  await source.close();
  await fake.stop();
  if (report) rows.push([
    `${N} mints over loopback, metadata ${metadata ? 'on' : 'off'}`,
    `${read.length} securities, ${named} names; ${calls} getMultipleAccounts calls = ${((calls / PUBLIC_CALLS_PER_10S) * 10).toFixed(1)} s of the public RPC's ${PUBLIC_CALLS_PER_10S}/10 s budget; ${ms.toFixed(0)} ms`,
  ]);
}

console.log(`\n## On-chain metadata (${N} mints)\n`);
printTable(['what', 'figure'], rows);
