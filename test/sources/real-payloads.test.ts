import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, needsShared } from '../support/shared-data.js';
import { envelopeData, parseCandles, parseMultiPrice, parseOverview, parsePrice, parseSecurity, parseTokenList } from '../../src/sources/birdeye/rest-parse.js';
import { parseTrades } from '../../src/sources/birdeye/rest-parse-trades.js';
import { parseOhlcv, parsePools } from '../../src/sources/geckoterminal/parse.js';
import type { PoolSnapshot, TokenInfo } from '../../src/domain/market.js';

// Documentation examples and recorded responses of ../shared/data (no licence to bundle them): skipped without it.
const BE = join(SHARED_DATA ?? '.', 'kaseonedge__birdeye-api-docs', 'response_examples');
const GT = join(SHARED_DATA ?? '.', 'snogcel__geckoterminal_collector');
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const data = (file: string): unknown => {
  const env = envelopeData(json(join(BE, file)));
  assert.ok(env.ok, file);
  return env.data;
};
const AT = 1_800_000_000_000;
const SOL = 'So11111111111111111111111111111111111111112';

describe('Birdeye documentation examples through the parsers', needsShared(), () => {
  it('every example has a success envelope', () => {
    const files = readdirSync(BE).filter((f) => f.endsWith('.json') && !f.includes('non_response'));
    assert.ok(files.length > 50);
    for (const f of files) assert.equal(envelopeData(json(join(BE, f))).ok, true, f);
  });

  it('OHLCV v1 token: unixTime seconds to ms, USD volume estimated from token units', () => {
    const p = parseCandles(data('defi__get-defi-ohlcv.json'), { mint: SOL, pool: null, type: '15m', knownAt: AT });
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.records.map((c) => c.start), [1726670700000, 1726671600000]);
    assert.equal(p.records[0].open, 128.27328370924414);
    assert.equal(p.records[0].intervalMs, 900_000);
    const c = p.records[0];
    assert.ok(Math.abs(c.volumeUsd - 58641.16636665621 * ((c.high + c.low + c.close) / 3)) < 1e-6);
  });

  it('OHLCV v1 pair and v3 token/pair: unix_time and v_usd', () => {
    const pair = parseCandles(data('defi__get-defi-ohlcv-pair.json'), { mint: null, pool: 'Czfq3xZZDmsdGdUyrNLtRhGc47cXcZtLG4crryfu44zE', type: '15m', knownAt: AT });
    assert.deepEqual(pair.records.map((c) => [c.start, c.close]), [[1726700400000, 131.98629958196778], [1726701300000, 132.7284]]);
    const v3 = parseCandles(data('defi__get-defi-v3-ohlcv.json'), { mint: SOL, pool: null, type: '15m', knownAt: AT });
    assert.deepEqual(v3.records.map((c) => [c.start, c.volumeUsd]), [[1726670700000, 7506048], [1726671600000, 7506048]]);
    const v3pair = parseCandles(data('defi__get-defi-v3-ohlcv-pair.json'), { mint: null, pool: 'p', type: '15m', knownAt: AT });
    assert.deepEqual(v3pair.records.map((c) => c.volumeUsd), [1000, 1000]);
  });

  it('price, GET and POST multi_price', () => {
    const [p] = parsePrice(data('defi__get-defi-price.json'), 'mint', AT).records;
    assert.equal(p.priceUsd, 0.38622452197470425);
    assert.equal(p.liquidityUsd, 10854103.37938592);
    assert.equal(p.ts, 1745058945000);
    for (const f of ['defi__get-defi-multi_price.json', 'defi__post-defi-multi_price.json']) {
      const m = parseMultiPrice(data(f), AT).records;
      assert.deepEqual(m.map((x) => [x.mint, x.priceUsd]), [[SOL, 127.32916175338693], ['DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263', 1.598090539282e-5]]);
    }
  });

  it('token overview: marketCap, liquidity, 24h volume USD, holders', () => {
    const out = parseOverview(data('defi__get-defi-token_overview.json'), SOL, AT).records;
    const snap = out.find((r): r is PoolSnapshot => r.kind === 'pool')!;
    const tok = out.find((r): r is TokenInfo => r.kind === 'token')!;
    assert.equal(snap.priceUsd, 185.82977629057913);
    assert.equal(snap.marketCapUsd, 100263084724.62823);
    assert.equal(snap.liquidityUsd, 23353595552.52654);
    assert.equal(snap.ts, 1754885472000);
    assert.ok(snap.volume24hUsd! > 0);
    assert.equal(tok.symbol, 'SOL');
    assert.equal(tok.holderCount, 3472782);
  });

  it('token security: top-10 share as percent', () => {
    const [s] = parseSecurity(data('defi__get-defi-token_security.json'), 'mint', AT).records;
    assert.ok(Math.abs(s.top10HolderPct! - 30.41667404641445) < 1e-9);
    assert.equal(s.freezeAuthority, null);
    assert.equal(s.createdAt, 1670531612000);
  });

  it('v1 trades: the asked token is the quote leg; price from amounts', () => {
    const mint = '9K78h3XEb7qqRu4XEaAEhe3qXaAeN1XyHa65bLwKXaNp';
    const p = parseTrades(data('defi__get-defi-txs-token.json'), mint, AT, false);
    assert.deepEqual(p.problems, []);
    const [t] = p.records;
    assert.equal(t.side, 'buy', 'SOL in, token out');
    assert.ok(Math.abs(t.volumeUsd - 1.452043321 * 184.35493814782487) < 1e-9);
    assert.ok(Math.abs(t.priceUsd - 8.920248678973954e-5) / 8.92e-5 < 1e-3, `price ${t.priceUsd}`);
    assert.equal(t.ts, 1754883867000);
    assert.equal(t.pool, '7LfK73yHk16kaSqa4FDB8t1oU445zzSsgMMC3at4eCFR');
    assert.equal(p.hasNext, true);
  });

  it('v3 trades: snake_case legs, string raw amounts, USD volume matches volume_usd', () => {
    const p = parseTrades(data('defi__get-defi-v3-token-txs.json'), '7nM97F8takLArrKLJdT62L54jTtX1e7h7qPSjtBrsMQA', AT, true);
    const [t] = p.records;
    assert.equal(t.side, 'sell');
    assert.ok(Math.abs(t.volumeUsd - 0.0005729458359923133) < 1e-12);
    assert.equal(t.id, '3fqsirN8vbhBLHS2cVAaCXTdsCcCua75LgcBX6Z2G2yupM9cDEsmo2TP5AhXvEUBZ91xyy3KWiuDdHxoFVnp1R88:2:0', 'hash, ins_index 2, inner_ins_index 0');
  });

  it('a trade of a token on neither leg is bad data', () => {
    const p = parseTrades(data('defi__get-defi-txs-token.json'), 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN', AT, false);
    assert.equal(p.records.length, 0);
    assert.equal(p.problems[0].field, 'data.items[0].from.address');
  });

  it('new listings (ISO-like liquidityAddedAt) and trending (lowercase marketcap)', () => {
    const nl = parseTokenList(data('defi__get-defi-v2-tokens-new_listing.json'), 'items', AT).records.filter((r): r is PoolSnapshot => r.kind === 'pool');
    assert.deepEqual(nl.map((r) => [r.mint, r.createdAt, r.liquidityUsd]), [
      ['6Zk9e3nfXdYLXHYu5NvDiPHGMcjujVBv6gWRr7ckSdhP', Date.UTC(2024, 8, 18, 17, 59, 23), 15507.41635596545],
      ['DsWUsiseYxAHZXEvq5cVcymYaohk8Gpe8E4otsjFpump', Date.UTC(2024, 8, 18, 17, 57, 14), 32994.397007045525],
    ]);
    const tr = parseTokenList(data('defi__get-defi-token_trending.json'), 'tokens', AT).records.filter((r): r is PoolSnapshot => r.kind === 'pool');
    assert.deepEqual(tr.map((r) => [r.marketCapUsd, r.volume24hUsd]), [[28232129, 1202872.3148187269], [5425292, 920580.3615402475]]);
  });
});

