import type { Server } from 'node:http';

/**
 * A loopback fake of one upstream: HTTP and/or WebSocket on 127.0.0.1, port 0, speaking the real wire
 * format of ../shared/api-contracts.md. Every fake implements this so `npm run fakes` and the
 * end-to-end tests can start them all the same way.
 */
export interface FakeServer<F = Faults> {
  /** Short name (`birdeye`, `dexscreener`, `geckoterminal`, `jupiter`, `solana`, `birdeye-ws`). */
  readonly name: string;
  /** Starts listening; resolves with the base URL (http://127.0.0.1:<port>[/prefix] or ws://...). */
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Live-adjustable fault knobs. */
  faults: F;
  /** Requests (or WS messages) received, by route, for assertions. */
  readonly hits: Map<string, number>;
  /** The environment variables that point the scanner at this fake (e.g. DEXSCREENER_BASE_URL). */
  env(): Record<string, string>;
  readonly server?: Server;
}

/** Fault knobs every HTTP fake understands. Rates are probabilities 0..1 per request. */
export interface Faults {
  /** Share of requests answered 429. */
  rate429: number;
  /** Share of those 429s that carry Retry-After (seconds). */
  retryAfterShare: number;
  retryAfterSeconds: number;
  /** Share answered 500/502/503. */
  rate5xx: number;
  /** Share answered with malformed JSON (200). */
  rateMalformed: number;
  /** Added latency per response, ms. */
  delayMs: number;
  /** Drop optional fields from payloads (tests clients for absent fields). */
  dropOptional: boolean;
  /** Answer nothing at all (the source goes silent) while true. */
  silent: boolean;
  /** Requests per minute allowed before answering 429 (null = unlimited), as the real service would. */
  limitPerMinute: number | null;
  /** Seeded randomness for reproducible fault sequences. */
  seed: number;
}

export function defaultFaults(): Faults {
  return {
    rate429: 0,
    retryAfterShare: 0,
    retryAfterSeconds: 1,
    rate5xx: 0,
    rateMalformed: 0,
    delayMs: 0,
    dropOptional: false,
    silent: false,
    limitPerMinute: null,
    seed: 1,
  };
}
