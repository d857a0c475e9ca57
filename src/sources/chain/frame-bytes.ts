// A `logsNotification` read straight from the frame's bytes, for the live socket path: no string of the whole
// frame, no object tree of it, and only the log lines the invoke stack and the decoders look at become strings.
// Anything it does not fully understand returns null, and the caller parses the text (frames.ts), which also
// says what is wrong with a bad frame.
import type { TxLogs } from './types.js';
import { DECODED_PROGRAM_IDS } from './programs/index.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const SPACE = 0x20;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const isDelimiter = (x: number) => x === COMMA || x === CLOSE_OBJECT || x === CLOSE_ARRAY || x === SPACE || x === 0x0a || x === 0x0d || x === 0x09;

/** Whether the string closingQuote() last scanned held an escape. */
let lastEscaped = false;

/** Position of the frame's first backslash (-1: none); set per frame: strings before it cannot hold an escape. */
let firstBackslash = -1;

/**
 * Index of the quote closing the string that starts at `i` (just after its opening quote), or -1. A string
 * with no backslash before its next quote ends there (one native search); otherwise it is walked byte by byte.
 */
function closingQuote(b: Buffer, i: number): number {
  const q = b.indexOf(QUOTE, i);
  if (firstBackslash !== -1 && firstBackslash < i) firstBackslash = b.indexOf(BACKSLASH, i);
  if (q === -1 || firstBackslash === -1 || firstBackslash > q) {
    lastEscaped = false;
    return q;
  }
  let escaped = false;
  const n = b.length;
  for (; i < n; i++) {
    const x = b[i];
    if (x === QUOTE) {
      lastEscaped = escaped;
      return i;
    }
    if (x === BACKSLASH) {
      escaped = true;
      i++;
    }
  }
  return -1;
}

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

/** A cursor over JSON bytes that reads exactly what the notification needs and skips the rest. */
class Cursor {
  i = 0;
  constructor(readonly b: Buffer) {}

  ws(): number {
    const b = this.b;
    while (this.i < b.length && (b[this.i] === SPACE || b[this.i] === 0x0a || b[this.i] === 0x0d || b[this.i] === 0x09)) this.i++;
    return this.i < b.length ? b[this.i] : -1;
  }

  eat(ch: number): void {
    if (this.ws() !== ch) bail();
    this.i++;
  }

  /** End (index of the closing quote) and escapes of the last string read. */
  strEnd = 0;
  strEscaped = false;

  /** Reads a string; returns its start (after the quote), sets strEnd and strEscaped. No allocation. */
  string(): number {
    this.eat(QUOTE);
    const start = this.i;
    const end = closingQuote(this.b, start);
    if (end === -1) bail();
    this.strEnd = end;
    this.strEscaped = lastEscaped;
    this.i = end + 1;
    return start;
  }

  /** A non-negative integer (the only numbers the fields we read hold); anything else bails. */
  integer(): number {
    this.ws();
    const b = this.b;
    let n = 0;
    const start = this.i;
    while (this.i < b.length && b[this.i] >= 0x30 && b[this.i] <= 0x39) n = n * 10 + (b[this.i++] - 0x30);
    const c = this.ws();
    if (this.i === start || (c !== COMMA && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY)) bail();
    return n;
  }

  /** Skips any JSON value; returns its bounds. */
  skip(): { start: number; end: number } {
    const c = this.ws();
    const start = this.i;
    if (c === QUOTE) this.string();
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      let depth = 0;
      for (; this.i < this.b.length; this.i++) {
        const x = this.b[this.i];
        if (x === QUOTE) this.string(), this.i--;
        else if (x === OPEN_OBJECT || x === OPEN_ARRAY) depth++;
        else if ((x === CLOSE_OBJECT || x === CLOSE_ARRAY) && --depth === 0) break;
      }
      this.i++;
    } else while (this.i < this.b.length && !isDelimiter(this.b[this.i])) this.i++;
    if (this.i === start || this.i > this.b.length) bail();
    return { start, end: this.i };
  }

  /** Calls `onKey` for each key of an object; the callback reads (or skips) the value. */
  object(onKey: (keyStart: number, keyEnd: number) => void): void {
    this.eat(OPEN_OBJECT);
    if (this.ws() === CLOSE_OBJECT) return void this.i++;
    for (;;) {
      const k = this.string();
      if (this.strEscaped) bail();
      const kEnd = this.strEnd;
      this.eat(COLON);
      onKey(k, kEnd);
      const c = this.ws();
      this.i++;
      if (c === CLOSE_OBJECT) return;
      if (c !== COMMA) bail();
    }
  }

  is(start: number, end: number, key: string): boolean {
    if (end - start !== key.length) return false;
    for (let k = 0; k < key.length; k++) if (this.b[start + k] !== key.charCodeAt(k)) return false;
    return true;
  }
}

