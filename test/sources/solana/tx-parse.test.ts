import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { parseSwapTransaction, QUOTE_MINTS } from '../../../src/sources/solana/tx-parse.js';
import { base58Encode } from '../../../src/domain/mint.js';
import { decodeBondingCurve, parseAccountInfoResponse, PUMP_FUN_PROGRAM } from '../../../src/sources/solana/bonding-curve.js';
import type { TransactionWire } from '../../../src/sources/solana/tx-wire.js';
import { PACKAGE_ROOT } from '../../../src/config/load.js';

// Apache-2.0 fixtures bundled under test/fixtures/solana-tx (origin in its README), so these run on every clone.
const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'solana-tx');
const CHAINSTACK = join(FIXTURES, 'chainstacklabs__pumpfun-bonkfun-bot/learning-examples');
const OPEN_SOL = join(FIXTURES, 'ChainBuff__open-sol-bot/tests/wallet_tracker/tx_examples/raw');

interface Balance { accountIndex: number; mint: string; owner?: string; uiTokenAmount: { uiAmountString?: string; uiAmount: number | null } }

function load(path: string): TransactionWire {
  const j = JSON.parse(readFileSync(path, 'utf8'));
  return (j.result ?? j) as TransactionWire;
}

/** The test's own reading of a signer's balance change of one mint, from the UI amounts in the JSON. */
function signerUiChange(w: TransactionWire, signer: string, mint: string): number {
  const sum = (list: Balance[] | undefined) =>
    (list ?? []).filter((b) => b.owner === signer && b.mint === mint).reduce((s, b) => s + Number(b.uiTokenAmount.uiAmountString ?? b.uiTokenAmount.uiAmount ?? 0), 0);
  const meta = w.meta as unknown as { preTokenBalances: Balance[]; postTokenBalances: Balance[] };
  return sum(meta.postTokenBalances) - sum(meta.preTokenBalances);
}

function firstKey(w: TransactionWire): string {
  const k = (w.transaction as { message: { accountKeys: Array<string | { pubkey: string }> } }).message.accountKeys[0];
  return typeof k === 'string' ? k : k.pubkey;
}

test('every real getTransaction swap parses: signer, block time, success, token and SOL change match the JSON', () => {
  const files = [...readdirSync(OPEN_SOL).map((f) => join(OPEN_SOL, f)), join(CHAINSTACK, 'raw_buy_tx_from_gettransaction.json'), join(CHAINSTACK, 'raw_create_tx_from_gettransaction.json')];
  assert.ok(files.length >= 15);
  for (const file of files) {
    const w = load(file);
    const s = parseSwapTransaction(w);
    const name = file.split('/').pop();
    assert.equal(s.signer, firstKey(w), name);
    assert.equal(s.signature, (w.transaction as { signatures: string[] }).signatures[0], name);
    assert.equal(s.blockTimeMs, w.blockTime! * 1000, name);
    assert.equal(s.success, w.meta!.err === null, name);
    const lamports = w.meta!.postBalances[0] - w.meta!.preBalances[0];
    const wsol = signerUiChange(w, s.signer, 'So11111111111111111111111111111111111111112');
    assert.ok(Math.abs(s.solChange - (lamports / 1e9 + wsol)) < 1e-9, `${name}: sol ${s.solChange}`);
    assert.equal(s.feeSol, w.meta!.fee / 1e9, name);
    if (s.mint) {
      assert.ok(!QUOTE_MINTS.has(s.mint), name);
      assert.ok(Math.abs(s.tokenChange - signerUiChange(w, s.signer, s.mint)) < 1e-6, `${name}: token ${s.tokenChange}`);
      assert.equal(s.side, s.tokenChange > 0 ? 'buy' : s.tokenChange < 0 ? 'sell' : null, name);
    }
  }
});

test('known facts of single swaps: a pump.fun open buys, a failed sell is marked failed, a transfer has no token', () => {
  const open = parseSwapTransaction(load(join(OPEN_SOL, 'open.json')));
  assert.equal(open.mint, '7LCnGcBjiiaqWMkhTfEEemx5mWdLBHbrgDjCPbTbpump');
  assert.equal(open.tokenChange, 59023574.727001);
  assert.equal(open.side, 'buy');
  assert.ok(open.solChange < -2, 'about two SOL were spent');
  const failed = parseSwapTransaction(load(join(OPEN_SOL, 'error.json')));
  assert.equal(failed.success, false);
  assert.equal(failed.side, null, 'a failed swap moves no tokens');
  const transfer = parseSwapTransaction(load(join(OPEN_SOL, 'transfer.json')));
  assert.equal(transfer.mint, null);
  const buy = parseSwapTransaction(load(join(CHAINSTACK, 'raw_buy_tx_from_gettransaction.json')));
  assert.equal(buy.mint, '4F4gGVBAWuKi3EpmYdhntXvCVFqZZqmrb1cqNGawpump');
  assert.equal(buy.blockTimeMs, 1785328584000);
});

test('a blockSubscribe entry (base64 transaction) yields the signer and a base58 signature', () => {
  const w = load(join(CHAINSTACK, 'blocksubscribe-transactions/raw_create_tx_from_blocksubscribe.json'));
  const s = parseSwapTransaction(w);
  const owners = ((w.meta as unknown as { postTokenBalances: Balance[] }).postTokenBalances).map((b) => b.owner);
  assert.ok(owners.includes(s.signer), 'the creator signs and receives the first tokens');
  assert.equal(s.mint, '7YD6ZHb39jGb33ki2iFd7kHK11yMkSFCc9kvjJscpump');
  assert.match(s.signature!, /^[1-9A-HJ-NP-Za-km-z]{86,88}$/);
  assert.equal(s.blockTimeMs, null);
  assert.ok(s.tokenChange > 0);
});

test('base58 of 32 bytes agrees with web3.js PublicKey', () => {
  for (const k of ['So11111111111111111111111111111111111111112', '11111111111111111111111111111111', PUMP_FUN_PROGRAM]) {
    assert.equal(base58Encode(new PublicKey(k).toBytes()), k);
  }
});

test('the real bonding-curve account decodes to a layout its own numbers confirm', () => {
  const env = parseAccountInfoResponse(JSON.parse(readFileSync(join(CHAINSTACK, 'raw_bonding_curve_from_getaccountinfo.json'), 'utf8')))!;
  assert.equal(env.owner, PUMP_FUN_PROGRAM);
  assert.equal(env.space, env.data.length);
  const c = decodeBondingCurve(env.data);
  assert.equal(c.tokenTotalSupply, 10n ** 15n);
  assert.equal(c.virtualSolReserves - c.realSolReserves, 30n * 10n ** 9n, 'the curve starts with 30 virtual SOL');
  assert.equal(c.virtualTokenReserves - c.realTokenReserves, 279_900_000n * 10n ** 6n);
  assert.equal(c.complete, false);
  const create = parseSwapTransaction(load(join(CHAINSTACK, 'raw_create_tx_from_gettransaction.json')));
  assert.equal(c.creator, create.signer, 'the creator field is the create transaction signer');
  assert.ok(env.lamports / 1e9 > Number(c.realSolReserves) / 1e9, 'the account holds the real SOL reserve plus rent');
  assert.ok(c.priceSol > 0 && c.priceSol < 1e-3);
});
