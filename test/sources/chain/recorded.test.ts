// Readers of recorded chain inputs: every on-disk form gives the same transaction, bad files name themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecordedTxs } from '../../../src/sources/chain/recorded/index.js';
import { ReplayInputError } from '../../../src/sources/recorded/errors.js';
import { base58Key } from '../../../src/sources/chain/base58.js';
import { base58Encode } from '../../../src/domain/mint.js';
import { CHAINSTACK, STREAMER, TX_PARSER, fixturePath, recordedOne, vixen, wrapAsFrame } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'chain-recorded-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('getTransaction json (a one-element list, tx-parser), jsonParsed envelope (chainstack), base64 (streamer), vixen txupdate: signature, slot, block time', () => {
  const a = recordedOne(`${TX_PARSER}/pumpfun_buy_0.json`);
  assert.equal(a.tx.signature.slice(0, 8), '4U8kypMu');
  assert.equal(a.tx.slot, 290506981);
  assert.equal(a.tx.blockTimeMs, 1726647738000);
  const b = recordedOne(`${CHAINSTACK}/raw_buy_tx_from_gettransaction.json`);
  assert.equal(b.tx.signature.slice(0, 8), '2m5nWLnD');
  assert.equal(b.tx.slot, 435948490);
  // base64: the signature is bytes 1..65 of the wire transaction (SOURCE.txt names it 2ghHZXwy...).
  const c = recordedOne(`${STREAMER}/pumpfun_direct_tx.json`);
  assert.equal(c.tx.signature.slice(0, 8), '2ghHZXwy');
  assert.equal(c.tx.slot, 356410419);
  const d = recordedOne(vixen('4RoV'));
  assert.equal(d.tx.signature, '4RoVbE9HB9GSQN1wyBRW7TJCq4ovvWyMfegQAM1Lvd3UgYWGGgJcW3GYruAi7j1poKboPCS2bK71J4iM5EUwxD6R');
  assert.equal(d.tx.blockTimeMs, null);
});

test('token accounts are mapped through static keys plus address-table keys (v0, json encoding)', () => {
  // ChainBuff open.json is a v0 transaction with an address table: balances name accounts by index into static
  // keys + loaded writable + loaded readonly, and the reader must give each balance the right address.
  const r = recordedOne('ChainBuff__open-sol-bot/tests/wallet_tracker/tx_examples/raw/open.json');
  const raw = JSON.parse(readFileSync(fixturePath('ChainBuff__open-sol-bot/tests/wallet_tracker/tx_examples/raw/open.json'), 'utf8')).result;
  const keys: string[] = [...raw.transaction.message.accountKeys, ...raw.meta.loadedAddresses.writable, ...raw.meta.loadedAddresses.readonly];
  for (const b of raw.meta.postTokenBalances) {
    const acc = r.tokenAccounts!.find((a) => a.account === keys[b.accountIndex]);
    assert.ok(acc, `balance at index ${b.accountIndex}`);
    assert.equal(acc.mint, b.mint);
    assert.equal(acc.postRaw, BigInt(b.uiTokenAmount.amount));
  }
});

test('NDJSON of logsNotification frames (WRAPPED from recorded transactions) with a subscription ack line', () => {
  const a = recordedOne(`${TX_PARSER}/pumpfun_buy_bundle.json`);
  const b = recordedOne(vixen('4pCg'));
  const file = write('frames.ndjson', [JSON.stringify({ jsonrpc: '2.0', result: 7, id: 1 }), wrapAsFrame(a), '', wrapAsFrame(b)].join('\n') + '\n');
  const got = readRecordedTxs(file);
  assert.deepEqual(got.map((g) => [g.tx.signature, g.tx.slot, g.tx.logs.length, g.tokenAccounts]), [
    [a.tx.signature, a.tx.slot, a.tx.logs.length, null],
    [b.tx.signature, b.tx.slot, b.tx.logs.length, null],
  ]);
});

test('an envelope around a list and a list of envelopes read the same transactions', () => {
  const one = JSON.parse(readFileSync(fixturePath(`${TX_PARSER}/pumpfun_sell_0.json`), 'utf8'))[0];
  const two = JSON.parse(readFileSync(fixturePath(`${STREAMER}/pumpfun_cpi_tx.json`), 'utf8'));
  const x = readRecordedTxs(write('env-list.json', JSON.stringify({ jsonrpc: '2.0', id: 1, result: [one, two] })));
  const y = readRecordedTxs(write('list-env.json', JSON.stringify([{ result: one }, { result: two }])));
  assert.deepEqual(x.map((t) => t.tx.signature), y.map((t) => t.tx.signature));
  assert.equal(x.length, 2);
});

test('bad inputs: missing, empty, not JSON at line 2, null result, unknown shape, no logs: one error naming the file (and line)', () => {
  const cases: Array<[string, RegExp]> = [
    [join(dir, 'missing.json'), /missing\.json: cannot read: ENOENT/],
    [write('empty.json', '  \n'), /empty\.json: empty file/],
    [write('bad.ndjson', wrapAsFrame(recordedOne(`${TX_PARSER}/pumpfun_buy_0.json`)) + '\n{oops\n'), /bad\.ndjson:2: not JSON/],
    [write('null.json', '{"jsonrpc":"2.0","result":null,"id":1}'), /null\.json: JSON-RPC result is null/],
    [write('shape.json', '{"hello":1}'), /shape\.json: not a getTransaction result/],
    [write('nologs.json', '{"slot":1,"transaction":{"signatures":["x"],"message":{"accountKeys":[]}},"meta":{"err":null}}'), /nologs\.json: transaction has no meta\.logMessages/],
  ];
  for (const [file, re] of cases) {
    assert.throws(() => readRecordedTxs(file), (e: unknown) => e instanceof ReplayInputError && re.test(e.message), file);
  }
});

test('base58Key agrees with the reference encoder on random and edge-case keys', () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const keys = [new Uint8Array(32), Uint8Array.from({ length: 32 }, () => 255), Uint8Array.from({ length: 32 }, (_, i) => (i < 3 ? 0 : i))];
  for (let k = 0; k < 200; k++) keys.push(Uint8Array.from({ length: 32 }, rnd));
  for (const key of keys) {
    const padded = new Uint8Array(40);
    padded.set(key, 5);
    assert.equal(base58Key(padded, 5), base58Encode(key));
  }
});