// Byte tests as plain loops: a native Buffer call per test costs more than the few bytes it looks at.
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
function startsWith(b: Buffer, start: number, end: number, prefix: Uint8Array): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (b[start + k] !== prefix[k]) return false;
  return true;
}
function endsWith(b: Buffer, start: number, end: number, suffix: Uint8Array): boolean {
  return end - start >= suffix.length && startsWith(b, end - suffix.length, end, suffix);
}
/** First index of `needle` in b[from, end), or -1. */
function find(b: Buffer, from: number, end: number, needle: Uint8Array): number {
  for (let i = from; i + needle.length <= end; i++) if (b[i] === needle[0] && startsWith(b, i, end, needle)) return i;
  return -1;
}
function findByte(b: Buffer, from: number, end: number, x: number): number {
  for (let i = from; i < end; i++) if (b[i] === x) return i;
  return -1;
}
const DATA = ascii('Program data: ');
const TRUNCATED = ascii('Log truncated');
const SUCCESS = ascii(' success');
const FAILED = ascii(' failed');
const FAILED_WORD = ascii('failed');
const P = 0x50;
const S = 0x73;
const D = 0x64;

/** The raw bounds of each log line in the frame (between its quotes) and whether it holds escapes; reused. */
class LineTable {
  starts = new Int32Array(128);
  ends = new Int32Array(128);
  escaped = new Uint8Array(128);
  count = 0;

  add(start: number, end: number, escaped: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const n = new (a.constructor as new (n: number) => T)(a.length * 2);
        n.set(a);
        return n;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.escaped = grow(this.escaped);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.escaped[this.count++] = escaped ? 1 : 0;
  }
}

/** One table for every frame: a frame is read synchronously, start to end, before the next. */
const LINES = new LineTable();

/** Each tapped program's framing lines, made once: the digest below reuses them for every frame. */
const FRAMING = new Map([...DECODED_PROGRAM_IDS].map((id) => [id, { invoke: `Program ${id} invoke [1]`, success: `Program ${id} success` }]));

/**
 * The invoke stack of programDataLines() (logs.ts) run over the raw lines, with the same character tests.
 * Returns the decoder's digest of the logs: each `Program data:` line of a tapped program, framed by that
 * program's invoke and success lines, then `Log truncated` when the runtime cut the logs. programDataLines()
 * finds in it the same payloads, emitters and cut as in the full logs (depths aside, which nothing reads), so
 * decodeTx gives the same events, and only the payload lines become strings. Null when a line that may
 * matter holds an escape (never seen in these lines): the caller then parses the text.
 */
