import type { ReceivedLogs } from '../../sources/chain/subscription.js';
import type { PoolTokens } from '../../sources/chain/pools.js';
import type { FileBatch } from '../../store/index.js';

/** What replay needs besides the frames: pools and decimals read from the RPC, and a polled SOL/USD. */
export type TapContext = { pool: PoolTokens } | { decimals: { mint: string; decimals: number } } | { solUsd: number };

export interface FrameLog {
  frame(r: ReceivedLogs): void;
  context(c: TapContext): void;
}

const CLOSE_BRACE = 0x7d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * A tapped session's raw `logsNotification` frames (each with its `receivedAt` clock time added) and
 * `tapContext` lines, as NDJSON, so `replay --input` runs them through the same decoder with no network.
 * A live frame's bytes are copied as received into the recorder's batch (no decode, no re-encode, no
 * string kept); the recorder's writer thread appends the batch to the file, in order, off the socket thread.
 */
export function frameLog(out: FileBatch, now: () => number): FrameLog {
  const { batch } = out;
  return {
    frame(r) {
      if (r.bytes) {
        let end = r.bytes.length;
        while (end > 0 && isSpace(r.bytes[end - 1])) end--;
        if (end === 0 || r.bytes[end - 1] !== CLOSE_BRACE) return;
        batch.appendBytes(r.bytes, 0, end - 1);
      } else {
        const text = r.frame.trimEnd();
        if (!text.endsWith('}')) return;
        batch.appendText(text.slice(0, -1));
      }
      batch.appendText(`,"receivedAt":${r.receivedAt}}`);
      batch.endLine();
      out.appended();
    },
    context(c) {
      batch.appendLine(JSON.stringify({ jsonrpc: '2.0', method: 'tapContext', params: c, receivedAt: now() }));
      out.appended();
    },
  };
}
