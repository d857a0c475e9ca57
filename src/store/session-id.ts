import { createHash } from 'node:crypto';
import type { EpochMs } from '../domain/index.js';
import { printableConfig, type Config } from '../config/load.js';
import { StoreError } from './errors.js';

/**
 * `20261121T004500Z-ab12`: the UTC start to the second, then 4 hex digits hashed from the start, version,
 * config and an attempt number (bumped on the rare collision). Sortable, short enough to type, and the
 * same inputs give the same id.
 */
export function sessionIdFor(startedAt: EpochMs, version: string, configJson: string, attempt: number): string {
  if (!Number.isFinite(startedAt)) throw new StoreError('STORE_BAD_RECORD', `session start ${startedAt} is not a time`);
  const stamp = new Date(startedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const hash = createHash('sha256').update(`${startedAt}\n${version}\n${configJson}\n${attempt}`).digest('hex');
  return `${stamp}-${hash.slice(0, 4)}`;
}

/**
 * The config JSON as stored with a session: compact, with every secret key masked and credentials in
 * URLs masked (the same rules as --print-config), whatever the caller passed. Thresholds stay intact.
 */
export function maskedConfigJson(configJson: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(configJson);
  } catch (e) {
    throw new StoreError('STORE_BAD_RECORD', `session config is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StoreError('STORE_BAD_RECORD', 'session config must be a JSON object');
  }
  return JSON.stringify(JSON.parse(printableConfig(parsed as Config)));
}