function digest(b: Buffer, t: LineTable): string[] | null {
  const stack: number[] = []; // line numbers of the open invokes
  const out: string[] = [];
  const spaceAfterWord = (start: number, end: number) => findByte(b, start + 8, end, SPACE);
  // The character before the first word's end (JS: charCodeAt(indexOf(' ', 8) - 1), NaN when there is none).
  const beforeSpace = (sp: number) => (sp === -1 ? -1 : b[sp - 1]);
  for (let n = 0; n < t.count; n++) {
    const start = t.starts[n];
    const end = t.ends[n];
    if (b[start] !== P || b[start + 7] !== SPACE || end - start < 8) {
      if (startsWith(b, start, end, TRUNCATED)) {
        out.push('Log truncated');
        break;
      }
      continue;
    }
    const sp = spaceAfterWord(start, end);
    if (t.escaped[n]) {
      // A `Program log: ...` line with quotes in it is common and never matters; any other escaped line bails.
      const wordHasEscape = findByte(b, start, sp === -1 ? end : sp, BACKSLASH) !== -1;
      if (wordHasEscape || sp === -1 || b[sp - 1] !== COLON || startsWith(b, start, end, DATA)) return null;
      continue;
    }
    const last = b[end - 1];
    if (last === CLOSE_ARRAY) {
      if (beforeSpace(sp) !== COLON) stack.push(n);
    } else if (b[start + 8] === D && startsWith(b, start, end, DATA)) {
      if (stack.length === 0) continue;
      const top = stack[stack.length - 1];
      const topSp = spaceAfterWord(t.starts[top], t.ends[top]);
      const id = b.toString('latin1', t.starts[top] + 8, topSp === -1 ? t.ends[top] - 1 : topSp);
      const framing = FRAMING.get(id);
      if (!framing) continue;
      out.push(framing.invoke, b.toString('latin1', start, end), framing.success);
    } else if (last === S) {
      if (b[end - 2] === S && endsWith(b, start, end, SUCCESS) && beforeSpace(sp) !== COLON) stack.pop();
    } else {
      // (`Program log: ...` lines end here: the cheap test first, the search only within a program's own line.)
      if (beforeSpace(sp) === COLON || sp === -1) continue;
      if (find(b, start + 40, end, FAILED) !== -1 && startsWith(b, sp + 1, end, FAILED_WORD)) stack.pop();
    }
  }
  return out;
}

/**
 * The subscription id and the transaction of a `logsNotification` frame's bytes, its logs as the decoder's
 * digest (see digest(): decodeTx gives the same events as on the full logs); null when the frame is anything
 * else or not in the shape this reader knows (the caller then parses the text).
 */
export function notificationFromBytes(bytes: Uint8Array): { subscription: number; tx: TxLogs } | null {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const c = new Cursor(b);
  firstBackslash = b.indexOf(BACKSLASH);
  let method = false;
  let subscription: number | null = null;
  let slot: number | null = null;
  let signature: string | null = null;
  let err: unknown = null;
  let logs = false;
  LINES.count = 0;
  const value = () => c.object((s, e) => {
    if (c.is(s, e, 'signature')) {
      const v = c.string();
      signature = c.strEscaped ? null : b.toString('latin1', v, c.strEnd);
    } else if (c.is(s, e, 'err')) {
      const v = c.skip();
      err = c.is(v.start, v.end, 'null') ? null : JSON.parse(b.toString('utf8', v.start, v.end));
    } else if (c.is(s, e, 'logs')) {
      logs = true;
      LINES.count = 0;
      c.eat(OPEN_ARRAY);
      if (c.ws() === CLOSE_ARRAY) return void c.i++;
      for (;;) {
        const start = c.string();
        LINES.add(start, c.strEnd, c.strEscaped);
        const x = c.ws();
        c.i++;
        if (x === CLOSE_ARRAY) return;
        if (x !== COMMA) bail();
      }
    } else c.skip();
  });
  const result = () => c.object((s, e) => {
    if (c.is(s, e, 'context')) c.object((s2, e2) => (c.is(s2, e2, 'slot') ? (slot = c.integer()) : void c.skip()));
    else if (c.is(s, e, 'value')) value();
    else c.skip();
  });
  try {
    c.object((s, e) => {
      if (c.is(s, e, 'method')) {
        const m = c.string();
        method = c.is(m, c.strEnd, 'logsNotification');
      } else if (c.is(s, e, 'params')) {
        c.object((s2, e2) => {
          if (c.is(s2, e2, 'subscription')) subscription = c.integer();
          else if (c.is(s2, e2, 'result')) result();
          else c.skip();
        });
      } else c.skip();
    });
    if (c.ws() !== -1) return null;
  } catch (e) {
    if (e instanceof Bail || e instanceof SyntaxError) return null;
    throw e;
  }
  const sig = signature as string | null;
  if (!method || subscription === null || slot === null || !Number.isSafeInteger(slot) || !logs || !sig || sig.length < 32 || sig.length > 100) return null;
  const digested = digest(b, LINES);
  return digested && { subscription, tx: { signature: sig, slot, err, logs: digested, blockTimeMs: null } };
}
