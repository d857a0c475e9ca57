import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceSourceHealth, summarizeSources, healthKey } from '../../../src/outputs/table/sources.js';
import type { SourceHealth } from '../../../src/outputs/table/state.js';
import { status } from './events.js';

test('a source whose endpoints answer is no longer shown as connecting', () => {
  const health: Record<string, SourceHealth> = {};
  const add = (line: ReturnType<typeof status>) => (health[healthKey(line)] = reduceSourceHealth(health[healthKey(line)], line));
  add(status('dexscreener', 'connecting', 1_000, 0));
  assert.equal(summarizeSources(health)[0].state, 'connecting');
  add({ ...status('dexscreener', 'ok', 2_000, 3), endpoint: 'tokens' });
  assert.equal(summarizeSources(health)[0].state, 'ok');
  add({ ...status('dexscreener', 'rate_limited', 3_000, 4), endpoint: 'profiles' });
  assert.equal(summarizeSources(health)[0].state, 'rate_limited');
});
