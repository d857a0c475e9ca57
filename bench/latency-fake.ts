// The Birdeye WebSocket fake in its own process for the latency benchmark, so its sending neither
// shares the measured process's event loop nor counts in its CPU. Driven over IPC:
//   parent -> { go: LatencyPlan }           stream at plan.rate inputs/s for plan.seconds
//   child  -> { url } | { subscribed } | { done, sent, cpuMs, file }
// Send times (process.hrtime, ms; CLOCK_MONOTONIC, shared by every process) go to plan.sendTimesFile.
import { writeFileSync } from 'node:fs';
import { FakeBirdeyeWs } from '../test/fakes/birdeye-ws.js';
import type { FeedItem } from '../test/fakes/birdeye-ws-feed.js';
import { signatureLike } from './cbrl.js';

export interface LatencyToken { mint: string; pool: string; startPrice: number; tradeUsd: number }

export interface LatencyPlan {
  rate: number;
  seconds: number;
  tokens: LatencyToken[];
  /** Price rise over the run, e.g. 0.06 = +6%: the pump that makes ignitions fire mid-run. */
  ramp: number;
  /** Every n-th message of a token is its PRICE_DATA (the forming 1m candle), the rest TXS_DATA. */
  candleEvery: number;
  sendTimesFile: string;
}

const SOL_USD = 150;
const hrMs = () => Number(process.hrtime.bigint()) / 1e6;

interface Minute { start: number; open: number; high: number; low: number; close: number; volumeUsd: number }

const fake = new FakeBirdeyeWs();
const url = await fake.start();
fake.cursor = fake.feed.length;
process.send!({ url });

const waitSubscribed = setInterval(() => {
  const subs = fake.priceSubscriptions();
  if (subs.length > 0 && subs[0].length > 0) {
    clearInterval(waitSubscribed);
    process.send!({ subscribed: subs[0].length });
  }
}, 5);

process.on('message', (m: { go?: LatencyPlan; stop?: true }) => {
  if (m.go) stream(m.go);
  if (m.stop) void fake.stop().then(() => process.exit(0));
});

/** Sends the plan's messages on a ~1 ms timer, as many per tick as the rate asks for by then. */
function stream(plan: LatencyPlan): void {
  const total = Math.round(plan.rate * plan.seconds);
  const sentAt = new Float64Array(total);
  const minutes = plan.tokens.map((): Minute | null => null);
  const n = plan.tokens.length;
  const cpu0 = process.cpuUsage();
  const t0 = hrMs();
  let i = 0;
  const item = (i: number, progress: number): FeedItem => {
    const j = i % n;
    const tok = plan.tokens[j];
    const q = Math.floor(i / n);
    const nowSec = Math.floor(Date.now() / 1000);
    const start = nowSec - (nowSec % 60);
    let m = minutes[j];
    if (q % plan.candleEvery === plan.candleEvery - 1 && m) {
      return { kind: 'price', address: tok.mint, candle: { ts: m.start, open: m.open, high: m.high, low: m.low, close: m.close, volumeUsd: m.volumeUsd }, partial: false };
    }
    // Buys and sells alternate a tenth of a percent around the ramp.
    const price = tok.startPrice * (1 + plan.ramp * progress) * (q % 2 ? 0.999 : 1.001);
    if (!m || m.start !== start) m = minutes[j] = { start, open: price, high: price, low: price, close: price, volumeUsd: 0 };
    m.high = Math.max(m.high, price);
    m.low = Math.min(m.low, price);
    m.close = price;
    m.volumeUsd += tok.tradeUsd;
    return {
      kind: 'txs', address: tok.mint, pool: tok.pool,
      trade: { txHash: signatureLike(i), owner: signatureLike(i + 1e9).slice(0, 44), ts: nowSec, side: q % 2 ? 'sell' : 'buy', tokenAmount: tok.tradeUsd / price, solAmount: tok.tradeUsd / SOL_USD, volumeUsd: tok.tradeUsd },
    };
  };
  const tick = () => {
    const now = hrMs();
    const due = Math.min(total, Math.floor(((now - t0) / 1000) * plan.rate));
    while (i < due) {
      fake.feed.push(item(i, i / total));
      sentAt[i] = hrMs();
      fake.push(1);
      i++;
    }
    if (i < total) setTimeout(tick, 1);
    else {
      const cpu = process.cpuUsage(cpu0);
      writeFileSync(plan.sendTimesFile, Buffer.from(sentAt.buffer));
      process.send!({ done: true, sent: i, ms: hrMs() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
  };
  tick();
}
