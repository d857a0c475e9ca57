import { PublicKey } from '@solana/web3.js';
import type { HttpSettings } from '../../../src/sources/http/settings.js';
import { seeded } from '../../fakes/http-base.js';
import type { SourceStatus } from '../../../src/domain/status.js';
import type { Observable } from 'rxjs';

/** Fast settings for loopback tests: short timeouts and backoff, no batching delay to speak of. */
export function testHttp(over: Partial<HttpSettings> = {}): HttpSettings {
  return {
    connectTimeoutMs: 1000, requestTimeoutMs: 2000, retries: 3, retryMinMs: 5, retryMaxMs: 50,
    breakerFailures: 5, breakerCooldownMs: 30_000, staleAfterMs: 120_000, maxConnections: 6, ratePadPct: 2, batchWindowMs: 5,
    blockedMinMs: 120_000, blockedMaxMs: 1_800_000, blockedGrowth: 2, blockedJitterPct: 20,
    ...over,
  };
}

export const rng = (): (() => number) => seeded(42);

/** A valid base58 address derived from `i` (deterministic; for synthetic universe tokens). */
export function address(i: number, salt = 7): string {
  const bytes = new Uint8Array(32);
  for (let k = 0; k < 32; k++) bytes[k] = (i * 31 + k * 17 + salt * 13 + ((i >> 8) & 0xff)) & 0xff;
  bytes[0] = i & 0xff;
  bytes[1] = (i >> 8) & 0xff;
  bytes[2] = salt;
  return new PublicKey(bytes).toBase58();
}

/** Collects every state a status$ goes through. */
export function states(status$: Observable<SourceStatus>): string[] {
  const seen: string[] = [];
  status$.subscribe((s) => seen.push(s.state));
  return seen;
}

/** Rejection code of a promise (fails the test when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? `no code: ${String(e)}`;
  }
  throw new Error('expected a rejection');
}
