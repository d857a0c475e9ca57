import type { Config } from '../../config/load.js';
import { UsageError } from './usage.js';

// An accelerated clock (`scan --clock-speed x`) plays a recorded market x times faster than real time. Every
// period of the scanner (polls, discovery, snapshots, ticks) runs on that clock, so its requests come x times
// as often in real time. The request budgets are therefore read per minute of the scanner's clock too:
// scaled by x, the scanner makes the same requests per market minute as a live run, and the demo shows what a
// live run would see (no inputs queued behind a real-time budget and dropped as late). The real request rate
// is then x times a live run's, which only loopback fakes may receive: other hosts are refused.

/** The budget settings of each source, as [path in cfg.sources, key]. */
const BUDGETS = [
  ['dexscreener', 'pairsPerMinute'], ['dexscreener', 'profilesPerMinute'], ['geckoterminal', 'requestsPerMinute'],
  ['jupiter', 'requestsPerMinute'], ['solana', 'requestsPer10s'], ['birdeye', 'requestsPerSecond'],
] as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The first upstream URL the scan would use that is not on this machine, or null. */
export function nonLoopbackUrl(cfg: Config): string | null {
  const s = cfg.sources;
  const keyed = s.birdeye.apiKey.trim() !== '';
  const urls = [
    s.dexscreener.enabled ? s.dexscreener.baseUrl : null,
    s.geckoterminal.enabled ? s.geckoterminal.baseUrl : null,
    s.jupiter.enabled ? s.jupiter.baseUrl : null,
    keyed ? s.birdeye.baseUrl : null,
    keyed && s.birdeye.websocket ? s.birdeye.wsUrl : null,
    ...s.solana.rpcUrls,
  ].filter((u): u is string => u !== null);
  for (const u of urls) {
    let host: string;
    try {
      host = new URL(u).hostname;
    } catch {
      return u;
    }
    if (!LOOPBACK.has(host)) return u;
  }
  return null;
}

/**
 * The config with every source budget multiplied by `speed` (budgets per minute of the scanner's clock).
 * Refuses (UsageError, exit 2) a speed above 1 while any source would reach a host other than loopback.
 */
export function budgetsForClock(cfg: Config, speed: number): Config {
  if (speed === 1) return cfg;
  const remote = speed > 1 ? nonLoopbackUrl(cfg) : null;
  if (remote !== null) {
    const host = (() => { try { return new URL(remote).host; } catch { return remote; } })();
    throw new UsageError(`--clock-speed ${speed} multiplies request rates by ${speed}: it is for recorded markets served by loopback fakes (npm run fakes), not ${host}`);
  }
  const sources = structuredClone(cfg.sources);
  for (const [source, key] of BUDGETS) {
    const slice = sources[source] as unknown as Record<string, number>;
    slice[key] = slice[key] * speed;
  }
  return { ...cfg, sources };
}
