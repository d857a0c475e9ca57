// PumpSwap CreatePoolEvent and pump's CompletePumpAmmMigrationEvent: no licensed recording of either exists
// (../shared/data/README.md), so these payloads are SYNTHETIC, laid out field by field from the IDLs
// (pump_swap_idl.json, pump_fun_idl.json). The keys are real mainnet addresses used as sample values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTx } from '../../../src/sources/chain/decode.js';
import { base58Decode } from '../../../src/domain/mint.js';

const PUMP = '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P';
const AMM = 'pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA';
const WSOL = 'So11111111111111111111111111111111111111112';
const MINT = '5UUH9RTDiSpq6HKS6bp4NdU9PNJpXRXuiw6ShBTBhgH2';
const POOL = '4w2cysotX6czaUGmmWg13hDpY4QEMG2CzeKYEQyK9Ama';
const USER = '6TYDxGmVxkBPBmEfnmLXx6jVff9LknsjRHqdTjVyZmG8';

const key = (k: string) => Buffer.from(base58Decode(k)!);
const u64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(n); return b; };
const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const logsOf = (program: string, payload: Buffer) => [`Program ${program} invoke [1]`, `Program data: ${payload.toString('base64')}`, `Program ${program} success`];

test('PumpSwap CreatePoolEvent: pool -> base/quote mint with their decimals', () => {
  const payload = Buffer.concat([Buffer.from('b1310cd2a076a774', 'hex'), u64(1753789000n), u16(0), key(USER), key(MINT), key(WSOL), Buffer.from([6, 9]),
    ...[1n, 2n, 3n, 4n, 5n, 6n, 7n].map(u64), Buffer.from([254]), key(POOL), key(USER), key(USER), key(USER), key(USER), Buffer.from([0])]);
  const d = decodeTx({ signature: 'sig', slot: 1, err: null, logs: logsOf(AMM, payload) });
  assert.equal(d.events.length, 1);
  assert.deepEqual(d.events[0], { kind: 'create', program: 'pump_amm', programId: AMM, signature: 'sig', slot: 1, ordinal: 0, ts: 1753789000000,
    creator: USER, mint: MINT, quoteMint: WSOL, baseDecimals: 6, quoteDecimals: 9, pool: POOL, name: null, symbol: null, event: 'create_pool' });
});

test('pump CompletePumpAmmMigrationEvent: the curve\'s mint and its new PumpSwap pool', () => {
  const payload = Buffer.concat([Buffer.from('bde95db95c94ea94', 'hex'), key(USER), key(MINT), u64(1n), u64(2n), u64(3n), key(USER), u64(1753789100n), key(POOL), key(WSOL)]);
  const d = decodeTx({ signature: 'sig', slot: 2, err: null, logs: logsOf(PUMP, payload) });
  assert.equal(d.events.length, 1);
  const e = d.events[0];
  assert.equal(e.kind, 'create');
  if (e.kind === 'create') assert.deepEqual([e.event, e.mint, e.pool, e.quoteMint, e.ts], ['migration', MINT, POOL, WSOL, 1753789100000]);
});

test('the same CreatePoolEvent bytes from another program are not decoded', () => {
  const payload = Buffer.concat([Buffer.from('b1310cd2a076a774', 'hex'), Buffer.alloc(300)]);
  assert.deepEqual(decodeTx({ signature: 's', slot: 1, err: null, logs: logsOf('LanMV9sAd7wArD4vJFi2qDdfnVhFxYSUg6eADduJ3uj', payload) }).events, []);
});
