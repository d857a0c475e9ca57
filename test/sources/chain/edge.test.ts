// Pure pieces of the chain tap's edge: frame parsing, bounded dedupe, pool account layouts, the WebSocket
// URL, SOL/USD, the admission door.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PublicKey } from '@solana/web3.js';
import { logsNotificationFrame, parsePubsubFrame } from '../../../src/sources/chain/frames.js';
import { RecentKeys } from '../../../src/sources/chain/dedupe.js';
import { poolTokensFromAccount } from '../../../src/sources/chain/pools.js';
import { wsUrlFor } from '../../../src/sources/chain/subscription.js';
import { SolUsd } from '../../../src/sources/chain/prices.js';
import { ChainAdmission } from '../../../src/run/live/chain-admission.js';
import { ConfigError } from '../../../src/config/spec.js';
import type { Trade } from '../../../src/domain/market.js';

const SIG = '5'.repeat(88);

test('parsePubsubFrame reads a logsNotification, answers, errors, and names the bad field of garbage', () => {
  const f = parsePubsubFrame(logsNotificationFrame(7, { signature: SIG, slot: 42, err: null, logs: ['Program x invoke [1]'] }));
  assert.deepEqual(f, { type: 'notification', subscription: 7, tx: { signature: SIG, slot: 42, err: null, logs: ['Program x invoke [1]'], blockTimeMs: null } });
  assert.deepEqual(parsePubsubFrame('{"jsonrpc":"2.0","result":23784,"id":1}'), { type: 'result', id: 1, result: 23784 });
  assert.equal(parsePubsubFrame('{"jsonrpc":"2.0","error":{"code":-32005,"message":"rate"},"id":3}').type, 'error');
  const cases: Array<[string, string]> = [
    ['{"jsonrpc":"2.0","method":"logsNotification","params":{"result":', 'body'],
    ['[1,2]', 'body'],
    ['{"method":"logsNotification","params":{"subscription":"x"}}', 'params.subscription'],
    ['{"method":"logsNotification","params":{"subscription":1,"result":{"context":{"slot":1},"value":{"signature":"abc","err":null,"logs":[]}}}}', 'params.result.value.signature'],
    [`{"method":"logsNotification","params":{"subscription":1,"result":{"context":{"slot":1},"value":{"signature":"${SIG}","err":null,"logs":[1]}}}}`, 'params.result.value.logs'],
  ];
  for (const [text, field] of cases) {
    const r = parsePubsubFrame(text);
    assert.equal(r.type, 'bad', text);
    assert.equal(r.type === 'bad' && r.field, field, text);
  }
});

test('RecentKeys forgets only after two generations: memory stays bounded', () => {
  const k = new RecentKeys(3);
  for (const x of ['a', 'b', 'c']) assert.equal(k.add(x), true);
  assert.equal(k.add('a'), false);
  for (const x of ['d', 'e', 'f']) k.add(x);
  assert.equal(k.add('a'), false, 'still in the previous generation');
  for (const x of ['g', 'h', 'i']) k.add(x);
  assert.equal(k.add('a'), true, 'two generations later it is forgotten');
  assert.ok(k.size <= 6);
});

test('pool accounts: the two mints are read at each layout\'s offsets; a short account gives null', () => {
  const a = new PublicKey(Buffer.alloc(32, 1)).toBase58();
  const b = new PublicKey(Buffer.alloc(32, 2)).toBase58();
  for (const [program, first, second, size] of [['pump_amm', 43, 75, 300], ['raydium_cpmm', 168, 200, 637], ['raydium_clmm', 73, 105, 1544]] as const) {
    const data = Buffer.alloc(size);
    data.fill(1, first, first + 32);
    data.fill(2, second, second + 32);
    assert.deepEqual(poolTokensFromAccount('P', program, data), { pool: 'P', program, first: a, second: b });
    assert.equal(poolTokensFromAccount('P', program, data.subarray(0, second + 31)), null);
  }
  assert.equal(poolTokensFromAccount('P', 'pump', Buffer.alloc(200)), null);
});

test('the WebSocket URL is derived from the RPC URL when unset; a non-ws URL is a config error', () => {
  assert.equal(wsUrlFor('', ['https://rpc.example.com/v2/key']), 'wss://rpc.example.com/v2/key');
  assert.equal(wsUrlFor('', ['http://127.0.0.1:8899']), 'ws://127.0.0.1:8899');
  assert.equal(wsUrlFor(' wss://a.example/ ', ['https://b.example']), 'wss://a.example/');
  assert.throws(() => wsUrlFor('https://a.example', []), ConfigError);
  assert.throws(() => wsUrlFor('not a url', []), ConfigError);
});

test('SOL/USD: the median of recent on-chain swaps; a polled price only when the stream has none recent', () => {
  const s = new SolUsd({ window: 3, maxAgeMs: 1000, minSwapUsd: 50 });
  assert.equal(s.at(0), null);
  assert.equal(s.needsPoll(0), true);
  s.notePolled(150, 0);
  assert.deepEqual(s.at(0), { price: 150, from: 'polled' });
  s.noteSwap(200, 10, 0); // dust: ignored
  s.noteSwap(201, 100, 0);
  s.noteSwap(203, 100, 0);
  s.noteSwap(202, 100, 0);
  assert.deepEqual(s.at(500), { price: 202, from: 'chain' });
  assert.deepEqual(s.at(5000), { price: 150, from: 'polled' });
});

test('admission: a token enters after N trades or a USD volume in the window, with its recent trades', () => {
  const a = new ChainAdmission({ minTrades: 3, minVolumeUsd: 1000, windowMs: 60_000, maxCandidates: 2, keepTrades: 10 });
  const tr = (mint: string, usd: number): Trade => ({ kind: 'trade', knownAt: 0, mint, pool: 'p', source: 'chain', ts: 0, priceUsd: 1, volumeUsd: usd, side: 'buy', id: null });
  assert.equal(a.note(tr('A', 10), 0), null);
  assert.equal(a.note(tr('A', 10), 70_000), null, 'the first trade left the window');
  assert.equal(a.note(tr('A', 10), 71_000), null);
  assert.equal(a.note(tr('A', 10), 72_000)?.length, 4);
  assert.equal(a.note(tr('B', 5000), 0)?.length, 1, 'volume alone admits');
  a.note(tr('C', 1), 0);
  a.note(tr('D', 1), 0);
  a.note(tr('E', 1), 0);
  assert.equal(a.size, 2, 'candidates are bounded');
});
