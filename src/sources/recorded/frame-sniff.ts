/**
 * True when an NDJSON line is a recorded RPC pubsub frame (the chain tap's recording) rather than an Input.
 * Kept apart from chain-frames.ts so that telling the two apart does not load the tap (@solana/web3.js).
 */
export function looksLikeChainFrame(text: string): boolean {
  return /"method"\s*:\s*"(logsNotification|tapContext)"/.test(text);
}
