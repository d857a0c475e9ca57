import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir } from './csv.js';

// The refusals a keyless client meets in the wild, as the fakes serve them: the recorded originals from
// ../shared/data/recorded-api/errors when present, else the copies shipped in test/fixtures/refusals.

/** Names of the recorded refusal bodies (files in recorded-api/errors and test/fixtures/refusals). */
export const REFUSAL_FILES = {
  cloudflare: 'cloudflare_challenge_403.html',
  accessForbidden: 'mainnet_beta_403_access_forbidden.json',
  indexedRequests: 'publicnode_403_indexed_requests.json',
  secondaryIndexes: 'solana_public_rpc_-32010_getTokenLargestAccounts.json',
} as const;
export type RefusalName = keyof typeof REFUSAL_FILES;

/** test/fixtures/refusals from the compiled fakes (dist/test/fakes) or the sources (test/fakes). */
export function bundledRefusalsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', '..', '..', 'test', 'fixtures', 'refusals'), join(here, '..', 'fixtures', 'refusals')];
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

/** Where a body is read from: `shared` (the recorded original) or `bundled` (the shipped copy). */
export function refusalBody(name: RefusalName): { text: string; from: 'shared' | 'bundled' } {
  const file = REFUSAL_FILES[name];
  const dir = dataDir();
  const shared = dir === null ? null : join(dir, 'recorded-api', 'errors', file);
  if (shared !== null && existsSync(shared)) return { text: readFileSync(shared, 'utf8'), from: 'shared' };
  return { text: readFileSync(join(bundledRefusalsDir(), file), 'utf8'), from: 'bundled' };
}

/** A JSON-RPC refusal body answering request `id` (the recorded bodies hold "__ID__"). */
export function rpcRefusalBody(name: Exclude<RefusalName, 'cloudflare'>, id: unknown): string {
  return refusalBody(name).text.replace('"__ID__"', JSON.stringify(id ?? null));
}

/** Headers Cloudflare sends with a challenge (cf-mitigated is what marks it; the ray id is made up). */
export const CLOUDFLARE_CHALLENGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=UTF-8',
  'cf-mitigated': 'challenge',
  server: 'cloudflare',
  'cf-ray': '8c0ffee000000000-AMS',
  'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate',
};
