import { EMPTY, merge, type Observable } from 'rxjs';
import type { Config } from '../../config/load.js';
import type { Clock } from '../../clock/clock.js';
import type { BadData, SourceCounters, SourceStatus } from '../../domain/status.js';
import { DexScreenerClient } from '../../sources/dexscreener/client.js';
import { GeckoTerminalClient } from '../../sources/geckoterminal/client.js';
import { JupiterClient } from '../../sources/jupiter/client.js';
import { BirdeyeRestClient } from '../../sources/birdeye/rest-client.js';
import { BirdeyeWsSource, birdeyeWsOptionsFrom } from '../../sources/birdeye/ws-source.js';
import { SolanaMintSource, solanaOptionsFrom } from '../../sources/solana/mint-source.js';
import { LogsSubscription, wsUrlFor } from '../../sources/chain/subscription.js';
import type { ChainProgram } from '../../sources/chain/types.js';

/** The upstream clients a live scan uses. Keyless by default; a Birdeye key adds Birdeye REST and WebSocket. */
export interface LiveSources {
  dex: DexScreenerClient | null;
  gecko: GeckoTerminalClient | null;
  jup: JupiterClient | null;
  birdeye: BirdeyeRestClient | null;
  birdeyeWs: BirdeyeWsSource | null;
  solana: SolanaMintSource;
  /** The chain tap's log subscriptions (sources.chain.enabled), run by ChainFeed. */
  chain?: LogsSubscription | null;
  status$: Observable<SourceStatus>;
  badData$: Observable<BadData>;
  /** Each source's counters as of now, summed over its clients (Birdeye REST and WebSocket are one source). */
  counters(): Map<string, SourceCounters>;
  close(): Promise<void>;
}

export function buildSources(cfg: Config, clock: Clock, signal: AbortSignal): LiveSources {
  const s = cfg.sources;
  const deps = { http: s.http, clock, signal };
  const keyed = s.birdeye.apiKey.trim() !== '';
  const dex = s.dexscreener.enabled ? new DexScreenerClient(s.dexscreener, deps) : null;
  const gecko = s.geckoterminal.enabled ? new GeckoTerminalClient(s.geckoterminal, deps) : null;
  const jup = s.jupiter.enabled ? new JupiterClient(s.jupiter, deps) : null;
  const birdeye = keyed ? new BirdeyeRestClient(s.birdeye as ConstructorParameters<typeof BirdeyeRestClient>[0], deps) : null;
  const birdeyeWs = keyed && s.birdeye.websocket ? new BirdeyeWsSource(birdeyeWsOptionsFrom(s, clock)) : null;
  const solana = new SolanaMintSource(solanaOptionsFrom(s, clock));
  const chain = s.chain.enabled ? new LogsSubscription({
    wsUrl: wsUrlFor(s.chain.wsUrl, s.solana.rpcUrls), programs: s.chain.programs as ChainProgram[], commitment: s.chain.commitment as 'confirmed',
    heartbeatTimeoutMs: s.chain.heartbeatTimeoutMs, pingIntervalMs: s.chain.pingIntervalMs, maxPayloadBytes: s.chain.maxPayloadBytes,
    reconnectMinMs: s.chain.reconnectMinMs, reconnectMaxMs: s.chain.reconnectMaxMs, clock,
  }) : null;
  const http = [dex, gecko, jup, birdeye].filter((c) => c !== null);
  for (const c of http) c.watchStaleness();
  return {
    dex, gecko, jup, birdeye, birdeyeWs, solana, chain,
    status$: merge(...http.map((c) => c.status$), solana.status$, birdeyeWs?.status$ ?? EMPTY, chain?.status$ ?? EMPTY),
    badData$: merge(...http.map((c) => c.badData$), solana.badData$, birdeyeWs?.badData$ ?? EMPTY, chain?.badData$ ?? EMPTY),
    counters() {
      const out = new Map<string, SourceCounters>();
      const add = (source: string, c: SourceCounters) => {
        const sum = out.get(source);
        if (!sum) return void out.set(source, { ...c });
        for (const k of Object.keys(sum) as Array<keyof SourceCounters>) sum[k] += c[k];
      };
      for (const c of http) add(c.status.source, c.status.counters);
      if (birdeyeWs) add('birdeye', birdeyeWs.currentCounters);
      add('solana', solana.counters);
      if (chain) add('chain', chain.counters);
      return out;
    },
    async close() {
      birdeyeWs?.stop();
      await Promise.allSettled([...http.map((c) => c.close()), solana.close()]);
    },
  };
}
