import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogLine } from '../domain/signals.js';
import { redact } from '../config/secrets.js';

/** Append-only JSON-lines log: one complete line per write, never a torn line. */
export interface JsonlWriter {
  write(line: LogLine): void;
  /** Writes buffered lines to the file descriptor. */
  flush(): void;
  /** Flushes and closes; for `replace` mode, moves the finished file into place. */
  close(): void;
  /** Closes and removes a `replace`-mode file that was not finished (nothing half-written). */
  abort(): void;
  readonly lines: number;
}

export interface JsonlOptions {
  /** `append` (scan: keep history, repair a torn tail) or `replace` (replay: write a temp file, rename on close). */
  mode: 'append' | 'replace';
  /** Line types to write; others are skipped. */
  types?: ReadonlySet<string>;
  /** Flush when this many bytes are buffered (default 64 KiB). `append` callers also flush per batch. */
  bufferBytes?: number;
}

/** Cuts a partial last line left by a crash, so the log only ever holds complete lines. */
export function repairTornTail(fd: number): number {
  const size = fstatSync(fd).size;
  if (size === 0) return 0;
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) {
      const keep = start + nl + 1;
      if (keep < size) ftruncateSync(fd, keep);
      return size - keep;
    }
    end = start;
  }
  ftruncateSync(fd, 0);
  return size;
}

/** Serialises a line; operational lines (which carry upstream text) are redacted of secrets. */
export function serialiseLine(line: LogLine): string {
  const json = JSON.stringify(line);
  return line.type === 'status' || line.type === 'bad_data' ? redact(json) : json;
}

/** Whether `path` exists and is something other than a regular file (a device such as /dev/null, a FIFO, a socket). */
function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

export function openJsonlLog(path: string, opts: JsonlOptions): JsonlWriter {
  const toStdout = path === '-';
  // Only a regular file gets the temporary file and the rename (and the torn-tail repair): renaming onto a
  // device or a FIFO would replace it with a plain file, so those are written directly, like stdout.
  const special = !toStdout && isSpecialFile(path);
  const direct = toStdout || special;
  const target = opts.mode === 'replace' && !direct ? `${path}.tmp-${process.pid}` : path;
  if (!direct) mkdirSync(dirname(path), { recursive: true });
  let fd = toStdout ? 1 : openSync(target, special ? 'a' : opts.mode === 'append' ? 'a+' : 'w');
  if (!direct && opts.mode === 'append') repairTornTail(fd);
  const limit = opts.bufferBytes ?? 1 << 16;
  let buf: string[] = [];
  let bytes = 0;
  let lines = 0;
  let closed = false;
  const writeAll = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    let off = 0;
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
  };
  const flush = () => {
    if (buf.length === 0 || closed) return;
    // One write per flush of whole lines: a crash can only lose whole lines, and the torn-tail repair covers the rest.
    writeAll(buf.join(''));
    buf = [];
    bytes = 0;
  };
  return {
    write(line) {
      if (closed || (opts.types && !opts.types.has(line.type))) return;
      const s = serialiseLine(line) + '\n';
      buf.push(s);
      bytes += s.length;
      lines += 1;
      if (bytes >= limit) flush();
    },
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
      if (!toStdout) {
        closeSync(fd);
        if (target !== path) renameSync(target, path);
      }
      fd = -1;
    },
    abort() {
      if (closed) return;
      closed = true;
      if (!toStdout) {
        closeSync(fd);
        if (target !== path && existsSync(target)) unlinkSync(target);
      }
    },
    get lines() {
      return lines;
    },
  };
}
