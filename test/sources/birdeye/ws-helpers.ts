import { wallClock } from '../../../src/clock/clock.js';
import { BirdeyeWsSource, type BirdeyeWsOptions } from '../../../src/sources/birdeye/ws-source.js';
import type { Candle, Trade } from '../../../src/domain/market.js';
import type { BadData, SourceStatus } from '../../../src/domain/status.js';
import type { Discovery } from '../../../src/sources/birdeye/ws-map.js';
import { FakeBirdeyeWs, type BirdeyeWsFaults } from '../../fakes/birdeye-ws.js';
import type { FeedItem } from '../../fakes/birdeye-ws-feed.js';

export interface Harness {
  fake: FakeBirdeyeWs;
  source: BirdeyeWsSource;
  candles: Candle[];
  trades: Trade[];
  discoveries: Discovery[];
  statuses: SourceStatus[];
  bad: BadData[];
  errors: Error[];
  close(): Promise<void>;
}

/** Starts the fake and a source pointed at it, collecting everything the source emits. */
export async function harness(over: Partial<BirdeyeWsOptions> = {}, key?: string, faults: Partial<BirdeyeWsFaults> = {}): Promise<Harness> {
  const fake = new FakeBirdeyeWs();
  Object.assign(fake.faults, faults);
  const url = await fake.start();
  const source = new BirdeyeWsSource({
    wsUrl: url, apiKey: key ?? fake.apiKey, addressesPerConnection: 100, heartbeatTimeoutMs: 2_000,
    reconnectMinMs: 5, reconnectMaxMs: 20, chartType: '1m', newListings: true, newPairs: true,
    minListingLiquidityUsd: 0, clock: wallClock, ...over,
  });
  const h: Harness = {
    fake, source, candles: [], trades: [], discoveries: [], statuses: [], bad: [], errors: [],
    async close() {
      source.stop();
      await fake.stop();
    },
  };
  const onError = (e: Error) => h.errors.push(e);
  source.candles$.subscribe({ next: (c) => h.candles.push(c), error: onError });
  source.trades$.subscribe({ next: (t) => h.trades.push(t), error: () => undefined });
  source.discoveries$.subscribe({ next: (d) => h.discoveries.push(d), error: () => undefined });
  source.status$.subscribe((s) => h.statuses.push(s));
  source.badData$.subscribe((b) => h.bad.push(b));
  return h;
}

/** Waits until `cond` holds (checked every few ms); fails naming `what` if it never does within a bound. */
export async function waitFor(cond: () => boolean, what: string, boundMs = 4_000): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > boundMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A feed length of at least `n` that does not stop between a minute's forming update and its full candle. */
export function cleanCut(feed: FeedItem[], n: number): number {
  while (n < feed.length && feed.slice(0, n).some((i) => i.kind === 'price' && i.partial && !feed.slice(0, n).some((j) => j.kind === 'price' && !j.partial && j.candle.ts === i.candle.ts))) n++;
  return n;
}