describe('GeckoTerminal recorded responses through the parsers', needsShared(), () => {
  it('OHLCV lists (newest first, seconds) become ascending ms candles with the base mint', () => {
    for (const f of ['specs/OHLCV_validation_test.json', 'specs/OHLCV_validation_test_hour.json', 'test_data/get_ohlcv.json']) {
      const body = json(join(GT, f)) as { data: { attributes: { ohlcv_list: number[][] } } };
      const rows = body.data.attributes.ohlcv_list;
      const p = parseOhlcv(body, { pool: 'pool', intervalMs: 900_000, knownAt: AT, dropPadding: false });
      assert.deepEqual(p.problems, [], f);
      assert.equal(p.records.length, rows.length, f);
      assert.equal(p.records.at(-1)!.start, rows[0][0] * 1000, f);
      assert.equal(p.records[0].close, rows.at(-1)![4], f);
      assert.equal(p.records[0].volumeUsd, rows.at(-1)![5], f);
    }
    const cbrl = parseOhlcv(json(join(GT, 'specs/OHLCV_validation_test.json')), { pool: '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP', intervalMs: 900_000, knownAt: AT, dropPadding: false });
    assert.ok(cbrl.records.every((c) => c.mint === '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump'));
    assert.equal(cbrl.records.at(-1)!.start, 1755756000000);
    assert.equal(cbrl.records.at(-1)!.volumeUsd, 941.0332575772828);
  });

  it('pool lists: string numerics, network-prefixed ids, included token metadata', () => {
    const files = ['specs/new_pools_by_network.json', ...['get_new_pools_by_network', 'get_top_pools_by_network', 'get_top_pools_by_network_dex', 'get_top_pools_by_network_token', 'get_new_pools_all_networks'].map((f) => `test_data/${f}.json`)];
    for (const f of files) {
      const p = parsePools(json(join(GT, f)), AT);
      assert.deepEqual(p.problems, [], f);
      assert.equal(p.records.filter((r) => r.kind === 'pool').length, 20, f);
    }
    const sol = parsePools(json(join(GT, 'specs/new_pools_by_network.json')), AT).records;
    const second = sol.filter((r): r is PoolSnapshot => r.kind === 'pool')[1];
    assert.equal(second.pool, '2WKaBXXazTK2jtKZChnUJEYWWk8DBe7A2SUqsB7YNQ3w');
    assert.equal(second.mint, '9EVh2JwRdxfe8XwDLFp28LrL3QG3MrQTM4n1ZwFQH5bt');
    assert.equal(second.liquidityUsd, 158590.1898);
    const greg = sol.find((r): r is TokenInfo => r.kind === 'token' && r.mint === 'huGbvMBsED85Z2P2S5bkiJkRbL7RSaqzd1iZ39qpump')!;
    assert.equal(greg.symbol, 'GREG');
    assert.equal(greg.decimals, 6);
    const first = sol[0] as PoolSnapshot;
    assert.equal(first.createdAt, Date.UTC(2025, 8, 9, 1, 42, 11));
    assert.equal(first.dex, 'pump-fun');
    const eth = parsePools(json(join(GT, 'test_data/get_top_pools_by_network.json')), AT).records[0] as PoolSnapshot;
    assert.equal(eth.pool, '0x5f97e72e16d9a6ffec6c70589c61ee224494ccda');
    assert.equal(eth.liquidityUsd, 94447.963914053004685186111386);
    assert.equal(eth.mint, '0x616dc2536ea9c5cf44001bc6356e67fbefe0a029');
  });
});
