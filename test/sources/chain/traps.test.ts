// The traps of real logs: look-alike programs with our discriminators, failed and truncated transactions,
// programs whose swaps logs cannot show, and the invoke stack itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTx } from '../../../src/sources/chain/decode.js';
import { programDataLines } from '../../../src/sources/chain/logs.js';
import { CHAINBUFF, STREAMER, TX_PARSER, decodeFixture, recordedOne, vixen } from './fixtures.js';

const PUMP = '6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P';

test('look-alikes: PancakeSwap CLMM (205 B SwapEvent), Raydium LaunchLab (147 B) and Moonshot (154 B) with pump\'s TradeEvent discriminator yield nothing', () => {
  for (const [rel, emitter] of [[vixen('5DJF'), 'HpNfyc2S'], [vixen('5Lzh'), 'LanMV9sA'], [vixen('5UWc'), 'MoonCVVN']] as const) {
    const d = decodeFixture(rel);
    assert.deepEqual(d.events, [], rel);
    assert.equal(d.undecoded, 0, `${rel}: not ours, so not even counted`);
    // The lines are there, attributed to the look-alike program.
    const all = programDataLines(d.recorded.tx.logs).lines;
    assert.ok(all.length > 0 && all.every((l) => l.programId!.startsWith(emitter)), rel);
  }
});

test('OKX router\'s 25 B events carry Raydium\'s SwapEvent discriminator and are attributed to the router at depth 1', () => {
  const r = recordedOne(`${CHAINBUFF}/close.json`);
  const all = programDataLines(r.tx.logs).lines;
  assert.ok(all.some((l) => l.programId!.startsWith('6m2CDdhR') && l.depth === 1 && Buffer.from(l.base64, 'base64').subarray(0, 8).toString('hex') === '40c6cde8260871e2'));
  assert.deepEqual(decodeTx(r.tx).events, []);
});

test('a failed transaction (pump sell, Custom 3012) yields no event and is flagged', () => {
  const d = decodeFixture(`${CHAINBUFF}/error.json`);
  assert.equal(d.failed, true);
  assert.deepEqual(d.events, []);
});

test('the same logs with an error set yield nothing; without it, the swap (the error alone decides)', () => {
  const r = recordedOne(`${TX_PARSER}/pumpfun_buy_0.json`);
  assert.equal(decodeTx(r.tx).events.length, 1);
  const failed = decodeTx({ ...r.tx, err: { InstructionError: [3, { Custom: 6002 }] } });
  assert.equal(failed.failed, true);
  assert.deepEqual(failed.events, []);
});

test('"Log truncated" with two invoke frames open: flagged truncated, no event invented', () => {
  const d = decodeFixture(`${TX_PARSER}/transferChecked_0.json`);
  assert.equal(d.truncated, true);
  assert.deepEqual(d.events, []);
});

test('a truncated log keeps the events logged before the cut and loses those after it', () => {
  const r = recordedOne(`${TX_PARSER}/pumpfun_buy_bundle.json`);
  const dataAt = r.tx.logs.flatMap((l, i) => (l.startsWith('Program data: ') ? [i] : []));
  assert.equal(dataAt.length, 4);
  // Cut right after the second event: the runtime then logs only "Log truncated".
  const cut = [...r.tx.logs.slice(0, dataAt[1] + 1), 'Log truncated'];
  const d = decodeTx({ ...r.tx, logs: cut });
  assert.equal(d.truncated, true);
  assert.deepEqual(d.events.map((e) => e.ordinal), [0, 1]);
});

test('AMM v4 (ray_log), Meteora DLMM (no Program data) and Jupiter -> AMM v4 + DLMM: no swap decodable from logs', () => {
  for (const rel of [`${TX_PARSER}/raydiumLiquidityPoolV4_swap_0.json`, `${TX_PARSER}/raydiumLiquidityPoolV4_swap_1.json`, `${TX_PARSER}/raydiumLiquidityPoolV4_swap_2.json`,
    `${TX_PARSER}/jupiterAggregatorV6_sharedAccountsRoute_2.json`, vixen('54MF'), vixen('2Dfs'), `${CHAINBUFF}/add.json`, `${CHAINBUFF}/transfer.json`]) {
    const d = decodeFixture(rel);
    assert.deepEqual(d.events, [], rel);
    assert.equal(d.failed || d.truncated, false, rel);
  }
});

test('invoke depth of the emitting program: pump at 1 and 2, PumpSwap at 3 behind a proxy, CLMM at 3 behind Jupiter', () => {
  const depthOf = (rel: string, prefix: string) => programDataLines(recordedOne(rel).tx.logs).lines.filter((l) => l.programId!.startsWith(prefix)).map((l) => l.depth);
  assert.deepEqual(depthOf(`${TX_PARSER}/pumpfun_buy_0.json`, '6EF8'), [1]);
  assert.deepEqual(depthOf(`${TX_PARSER}/photon_pumpfun_buy_0.json`, '6EF8'), [2]);
  assert.deepEqual(depthOf(`${STREAMER}/pumpswap_cpi_tx.json`, 'pAMM'), [3]);
  assert.deepEqual(depthOf(vixen('vRYN'), 'CAMM'), [3]);
});

test('invoke stack on hand-written logs: failed frames pop, log text that looks like a verb does not push, data outside frames is nobody\'s', () => {
  const data = Buffer.alloc(8).toString('base64');
  // Real program ids are 32-44 base58 characters.
  const A111 = 'A111111111111111111111111111111111111111111';
  const B222 = 'B222222222222222222222222222222222222222222';
  const logs = [
    'Program data: ' + data,
    `Program ${A111} invoke [1]`,
    'Program log: invoke something [1]',
    `Program log: ${B222} success`,
    `Program ${B222} invoke [2]`,
    'Program data: ' + data,
    `Program ${B222} consumed 10 of 100 compute units`,
    `Program ${B222} failed: custom program error: 0x1`,
    `Program return: ${A111} AAAA`,
    'Program data: ' + data,
    `Program ${A111} success`,
  ];
  const { lines, truncated } = programDataLines(logs);
  assert.equal(truncated, false);
  assert.deepEqual(lines.map((l) => [l.programId, l.depth]), [[null, 0], [B222, 2], [A111, 1]]);
  assert.deepEqual(programDataLines(logs, new Set([A111])).lines.map((l) => l.programId), [A111]);
});

test('an event of ours too short for its stable prefix is counted as undecoded, not guessed', () => {
  const r = recordedOne(`${TX_PARSER}/pumpfun_buy_0.json`);
  const logs = r.tx.logs.map((l) => (l.startsWith('Program data: ') ? 'Program data: ' + Buffer.from(l.slice(14), 'base64').subarray(0, 100).toString('base64') : l));
  const d = decodeTx({ ...r.tx, logs });
  assert.deepEqual(d.events, []);
  assert.equal(d.undecoded, 1);
});

test('an unknown discriminator from pump is counted; a known non-trade event (ExtendAccountEvent) is not', () => {
  const frame = (hex: string) => ['Program ' + PUMP + ' invoke [1]', 'Program data: ' + Buffer.from(hex.padEnd(200, '0'), 'hex').toString('base64'), 'Program ' + PUMP + ' success'];
  assert.equal(decodeTx({ signature: 's', slot: 1, err: null, logs: frame('0102030405060708') }).undecoded, 1);
  assert.equal(decodeTx({ signature: 's', slot: 1, err: null, logs: frame('6161d7905d92167c') }).undecoded, 0);
});
