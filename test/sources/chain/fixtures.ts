// Where the bundled chain fixtures are (test/fixtures/chain, real transactions with attribution) and how a
// test reads one: the recorded-input reader, then the decoder.
import { join } from 'node:path';
import { decodeTx } from '../../../src/sources/chain/decode.js';
import { readRecordedTxs, type RecordedTx } from '../../../src/sources/chain/recorded/index.js';
import type { DecodedTx } from '../../../src/sources/chain/types.js';

export const CHAIN_FIXTURES = join(process.cwd(), 'test', 'fixtures', 'chain');

export const TX_PARSER = '0xjeffro__tx-parser/solana/data';
export const STREAMER = '0xfnzero__solana-streamer/tests/fixtures';
export const VIXEN = 'rpcpool__yellowstone-vixen/tests/fixtures';
export const CHAINSTACK = 'chainstacklabs__pumpfun-bonkfun-bot/learning-examples';
export const CHAINBUFF = 'ChainBuff__open-sol-bot/tests/wallet_tracker/tx_examples/raw';

export function fixturePath(rel: string): string {
  return join(CHAIN_FIXTURES, rel);
}

/** vixen files are named by signature: `<sig>_txupdate.json`. */
export function vixen(sigPrefix: string): string {
  const names: Record<string, string> = {
    '22K6': '22K6ixTV6Hk9mk9dBqbTcixYw2LXNYEDyiENzLMTs4S8z9i3WRjYLpXDM2mE75nP36moUZ5MeH1ahTvUvYP9L8jH',
    '2Dfs': '2DfsmTYvMqKwXDBEicEtqLeFfyJ43LLPeVbg8NSjzsQZuhzKzUmZP9XeQLm8C9z8pu3z5paHdJKcnQrw3PA8s4hs',
    '4RoV': '4RoVbE9HB9GSQN1wyBRW7TJCq4ovvWyMfegQAM1Lvd3UgYWGGgJcW3GYruAi7j1poKboPCS2bK71J4iM5EUwxD6R',
    '4pCg': '4pCgZ28WbXfpq93VuwbJwjWTvfgesEds9PKXkXmMHUGWmYduKbieMpbckHUwQ8ugVdvrT3CYQDC3n9j4BzPLyJCz',
    '54MF': '54MFrVcfzQEnfMCQo2KtRJErGBnr2rgJ7ShAQ8mpr61FdyiQsc8vuxBYqz8xGmM4C23sYcm1Wic3gJTjUf5u9Pkr',
    '5DJF': '5DJFLgNiZD73caNFPsbJekW9fjsyL3ZnCyZWnEJADVq7VrKak1GMhxpUiUqD2orkoKrhbcmVgsvWXTGeJBL6sTFt',
    '5Lzh': '5LzhiGZB462sKGLhav13z3KUjjN6EhT9y21F4e4hKpsggFj6bseibkmPP7qXMnac6uDuKZZpdwDcbDqP3YHUXRVp',
    '5UWc': '5UWcde33J3rxFusKri4UCihzq2YatSoYbVjEhm5PRbYxx7VGxh2DPAMixkfnZ5wVyoE4wZNhwMLeJCULkufRd5cn',
    '5gtu': '5gtu6ARVv16QjWi2QR3CZwwPJAEL3TNqvX5HKBz39uB9ky53E2Q7MBjxLqW1a3BFUoXkEEgfmAdsedSeHjpCEau3',
    nexz: 'nexzRp8Z5abE2pfaySm7bft7PqnTAQG64Y11gBHvzqdLUYspc84dTtQY9P6BiAMMDNYBTEBLhMDtbHoYYNgUvxS',
    vRYN: 'vRYNRDqsLW7Kk6GHPzxYytqxHDzDMTGfD2SD3fYsUZgA7o7yhDp97orn9uVoZKjWXYYoNMnGb4jzz2GxZuD2UV1',
  };
  return `${VIXEN}/${names[sigPrefix]}_txupdate.json`;
}

/** The one transaction recorded in a fixture file. */
export function recordedOne(rel: string): RecordedTx {
  const txs = readRecordedTxs(fixturePath(rel));
  if (txs.length !== 1) throw new Error(`${rel}: expected one transaction, got ${txs.length}`);
  return txs[0];
}

export function decodeFixture(rel: string): DecodedTx & { recorded: RecordedTx } {
  const recorded = recordedOne(rel);
  return { ...decodeTx(recorded.tx), recorded };
}

/** A logsNotification frame WRAPPED from a recorded transaction (no recorded frame exists under a license). */
export function wrapAsFrame(r: RecordedTx, subscription = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'logsNotification', params: { result: { context: { slot: r.tx.slot }, value: { signature: r.tx.signature, err: r.tx.err, logs: r.tx.logs } }, subscription } });
}
