import type { Config } from '../../config/load.js';
import type { Input } from '../../domain/market.js';
import { openStore } from '../../store/index.js';
import { replayBatches, type ReplayResult } from '../replay.js';
import { formatSummary } from '../../outputs/summary.js';
import { confidenceOf } from './replay.js';
import { UsageError } from './usage.js';

/** Config slices that decide signal lines: taken from the session so its replay uses its thresholds. */
const DECIDING = ['signals', 'risk', 'gates', 'input', 'confidence'] as const;

/** The current config with the deciding slices of the session's stored config. */
export function sessionConfig(base: Config, json: string): Config {
  const stored = JSON.parse(json) as Partial<Config>;
  const out = { ...base } as Record<string, unknown>;
  for (const k of DECIDING) if (stored[k]) out[k] = stored[k];
  return out as Config;
}

async function* batchesOf(it: Iterable<Input>, size = 4096): AsyncGenerator<Input[]> {
  let batch: Input[] = [];
  for (const x of it) {
    batch.push(x);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * `pump-scanner replay --session <id>`: a recorded live session's inputs (ticks included) through the
 * same pipeline, with the session's thresholds. Produces the signal lines the live run wrote (README
 * names the fields that are wall-clock by nature).
 */
export async function replaySession(o: { cfg: Config; dbPath: string; sessionId: string; logPath: string | null; out: (s: string) => void }): Promise<ReplayResult> {
  const store = openStore({ ...o.cfg.store, path: o.dbPath }, { mustExist: true });
  try {
    const info = store.getSession(o.sessionId);
    if (!info) throw new UsageError(`no session ${o.sessionId} in ${o.dbPath} (list them with: pump-scanner sessions)`);
    const cfg = sessionConfig(o.cfg, store.sessionConfigJson(o.sessionId));
    const result = await replayBatches(batchesOf(store.readSessionInputs(o.sessionId)), { cfg, logPath: o.logPath, confidence: confidenceOf(cfg) });
    o.out(formatSummary(result.summary));
    return result;
  } finally {
    store.close();
  }
}

export function listSessions(o: { cfg: Config; dbPath: string; out: (s: string) => void }): void {
  const store = openStore({ ...o.cfg.store, path: o.dbPath }, { mustExist: true });
  try {
    const rows = store.listSessions();
    if (rows.length === 0) o.out(`no recorded sessions in ${o.dbPath}`);
    for (const s of rows) o.out(`${s.id}  started ${new Date(s.startedAt).toISOString()}  ${s.endedAt ? `ended ${new Date(s.endedAt).toISOString()}` : 'not ended'}  inputs ${s.inputCount}  v${s.version}`);
  } finally {
    store.close();
  }
}
