// Attributes each `Program data:` line of a transaction's logs to the program that emitted it: the top of an
// invoke stack kept over `Program X invoke [n]` / `Program X success` / `Program X failed` lines.
// Anchor's EventParser is not used on purpose: it only follows the program it was built for at depth 1,
// so it drops events of programs called through CPI (routers, bots, aggregators), which is most volume.

/** One `Program data:` line and who emitted it. */
export interface ProgramData {
  /** Program on top of the invoke stack when the line was logged (null: logged outside any frame). */
  programId: string | null;
  /** Invoke depth of that program (1 = top-level instruction). */
  depth: number;
  /** The base64 payload(s) after `Program data: ` (space-separated slices as the runtime logs them). */
  base64: string;
}

export interface ProgramDataLines {
  lines: ProgramData[];
  /** The runtime cut the logs (`Log truncated`): anything logged after the cut is lost. */
  truncated: boolean;
}

const DATA = 'Program data: ';
const P = 80; // 'P'
const SPACE = 32;
const COLON = 58;
const BRACKET = 93; // ']'
const S = 115; // 's'
const D = 100; // 'd'

/** Program id of an invoke line `Program <id> invoke [n]`. */
function idOf(invokeLine: string): string {
  return invokeLine.slice(8, invokeLine.indexOf(' ', 8));
}

/**
 * Walks the logs once. Only `Program data:` lines of programs in `wanted` are returned (all when omitted);
 * the check is a Set lookup, so callers skip base64 decoding for everybody else's events.
 *
 * It runs for every notification, so lines are told apart by a few characters instead of parsing each:
 * `Program <id> invoke [n]` is the only kind ending in ']' whose first word after `Program ` has no ':'
 * (`Program log: ...]` has one); `... success` ends in "ss" (`... compute units` in "ts"); `... failed: ...`
 * has ' failed' after the id (ids are 32-44 characters). Ids are cut out only when a data line needs one.
 */
export function programDataLines(logs: readonly string[], wanted?: ReadonlySet<string>): ProgramDataLines {
  const stack: number[] = []; // line index of each open invoke
  const lines: ProgramData[] = [];
  let truncated = false;
  for (let i = 0; i < logs.length; i++) {
    const line = logs[i];
    if (line.charCodeAt(0) !== P || line.charCodeAt(7) !== SPACE) {
      if (line.startsWith('Log truncated')) {
        truncated = true;
        break;
      }
      continue;
    }
    const last = line.charCodeAt(line.length - 1);
    if (last === BRACKET) {
      if (line.charCodeAt(line.indexOf(' ', 8) - 1) !== COLON) stack.push(i);
    } else if (line.charCodeAt(8) === D && line.startsWith(DATA)) {
      const depth = stack.length;
      const programId = depth ? idOf(logs[stack[depth - 1]]) : null;
      if (wanted && (programId === null || !wanted.has(programId))) continue;
      lines.push({ programId, depth, base64: line.slice(DATA.length) });
    } else if (last === S) {
      if (line.charCodeAt(line.length - 2) === S && line.endsWith(' success') && line.charCodeAt(line.indexOf(' ', 8) - 1) !== COLON) stack.pop();
    } else if (line.indexOf(' failed', 40) > 0) {
      const sp = line.indexOf(' ', 8);
      if (line.charCodeAt(sp - 1) !== COLON && line.startsWith('failed', sp + 1)) stack.pop();
    }
  }
  return { lines, truncated };
}

/** Decodes a `Program data:` payload; several space-separated slices are concatenated as one event. */
export function payloadBytes(base64: string): Buffer {
  return base64.indexOf(' ') < 0 ? Buffer.from(base64, 'base64') : Buffer.concat(base64.split(' ').map((s) => Buffer.from(s, 'base64')));
}
