import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startAllFakes } from './index.js';
import { CBRL } from './universe.js';

describe('fake registry', () => {
  it('starts every fake on loopback and reports the scanner environment', async () => {
    const running = await startAllFakes();
    try {
      assert.deepEqual(Object.keys(running.env).sort(), ['BIRDEYE_API_KEY', 'BIRDEYE_BASE_URL', 'BIRDEYE_WS_URL', 'DEXSCREENER_BASE_URL', 'GECKOTERMINAL_BASE_URL', 'JUPITER_BASE_URL', 'SOLANA_RPC_URL', 'SOLANA_WS_URL']);
      for (const url of Object.entries(running.env).filter(([k]) => k.endsWith('_URL')).map(([, v]) => v)) assert.match(url, /^(http|ws):\/\/127\.0\.0\.1:\d+/);
      const res = await request(`${running.env.DEXSCREENER_BASE_URL}/tokens/v1/solana/${CBRL.mint}`);
      const body = (await res.body.json()) as Array<{ pairAddress: string }>;
      assert.equal(body[0].pairAddress, CBRL.pool);
    } finally {
      await running.stop();
    }
  });
});
