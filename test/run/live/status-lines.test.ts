import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceState, SourceStatus } from '../../../src/domain/status.js';
import { finalStatusLines, stateChanges } from '../../../src/run/live/status-lines.js';

const T = 1_760_000_000_000;
const st = (source: string, endpoint: string | null, state: SourceState, o: Partial<SourceStatus> = {}): SourceStatus => ({
  source, endpoint, state, at: T, detail: null, nextAttemptAt: null, ratePerMin: null, budgetPerMin: null,
  counters: { requests: 0, errors: 0, retries: 0, rateLimited: 0, badPayloads: 0, records: 0 }, ...o,
});

test('stderr gets one line per change of state: none for coming up or retrying, one for blocked, one for ok again, one per unreachable source', () => {
  const change = stateChanges();
  const lines = [
    st('dexscreener', null, 'connecting'),
    st('dexscreener', 'tokens', 'ok'),
    st('dexscreener', 'tokens', 'retrying', { detail: 'HTTP 502' }),
    st('dexscreener', 'tokens', 'ok'),
    st('dexscreener', 'boosts_top', 'blocked', { detail: 'Cloudflare challenge', nextAttemptAt: T + 120_000 }),
    st('dexscreener', 'boosts_top', 'blocked', { detail: 'Cloudflare challenge', nextAttemptAt: T + 120_000 }),
    st('dexscreener', 'boosts_top', 'ok'),
    st('solana', 'getTokenLargestAccounts', 'disabled', { detail: 'top-holder share unavailable on this RPC (x)' }),
    st('solana', 'rpc', 'unreachable', { detail: 'api.mainnet-beta.solana.com ENOTFOUND' }),
    st('solana', 'other', 'unreachable', { detail: 'api.mainnet-beta.solana.com ENOTFOUND' }),
  ].map(change).filter((l): l is string => l !== null);
  assert.deepEqual(lines, [
    'dexscreener boosts_top: blocked (Cloudflare challenge), next try in 120 s',
    'dexscreener boosts_top: ok again',
    'solana getTokenLargestAccounts: switched off (top-holder share unavailable on this RPC (x))',
    'solana: unreachable (api.mainnet-beta.solana.com ENOTFOUND)',
  ]);
});

test('the closing line of a source is its worst endpoint, and a source that never answered is not ok', () => {
  const last = new Map([
    ['dexscreener', new Map([['', st('dexscreener', null, 'connecting')], ['tokens', st('dexscreener', 'tokens', 'ok')], ['boosts_top', st('dexscreener', 'boosts_top', 'blocked')]])],
    ['geckoterminal', new Map([['', st('geckoterminal', null, 'connecting')]])],
    ['solana', new Map([['rpc', st('solana', 'rpc', 'ok')], ['getTokenLargestAccounts', st('solana', 'getTokenLargestAccounts', 'disabled')]])],
  ]);
  const out = finalStatusLines(last, new Map(), new Map([['jupiter', { received: 0, applied: 0, secondary: 0, late: 0, duplicate: 0, invalid: 0 }]]), T);
  assert.deepEqual(out.map((l) => [l.source, l.state]), [['dexscreener', 'blocked'], ['geckoterminal', 'connecting'], ['jupiter', 'connecting'], ['solana', 'ok']]);
});
