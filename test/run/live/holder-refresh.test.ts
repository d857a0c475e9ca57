import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holderRefreshes } from '../../../src/run/live/holder-refresh.js';

test('holder refreshes take the stored backlog first, then due reads, within the budget and never twice', () => {
  const backlog = new Set(['a', 'gone', 'b', 'c']);
  const asked: number[] = [];
  const due = (n: number) => {
    asked.push(n);
    return ['b', 'x', 'y', 'z'].slice(0, n + 1);
  };
  const followed = (m: string) => m !== 'gone';
  assert.deepEqual(holderRefreshes(backlog, ['a'], followed, 2, due), ['b', 'c'], 'a is read anyway, gone is not followed');
  assert.deepEqual([...backlog], [], 'picked and skipped mints leave the backlog');
  assert.deepEqual(asked, [], 'the budget went to the backlog');
  assert.deepEqual(holderRefreshes(backlog, ['x'], followed, 2, due), ['b', 'y'], 'x is already wanted; never more than the budget');
  assert.deepEqual(asked, [2]);
  assert.deepEqual(holderRefreshes(new Set(['q']), [], followed, 0, due), [], 'budget 0: nothing');
});
