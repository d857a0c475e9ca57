// The Solana pubsub fake in its own process for the chain tap latency benchmark. Driven over IPC:
//   parent -> { prepare: ChainPlan } then { go: true }: build the frames, then stream plan.rate frames/s
//   child  -> { url } | { subscribed } | { prepared } | { done, sent, ms, cpuMs }
// Frames are a real pump.fun TradeEvent transaction (0xfnzero pumpfun_direct_tx, bundled fixture) with the
// mint, amounts, timestamp and reserves rewritten; send times (process.hrtime, ms) go to plan.sendTimesFile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeSolanaWs } from '../test/fakes/solana-ws.js';
import { pumpTradeTx, signatureFor } from '../test/fakes/solana-ws-feed.js';
import { readRecordedTxs } from '../src/sources/chain/recorded/index.js';
import { logsNotificationFrame } from '../src/sources/chain/frames.js';
import { FIRST_SLOT, tokenOfTrade, type TradeOrder } from './latency-chain-order.js';

export interface ChainPlan {
  rate: number;
  seconds: number;
  mints: string[];
  sendTimesFile: string;
  /** Fixture folder (test/fixtures/chain). */
  fixtures: string;
  order: TradeOrder;
}


const hrMs = () => Number(process.hrtime.bigint()) / 1e6;
const fake = new FakeSolanaWs();
const url = await fake.start();
process.send!({ url });

const waitSubscribed = setInterval(() => {
  if (fake.subscribedPrograms().length >= 4) {
    clearInterval(waitSubscribed);
    process.send!({ subscribed: true });
  }
}, 5);

let prepared: (() => void) | null = null;
process.on('message', (m: { prepare?: ChainPlan; go?: true; stop?: true }) => {
  if (m.prepare) {
    prepared = prepare(m.prepare);
    process.send!({ prepared: true });
  }
  if (m.go) prepared!();
  if (m.stop) void fake.stop().then(() => process.exit(0));
});

/** Builds every frame (event times = planned send times); the returned function sends them on a ~1 ms timer. */
function prepare(plan: ChainPlan): () => void {
  const template = readRecordedTxs(join(plan.fixtures, '0xfnzero__solana-streamer/tests/fixtures/pumpfun_direct_tx.json'))[0].tx;
  const total = Math.round(plan.rate * plan.seconds);
  const target = fake.subscriber('pump')!;
  const n = plan.mints.length;
  const start = Date.now() + 1000;
  const frames: string[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const price = 2e-7 * (1 + 0.0001 * (i % 100));
    const sol = 0.05 + (i % 7) * 0.01;
    const tx = pumpTradeTx(template, {
      mint: plan.mints[tokenOfTrade(i, total, n, plan.order)], side: i % 3 ? 'buy' : 'sell', solRaw: BigInt(Math.round(sol * 1e9)), tokenRaw: BigInt(Math.round((sol / price) * 1e6)),
      ts: start + (i / plan.rate) * 1000, virtualSolRaw: 60_000_000_000n, virtualTokenRaw: BigInt(Math.round((60 / price) * 1e6)),
    }, signatureFor(i), FIRST_SLOT + i);
    frames[i] = logsNotificationFrame(target.subscription, tx);
  }
  const sentAt = new Float64Array(total);
  let cpu0 = process.cpuUsage();
  let t0 = 0;
  let i = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((hrMs() - t0) / 1000) * plan.rate));
    while (i < due) {
      sentAt[i] = hrMs();
      target.send(frames[i]);
      i++;
    }
    if (i < total) setTimeout(tick, 1);
    else {
      const cpu = process.cpuUsage(cpu0);
      writeFileSync(plan.sendTimesFile, Buffer.from(sentAt.buffer));
      process.send!({ done: true, sent: i, ms: hrMs() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
  };
  return () => {
    cpu0 = process.cpuUsage();
    t0 = hrMs();
    tick();
  };
}
