// Tools of the soak and crash tests: a driver that streams the Birdeye WebSocket fake's CBRL feed at the
// market's clock, an RSS sampler for the scanner process, and readers of its JSONL log.
import { existsSync, readFileSync } from 'node:fs';
import type { FakeBirdeyeWs } from '../fakes/birdeye-ws.js';
import type { FeedItem } from '../fakes/birdeye-ws-feed.js';
import type { LiveMarket } from './live-harness.js';

export type Line = Record<string, unknown> & { type: string; id: string; ts: number; mint: string | null };

/** Every line of a JSONL log, parsed (throws on a line that is not JSON: a torn line). */
export function readLog(path: string): Line[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l, i) => {
    try {
      return JSON.parse(l) as Line;
    } catch {
      throw new Error(`${path}: line ${i + 1} is not JSON: ${l.slice(0, 80)}`);
    }
  });
}

/** Event time of a feed item, epoch ms: when the real market would have sent it. */
export function feedItemTime(item: FeedItem): number {
  if (item.kind === 'txs') return item.trade.ts * 1000;
  return (item.candle.ts + (item.partial ? 20 : 59)) * 1000;
}

export interface WsDriver {
  /** Data frames (PRICE_DATA, TXS_DATA) that went out to a subscribed connection. */
  sent: number;
  /** Feed items due while no connection was subscribed (lost, as on the real service). */
  missed: number;
  /** Garbage frames sent to one open connection. */
  garbage: number;
  /** Times the feed was moved back after a reconnect. */
  replays: number;
  stop(): void;
}

/**
 * Pushes the fake's feed items as the market's clock reaches their event time (the real service pushes
 * as trades happen), every `everyMs` of real time. Every `garbageEvery`-th item is preceded by a garbage
 * frame, sent only while exactly one connection is open so that each one counts once. After a reconnect
 * (once the new connection has subscribed), the feed moves back `replayOnReconnect` items: those are sent
 * again, as a server resuming from an old cursor would, some still in their bucket, some too late.
 */
export function driveWebSocket(m: LiveMarket, ws: FakeBirdeyeWs, opts: { everyMs: number; garbageEvery: number; replayOnReconnect: number }): WsDriver {
  const d: WsDriver = { sent: 0, missed: 0, garbage: 0, replays: 0, stop: () => clearInterval(timer) };
  while (ws.cursor < ws.feed.length && feedItemTime(ws.feed[ws.cursor]) <= m.clock.now()) ws.cursor++;
  let n = 0;
  // Reconnects are counted by the fake as they subscribe, not sampled here: under load this timer can fire
  // late, after a drop and its whole reconnect, and a sampled "not subscribed" would never be seen.
  let connections = ws.subscribedConnections;
  let first = connections > 0;
  const timer = setInterval(() => {
    const now = m.clock.now();
    for (; connections < ws.subscribedConnections; connections++) {
      if (!first) {
        first = true;
        continue;
      }
      d.replays += 1;
      ws.seek(ws.cursor - opts.replayOnReconnect);
    }
    while (ws.cursor < ws.feed.length && feedItemTime(ws.feed[ws.cursor]) <= now) {
      if (++n % opts.garbageEvery === 0 && ws.connections === 1) {
        ws.sendGarbage();
        d.garbage += 1;
      }
      const frames = ws.push(1);
      if (frames === 0) d.missed += 1;
      d.sent += frames;
    }
  }, opts.everyMs);
  return d;
}

/** Samples a process's resident set size (VmRSS, kB) every `everyMs` of real time. */
export function sampleRss(pid: number, everyMs: number): { samples: number[]; stop(): void } {
  const samples: number[] = [];
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) samples.push(Number(m[1]));
    } catch {
      // The process has exited.
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
