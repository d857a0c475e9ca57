/** Where `replay` writes its JSONL log unless told otherwise. */
export const DEFAULT_REPLAY_LOG = 'cache/replay.jsonl';

/** A bad flag or argument: one clear line, exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses `key=value` pairs given to a repeatable flag. */
export function keyValues(flag: string, values: string[] | undefined): Array<[string, string]> {
  return (values ?? []).map((kv) => {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} expects key=value, got "${kv}"`);
    return [kv.slice(0, i).trim(), kv.slice(i + 1)];
  });
}

/** A positive number flag (`--speed 60`), or the default. */
export function positiveNumber(flag: string, raw: string | undefined, dflt: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} expects a positive number, got "${raw}"`);
  return n;
}
