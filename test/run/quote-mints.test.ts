import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load.js';
import { admit, newUniverse, quoteAssetProblem } from '../../src/run/live/universe.js';
import { discoverOnce } from '../../src/run/live/discovery.js';
import type { LiveSources } from '../../src/run/live/sources.js';
import { GeckoTerminalClient } from '../../src/sources/geckoterminal/client.js';
import { VirtualClock } from '../../src/clock/clock.js';
import { listenOnLoopback } from '../fakes/listen.js';
import { rng, testHttp } from '../sources/http/helpers.js';
import { needsShared, sharedPath } from '../support/shared-data.js';

const cfg = loadConfig({ presets: ['scan'], env: {} });
const SOL = 'So11111111111111111111111111111111111111112';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const USDT = 'Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB';
const USDG = '2u1tszSeqZ3qBWF3uNGPFc8TzMk2tdiwknnRMWGWjGWH';
const CBRL = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
const universe = () => newUniverse({ ...cfg.scan, minVolume24hUsd: 0 });

describe('quote assets are never tracked tokens', () => {
  it('defaults name wSOL, USDC, USDT and USDG among the quote mints', () => {
    for (const m of [SOL, USDC, USDT, USDG]) assert.ok(cfg.scan.quoteMints.includes(m), m);
    assert.ok(!cfg.scan.quoteMints.includes(CBRL));
  });

  it('the universe refuses a quote mint from any source, even as a watch', () => {
    const u = universe();
    assert.deepEqual(admit(u, SOL, 'geckoterminal:trending_pools', 1), { admitted: false, evicted: null });
    assert.equal(admit(u, USDC, 'watchlist', 1, true).admitted, false);
    assert.equal(admit(u, CBRL, 'geckoterminal:trending_pools', 1).admitted, true);
    assert.deepEqual([...u.tokens.keys()], [CBRL]);
    const open = newUniverse({ ...cfg.scan, minVolume24hUsd: 0, quoteMints: [] });
    assert.equal(admit(open, SOL, 'x', 1).admitted, true, 'the set is configuration, not code');
  });

  it('names the problem of a quote mint asked for by the user', () => {
    assert.match(quoteAssetProblem(USDT, cfg.scan.quoteMints)!, /quote asset/);
    assert.equal(quoteAssetProblem(CBRL, cfg.scan.quoteMints), null);
  });

  it('discovery skips the quote-asset bases of the recorded GeckoTerminal pool list', needsShared(), async () => {
    const body = readFileSync(sharedPath('recorded-api', 'geckoterminal', 'dinjon4__geckoterminal_pools__first7.json'));
    const round = await discoverFrom(body);
    assert.deepEqual(round.failures, []);
    assert.deepEqual(new Set(round.quoteAssets), new Set([SOL, USDT, USDG]));
    assert.deepEqual(new Set(round.mints.map((m) => m.mint)), new Set([
      'Dc26VNVhXVSZXGmCR92yTMhQx6ZygLz5NLMv9zSyg6Fp', '6h6eCyD4kM3ifgfurDEFq5ykdAz8PEPHx2Uph2uZqMqQ', 'Hyn3TNGqTyz936vJDHAEgRP9krcVKSahFtXXE6Jv4vKu',
    ]));
    assert.ok(round.records.every((r) => !cfg.scan.quoteMints.includes(r.mint!)), 'no snapshot of a quote asset either');
    const without = await discoverFrom(body, []);
    assert.ok(without.mints.some((m) => m.mint === SOL), 'without the set the list does offer SOL');
  });

  it('a pool listed as SOL / MEME offers MEME (the recorded LOBBY / SOL pool with its sides swapped)', needsShared(), async () => {
    const doc = JSON.parse(readFileSync(sharedPath('recorded-api', 'geckoterminal', 'dinjon4__geckoterminal_pools__first7.json'), 'utf8'));
    const lobby = doc.data.find((p: { attributes: { name: string } }) => p.attributes.name === 'LOBBY / SOL');
    const rel = lobby.relationships;
    [rel.base_token, rel.quote_token] = [rel.quote_token, rel.base_token];
    doc.data = [lobby];
    const round = await discoverFrom(Buffer.from(JSON.stringify(doc)));
    assert.deepEqual(round.mints.map((m) => m.mint), ['6h6eCyD4kM3ifgfurDEFq5ykdAz8PEPHx2Uph2uZqMqQ']);
    assert.deepEqual(round.records, [], 'the snapshot prices SOL, not the candidate: dropped');
  });
});

/** One discovery round over a GeckoTerminal client whose loopback upstream answers every list with `body`. */
async function discoverFrom(body: Buffer, quoteMints: readonly string[] = cfg.scan.quoteMints) {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  const base = await listenOnLoopback(server, 1000, '/api/v2');
  const gecko = new GeckoTerminalClient({ baseUrl: base, requestsPerMinute: 600 }, { http: testHttp(), clock: new VirtualClock(1_760_000_000_000), random: rng() });
  try {
    const round = await discoverOnce({ dex: null, gecko, jup: null, birdeye: null } as unknown as LiveSources, quoteMints);
    assert.ok(paths.length >= 2, 'both GeckoTerminal lists were read');
    return round;
  } finally {
    await gecko.close();
    server.close();
  }
}
