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

const PREFIX = 'Program ';
const DATA = 'Program data: ';

/**
 * Walks the logs once. Only `Program data:` lines of programs in `wanted` are returned (all when omitted);
 * the check is a Set lookup, so callers skip base64 decoding for everybody else's events.
 */
export function programDataLines(logs: readonly string[], wanted?: ReadonlySet<string>): ProgramDataLines {
  const stack: string[] = [];
  const lines: ProgramData[] = [];
  let truncated = false;
  for (let i = 0; i < logs.length; i++) {
    const line = logs[i];
    if (!line.startsWith(PREFIX)) {
      if (line.startsWith('Log truncated')) {
        truncated = true;
        break;
      }
      continue;
    }
    if (line.startsWith(DATA)) {
      const programId = stack.length ? stack[stack.length - 1] : null;
      if (wanted && (programId === null || !wanted.has(programId))) continue;
      lines.push({ programId, depth: stack.length, base64: line.slice(DATA.length) });
      continue;
    }
    // `Program <id> <verb> ...`; log:, return: and similar lines have no verb we act on.
    const idEnd = line.indexOf(' ', PREFIX.length);
    // `Program log:`, `Program return:`, `Program consumption:` carry text, not a program id.
    if (idEnd < 0 || line.charCodeAt(idEnd - 1) === 58 /* : */) continue;
    const verb = line.charCodeAt(idEnd + 1);
    // 'i'nvoke, 's'uccess, 'f'ailed; 'c'onsumed and anything else leave the stack as it is.
    if (verb === 105 /* i */ && line.startsWith('invoke', idEnd + 1)) stack.push(line.slice(PREFIX.length, idEnd));
    else if ((verb === 115 /* s */ && line.startsWith('success', idEnd + 1)) || (verb === 102 /* f */ && line.startsWith('failed', idEnd + 1))) stack.pop();
  }
  return { lines, truncated };
}

/** Decodes a `Program data:` payload; several space-separated slices are concatenated as one event. */
export function payloadBytes(base64: string): Buffer {
  return base64.indexOf(' ') < 0 ? Buffer.from(base64, 'base64') : Buffer.concat(base64.split(' ').map((s) => Buffer.from(s, 'base64')));
}
