// A `logsNotification` read straight from the frame's bytes, for the live socket path: no string of the whole
// frame, no object tree of it, and only the log lines the invoke stack and the decoders look at become strings.
// Anything it does not fully understand returns null, and the caller parses the text (frames.ts), which also
// says what is wrong with a bad frame.
import type { TxLogs } from './types.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const SPACE = 0x20;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const PROGRAM = Buffer.from('Program ');
const DATA = Buffer.from('Program data: ');
const TRUNCATED = Buffer.from('Log truncated');

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

  /** A string's raw bounds (between the quotes) and whether it holds escapes. */
  string(): { start: number; end: number; escaped: boolean } {
    this.eat(QUOTE);
    const b = this.b;
    const start = this.i;
    let escaped = false;
    for (; this.i < b.length; this.i++) {
      const c = b[this.i];
      if (c === QUOTE) return { start, end: this.i++, escaped };
      if (c === BACKSLASH) (escaped = true), this.i++;
    }
    return bail();
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
    } else while (this.i < this.b.length && ![COMMA, CLOSE_OBJECT, CLOSE_ARRAY, SPACE, 0x0a, 0x0d, 0x09].includes(this.b[this.i])) this.i++;
    if (this.i === start || this.i > this.b.length) bail();
    return { start, end: this.i };
  }

  /** Calls `onKey` for each key of an object; the callback reads (or skips) the value. */
  object(onKey: (keyStart: number, keyEnd: number) => void): void {
    this.eat(OPEN_OBJECT);
    if (this.ws() === CLOSE_OBJECT) return void this.i++;
    for (;;) {
      const k = this.string();
      if (k.escaped) bail();
      this.eat(COLON);
      onKey(k.start, k.end);
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

const startsWith = (b: Buffer, start: number, end: number, prefix: Buffer) => end - start >= prefix.length && b.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0;

/**
 * Whether the invoke stack or a decoder can use this log line: `Program <id> invoke|success|failed|consumed`,
 * `Program data: ...` and `Log truncated`. `Program log: ...`, `Program return: ...` and the like (a first
 * word ending in ':') are skipped, exactly as programDataLines() skips them.
 */
function wanted(b: Buffer, start: number, end: number): boolean {
  if (startsWith(b, start, end, TRUNCATED)) return true;
  if (!startsWith(b, start, end, PROGRAM)) return false;
  if (startsWith(b, start, end, DATA)) return true;
  const sp = b.indexOf(SPACE, start + PROGRAM.length);
  return sp > start + PROGRAM.length && sp < end && b[sp - 1] !== COLON;
}

function text(b: Buffer, s: { start: number; end: number; escaped: boolean }): string {
  return s.escaped ? (JSON.parse(b.toString('utf8', s.start - 1, s.end + 1)) as string) : b.toString('utf8', s.start, s.end);
}

/**
 * The subscription id and the transaction of a `logsNotification` frame's bytes, with the log lines the
 * decoder uses (others are left out: decodeTx gives the same events); null when the frame is anything else
 * or not in the shape this reader knows (the caller then parses the text).
 */
export function notificationFromBytes(bytes: Uint8Array): { subscription: number; tx: TxLogs } | null {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const c = new Cursor(b);
  let method = false;
  let subscription: number | null = null;
  let slot: number | null = null;
  let signature: string | null = null;
  let err: unknown = null;
  let logs: string[] | null = null;
  const value = () => c.object((s, e) => {
    if (c.is(s, e, 'signature')) {
      const v = c.string();
      signature = v.escaped ? null : b.toString('latin1', v.start, v.end);
    } else if (c.is(s, e, 'err')) {
      const v = c.skip();
      err = c.is(v.start, v.end, 'null') ? null : JSON.parse(b.toString('utf8', v.start, v.end));
    } else if (c.is(s, e, 'logs')) {
      logs = [];
      c.eat(OPEN_ARRAY);
      if (c.ws() === CLOSE_ARRAY) return void c.i++;
      for (;;) {
        const line = c.string();
        if (wanted(b, line.start, line.end)) logs.push(text(b, line));
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
        method = c.is(m.start, m.end, 'logsNotification');
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
  return { subscription, tx: { signature: sig, slot, err, logs, blockTimeMs: null } };
}
