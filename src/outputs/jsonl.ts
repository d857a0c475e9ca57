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
  /**
   * Called once when the reader of a log on stdout or a FIFO goes away (EPIPE, as with `| head`): the lines from
   * then on are not written, and the command goes on (a replay finishes; a scan keeps its store and alerts).
   */
  onReaderGone?: () => void;
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

/** Something to wait on for a millisecond (Atomics.wait) while a full pipe drains. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Whether `path` exists and is something other than a regular file (a device such as /dev/null, a FIFO, a socket). */
function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Moves the finished temp file onto `path`, removing an older log there first. A rename over an existing file
 * makes ext4 (auto_da_alloc) write the new file's pages out before it returns: ~10 ms for a 15 MB log, against
 * ~5 ms for the unlink. The log still appears complete or not at all; an older one is gone a moment earlier.
 */
function moveIntoPlace(temp: string, path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  renameSync(temp, path);
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
  const limit = Math.max(1, opts.bufferBytes ?? 1 << 16);
  // Lines are encoded straight into one reused buffer (no string array to join, no new Buffer per flush): room
  // for the limit plus a line of up to 64 KiB in UTF-8 (3 bytes per UTF-16 unit at most); a longer line is
  // written on its own after the buffered ones.
  const buf = Buffer.allocUnsafe(limit + (1 << 16));
  let used = 0;
  let lines = 0;
  let closed = false;
  /** The reader of a direct log went away: nothing more is written. */
  let readerGone = false;
  const writeAll = (b: Buffer, end: number) => {
    let off = 0;
    while (off < end && !readerGone) {
      try {
        off += writeSync(fd, b, off, end - off);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE' && direct) {
          readerGone = true;
          opts.onReaderGone?.();
          return;
        }
        // A pipe on stdout is non-blocking once Node has opened process.stdout: a full pipe (a slow reader)
        // answers EAGAIN. Wait for the reader instead of losing or repeating part of the buffer.
        if (code !== 'EAGAIN') throw err;
        Atomics.wait(PAUSE, 0, 0, 1);
      }
    }
  };
  const flush = () => {
    if (used === 0 || closed) return;
    // One write per flush of whole lines: a crash can only lose whole lines, and the torn-tail repair covers the rest.
    writeAll(buf, used);
    used = 0;
  };
  return {
    write(line) {
      if (closed || readerGone || (opts.types && !opts.types.has(line.type))) return;
      const s = serialiseLine(line);
      const most = 3 * s.length + 1;
      if (used + most > buf.length) flush();
      lines += 1;
      if (most > buf.length) {
        const b = Buffer.from(s + '\n', 'utf8');
        writeAll(b, b.length);
        return;
      }
      used += buf.write(s, used);
      buf[used++] = 0x0a;
      if (used >= limit) flush();
    },
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
      if (!toStdout) {
        closeSync(fd);
        if (target !== path) moveIntoPlace(target, path);
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
