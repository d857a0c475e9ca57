import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ReceivedLogs } from '../../sources/chain/subscription.js';
import type { PoolTokens } from '../../sources/chain/pools.js';

/** What replay needs besides the frames: pools and decimals read from the RPC, and a polled SOL/USD. */
export type TapContext = { pool: PoolTokens } | { decimals: { mint: string; decimals: number } } | { solUsd: number };

export interface FrameLog {
  frame(r: ReceivedLogs): void;
  context(c: TapContext): void;
  close(): Promise<void>;
}

/**
 * Appends a tapped session's raw `logsNotification` frames (each with its `receivedAt` clock time added)
 * and `tapContext` lines to an NDJSON file, so `replay --input` runs them through the same decoder with
 * no network. The write stream buffers in memory and writes asynchronously: nothing blocks the socket.
 */
export function openFrameLog(path: string, now: () => number): FrameLog {
  mkdirSync(dirname(path), { recursive: true });
  const out: WriteStream = createWriteStream(path, { flags: 'a' });
  let failed = false;
  out.on('error', () => (failed = true));
  return {
    frame(r) {
      const text = r.frame.trimEnd();
      if (failed || !text.endsWith('}')) return;
      out.write(`${text.slice(0, -1)},"receivedAt":${r.receivedAt}}\n`);
    },
    context(c) {
      if (!failed) out.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'tapContext', params: c, receivedAt: now() })}\n`);
    },
    close: () => new Promise<void>((resolve) => out.end(() => resolve())),
  };
}
