import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SolanaMintSource } from '../../../src/sources/solana/mint-source.js';
import type { BadData, SourceStatus } from '../../../src/domain/status.js';
import { FakeSolanaRpc } from '../../fakes/solana-rpc.js';
import { MINT_PRESETS, WALLET_B, testAddress } from '../../fakes/solana-rpc-mints.js';
import { testOptions } from './helpers.js';

const PATH_KEY = 'k3yInThePathAbCdEfGh1234567890';
const QUERY_KEY = 'SECRET-query-key-42';

async function startFakes(n: number, path = '/'): Promise<{ fakes: FakeSolanaRpc[]; urls: string[] }> {
  const fakes = Array.from({ length: n }, () => new FakeSolanaRpc({ path }));
  const urls = await Promise.all(fakes.map((f) => f.start()));
  return { fakes, urls };
}

test('when the first URL answers 5xx the reader fails over to the second and reports it masked', async () => {
  const { fakes, urls } = await startFakes(2, `/v2/${PATH_KEY}`);
  try {
    const mint = testAddress(9);
    for (const f of fakes) f.addMint(mint, MINT_PRESETS.liveFreezeAuthority);
    fakes[0].faults.rate5xx = 1;
    const keyed = urls.map((u) => `${u}?api-key=${QUERY_KEY}`);
    const source = new SolanaMintSource(testOptions(keyed, { topHolders: false, failoverAfterFailures: 2 }));
    const statuses: SourceStatus[] = [];
    source.status$.subscribe((s) => statuses.push(s));
    const [s] = await source.readMintSecurity([mint]);
    assert.equal(s.freezeAuthority, WALLET_B);
    assert.equal(fakes[0].hits.get('getMultipleAccounts'), undefined, 'the failing URL never answered the call');
    assert.equal(fakes[0].hits.get('http'), 2, 'two failures before moving on');
    assert.equal(fakes[1].hits.get('getMultipleAccounts'), 1);
    const port1 = new URL(urls[1]).port;
    assert.ok(source.activeEndpoint.includes(port1), 'the active endpoint is the second URL');
    assert.ok(statuses.some((x) => /failover/.test(x.detail ?? '')));
    await source.close();
    const text = JSON.stringify(statuses) + source.activeEndpoint;
    assert.ok(!text.includes(PATH_KEY) && !text.includes(QUERY_KEY), 'no key in statuses');
  } finally {
    await Promise.all(fakes.map((f) => f.stop()));
  }
});

test('secrets in RPC URLs never appear in statuses, bad data or errors, even when every URL fails', async () => {
  const { fakes, urls } = await startFakes(2, `/v2/${PATH_KEY}`);
  try {
    fakes[0].faults.rate5xx = 1;
    fakes[1].faults.rate429 = 1;
    const keyed = urls.map((u) => `${u}?api-key=${QUERY_KEY}`);
    const source = new SolanaMintSource(testOptions(keyed, { retries: 3 }));
    const seen: Array<SourceStatus | BadData> = [];
    source.status$.subscribe((s) => seen.push(s));
    source.badData$.subscribe((b) => seen.push(b));
    const err = await source.readMintSecurity([testAddress(1)]).then(() => null, (e: Error) => e);
    assert.ok(err, 'the read fails once retries are spent');
    assert.equal((err as { code?: string }).code !== undefined, true);
    assert.equal(seen.filter((s) => 'state' in s && s.state === 'failed').length, 1);
    await source.close();
    const text = JSON.stringify(seen) + String(err) + String(err!.stack) + source.activeEndpoint;
    assert.ok(!text.includes(PATH_KEY), 'path key leaked');
    assert.ok(!text.includes(QUERY_KEY), 'query key leaked');
    assert.ok(text.includes('***'), 'the URLs are shown masked');
  } finally {
    await Promise.all(fakes.map((f) => f.stop()));
  }
});

test('401 on every URL is fatal with a clear code and no key in the message', async () => {
  const { fakes, urls } = await startFakes(2, `/v2/${PATH_KEY}`);
  try {
    fakes[0].scriptNext({ status: 401 });
    fakes[1].scriptNext({ status: 403 });
    const source = new SolanaMintSource(testOptions(urls, { retries: 6 }));
    const err = (await source.readMintSecurity([testAddress(1)]).then(() => null, (e: unknown) => e)) as { code: string; message: string };
    await source.close();
    assert.equal(err.code, 'SOLANA_RPC_FORBIDDEN');
    assert.equal(fakes[0].hits.get('http'), 1, 'a refused URL is not tried again');
    assert.equal(fakes[1].hits.get('http'), 1);
    assert.ok(!err.message.includes(PATH_KEY));
  } finally {
    await Promise.all(fakes.map((f) => f.stop()));
  }
});
