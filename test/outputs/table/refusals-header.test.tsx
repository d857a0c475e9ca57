import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusLine } from '../../../src/domain/index.js';
import { healthKey, reduceSourceHealth } from '../../../src/outputs/table/sources.js';
import { sourceCellText, summarizeSources, unreachableText, allUnreachable } from '../../../src/outputs/table/sources-text.js';
import type { SourceHealth } from '../../../src/outputs/table/state.js';
import { status, T0 } from './events.js';
import { liveLines, renderTable } from './render-helpers.js';

const line = (source: string, endpoint: string | null, state: StatusLine['state'], ts: number, extra: Partial<StatusLine> = {}): StatusLine =>
  ({ ...status(source, state, ts, 10), endpoint, ...extra });
const DEX_RATES = { ratePerMin: 42, budgetPerMin: 360, rates: [{ name: 'pairs', ratePerMin: 40, budgetPerMin: 300 }, { name: 'profiles', ratePerMin: 2, budgetPerMin: 60 }] };

function fold(lines: StatusLine[]): Record<string, SourceHealth> {
  const h: Record<string, SourceHealth> = {};
  for (const l of lines) h[healthKey(l)] = reduceSourceHealth(h[healthKey(l)], l);
  return h;
}

test('each rate budget is shown on its own, from the latest line, never summed over endpoints', () => {
  const health = fold([
    line('dexscreener', 'tokens', 'ok', T0, DEX_RATES),
    line('dexscreener', 'profiles', 'ok', T0 + 1, DEX_RATES),
    line('dexscreener', 'boosts_latest', 'ok', T0 + 2, DEX_RATES),
  ]);
  const [dex] = summarizeSources(health);
  assert.equal(sourceCellText(dex, T0).rest, ' pairs 40/300 profiles 2/60rpm');
});

test('a blocked endpoint shows with its reason and its wait; a switched-off feature shows beside the state', () => {
  const health = fold([
    line('dexscreener', 'tokens', 'ok', T0, DEX_RATES),
    line('dexscreener', 'boosts_top', 'blocked', T0 + 5, { detail: 'Cloudflare challenge', nextAttemptAt: T0 + 185_000 }),
    line('solana', null, 'connecting', T0),
    line('solana', 'http://127.0.0.1:8899/', 'ok', T0 + 6, { rates: [{ name: 'rpc', ratePerMin: 12, budgetPerMin: 240 }] }),
    line('solana', 'getTokenLargestAccounts', 'disabled', T0 + 7, { detail: 'top-holder share unavailable on this RPC (http://127.0.0.1:8899/: -32010: ...)' }),
  ]);
  const [dex, sol] = summarizeSources(health);
  const d = sourceCellText(dex, T0 + 5);
  assert.equal(`${d.name} ${d.state}${d.rest}`, 'dexscreener blocked boosts_top: Cloudflare challenge, next try in 3m pairs 40/300 profiles 2/60rpm');
  const s = sourceCellText(sol, T0 + 7);
  assert.equal(`${s.name} ${s.state}${s.rest}`, 'solana ok 12/240rpm  [top-holder share unavailable on this RPC]');
});

test('a source that never answered is connecting, or unreachable, never ok', () => {
  const health = fold([line('geckoterminal', null, 'connecting', T0), line('jupiter', null, 'connecting', T0), line('jupiter', 'search', 'blocked', T0 + 1, { detail: 'needs a key (JUPITER_API_KEY)' })]);
  assert.deepEqual(summarizeSources(health).map((s) => s.state), ['connecting', 'blocked']);
});

test('when every source is unreachable the header says so in words, with each host and cause', () => {
  const health = fold([
    line('dexscreener', 'tokens', 'unreachable', T0, { detail: 'api.dexscreener.com ENOTFOUND' }),
    line('solana', 'https://api.mainnet-beta.solana.com', 'unreachable', T0, { detail: 'api.mainnet-beta.solana.com ENOTFOUND' }),
  ]);
  const sums = summarizeSources(health);
  assert.ok(allUnreachable(sums));
  assert.equal(unreachableText(sums), 'no network? every source is unreachable: api.dexscreener.com ENOTFOUND (dexscreener); api.mainnet-beta.solana.com ENOTFOUND (solana)');
  assert.ok(!allUnreachable(summarizeSources(fold([...Object.values(health).map((h) => line(h.source, h.endpoint, h.state, h.at, { detail: h.detail })), line('jupiter', 'search', 'ok', T0)]))));
});

test('the rendered header carries the blocked cell, the RPC cell and the no-network line', async () => {
  const t = renderTable({ columns: 200, start: T0 });
  let frame = await t.push(
    line('dexscreener', 'tokens', 'ok', T0, DEX_RATES),
    line('dexscreener', 'boosts_top', 'blocked', T0, { detail: 'Cloudflare challenge', nextAttemptAt: T0 + 120_000 }),
    line('solana', 'getTokenLargestAccounts', 'disabled', T0, { detail: 'top-holder share unavailable on this RPC (x)' }),
    line('solana', 'rpc', 'ok', T0),
  );
  let live = liveLines(frame);
  assert.match(live[1], /dexscreener blocked boosts_top: Cloudflare challenge, next try in 1m pairs 40\/300 profiles 2\/60rpm/);
  assert.match(live[1], /solana ok .*\[top-holder share unavailable on this RPC\]/);
  frame = await t.push(
    line('dexscreener', 'tokens', 'unreachable', T0 + 1, { detail: 'api.dexscreener.com ENOTFOUND' }),
    line('dexscreener', 'boosts_top', 'unreachable', T0 + 1, { detail: 'api.dexscreener.com ENOTFOUND' }),
    line('solana', 'rpc', 'unreachable', T0 + 1, { detail: 'api.mainnet-beta.solana.com ENOTFOUND' }),
  );
  live = liveLines(frame);
  assert.ok(live.some((l) => l.includes('no network? every source is unreachable: api.dexscreener.com ENOTFOUND (dexscreener); api.mainnet-beta.solana.com ENOTFOUND (solana)')), frame);
  t.end();
});
