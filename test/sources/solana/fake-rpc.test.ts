import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { from, toArray, firstValueFrom } from 'rxjs';
import { FakeSolanaRpc } from '../../fakes/solana-rpc.js';
import { MINT_PRESETS, testAddress } from '../../fakes/solana-rpc-mints.js';
import { SolanaMintSource } from '../../../src/sources/solana/mint-source.js';
import { testOptions } from './helpers.js';

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.statusCode, json: await res.body.json() };
}

test('the RPC fake echoes ids of any type, answers batches in order and refuses more than 100 keys', async () => {
  const fake = new FakeSolanaRpc();
  const url = await fake.start();
  try {
    const mint = fake.addMint(testAddress(1), MINT_PRESETS.renounced);
    const uuid = '4e1f3b1c-6a7d-4c1e-9f53-2b1a7c0e9d11';
    const batch = (await post(url, [
      { jsonrpc: '2.0', id: uuid, method: 'getAccountInfo', params: [mint, { encoding: 'base64' }] },
      { jsonrpc: '2.0', id: 7, method: 'getSlot' },
      { jsonrpc: '2.0', id: null, method: 'nope' },
    ])).json as Array<{ id: unknown; result?: { value?: { owner: string; space: number } }; error?: { code: number } }>;
    assert.deepEqual(batch.map((r) => r.id), [uuid, 7, null]);
    assert.equal(batch[0].result!.value!.owner, 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
    assert.equal(batch[0].result!.value!.space, 82);
    assert.equal(batch[2].error!.code, -32601);
    const keys = Array.from({ length: 101 }, (_, i) => testAddress(i + 10));
    const tooMany = (await post(url, { jsonrpc: '2.0', id: 1, method: 'getMultipleAccounts', params: [keys] })).json as { error: { code: number; message: string } };
    assert.equal(tooMany.error.code, -32602);
    fake.scriptNext({ status: 429 });
    const limited = await post(url, { jsonrpc: '2.0', id: 'x', method: 'getSlot' });
    assert.equal(limited.status, 429);
    assert.deepEqual((limited.json as { error: { code: number }; id: unknown }).error.code, 429);
  } finally {
    await fake.stop();
  }
});

test('mintSecurity$ reads each emitted list of mints in turn', async () => {
  const fake = new FakeSolanaRpc();
  const url = await fake.start();
  try {
    const a = fake.addMint(testAddress(1), MINT_PRESETS.renounced);
    const b = fake.addMint(testAddress(2), MINT_PRESETS.permanentDelegate);
    const source = new SolanaMintSource(testOptions([url], { topHolders: false }));
    const out = await firstValueFrom(source.mintSecurity$(from([[a], [b, a]])).pipe(toArray()));
    await source.close();
    assert.deepEqual(out.map((s) => s.mint), [a, b, a]);
    assert.equal(out[1].extensions.permanentDelegate, MINT_PRESETS.permanentDelegate.permanentDelegate);
  } finally {
    await fake.stop();
  }
});
