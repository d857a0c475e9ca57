/**
 * A replay input file that cannot be read as market data: empty, binary, an unknown layout,
 * a row that does not parse. Names the file and, where it applies, the 1-based line.
 */
export class ReplayInputError extends Error {
  readonly code = 'REPLAY_INPUT_INVALID';
  readonly file: string;
  /** 1-based line of the offending row; null when the problem is the whole file (or a JSON document). */
  readonly line: number | null;

  constructor(file: string, line: number | null, problem: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`);
    this.name = 'ReplayInputError';
    this.file = file;
    this.line = line;
  }
}

/**
 * The file's layout is not one this reader knows (not a malformed row of a known layout).
 * Named files with this error stop the replay; files found while walking a folder are skipped and listed.
 */
export class UnknownLayoutError extends ReplayInputError {}

/** Longest quoted value an error message shows; a 1 MB field would otherwise become a 1 MB error line. */
const QUOTE_MAX = 60;

/** A value as JSON for an error message, cut to a readable length with its full length noted. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= QUOTE_MAX ? text : `${text.slice(0, QUOTE_MAX)}… (${text.length} characters)`;
}
