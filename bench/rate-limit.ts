// The client-side rate limiter's achieved rate against a loopback fake that enforces the same limit
// (moved here from the test suite: a rate measured in real time depends on the machine's load).
import { floodLimitedFake, maxInAnyWindow } from '../test/sources/http/limit-flood.js';
import { printTable } from './md.js';

export async function benchRateLimit(): Promise<void> {
  const LIMIT = 250;
  const WINDOW = 1000;
  const N = 1000;
  const { times, limited } = await floodLimitedFake(LIMIT, WINDOW, N);
  // Steady state: everything after the first full window, over the time it took.
  const steady = ((N - LIMIT) / (times.at(-1)! - times[0])) * 1000;
  console.log(`\n## rate limiter\n\n${N} requests through HttpSource against the DexScreener fake enforcing ${LIMIT} per ${WINDOW} ms (429 above it); no pad.\n`);
  printTable(['requests', 'elapsed ms', 'steady rate /s', 'of limit', `max in any ${WINDOW} ms`, '429s'], [
    [N, Math.round(times.at(-1)! - times[0]), steady.toFixed(1), `${((steady / LIMIT) * 100).toFixed(1)}%`, maxInAnyWindow(times, WINDOW), limited],
  ]);
}
