/** Stable codes of store failures; the CLI prints the message and exits non-zero on open failures. */
export type StoreErrorCode =
  | 'STORE_OPEN_FAILED'
  | 'STORE_NOT_A_DATABASE'
  | 'STORE_SCHEMA_TOO_NEW'
  | 'STORE_UNKNOWN_SESSION'
  | 'STORE_BAD_RECORD'
  | 'STORE_LOCKED'
  | 'STORE_MISSING';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** SQLite error codes that mean "this file is not a usable database" (garbage, encrypted, truncated header). */
const NOT_A_DATABASE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** Wraps an error thrown while opening `path` into a StoreError that names the file and the cause. */
export function openFailure(path: string, e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const code = (e as { code?: string }).code ?? '';
  const detail = e instanceof Error ? e.message : String(e);
  if (NOT_A_DATABASE.has(code)) {
    return new StoreError('STORE_NOT_A_DATABASE', `store ${path} is not a readable SQLite database (${detail}); move it aside to start a fresh store`, { cause: e });
  }
  return new StoreError('STORE_OPEN_FAILED', `cannot open store ${path}: ${detail}`, { cause: e });
}
