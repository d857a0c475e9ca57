// One transaction's logs in, its swaps and listings out. Pure and allocation-light: it runs once per
// logsNotification, so lines are matched with startsWith (logs.ts), only our programs' payloads are
// base64-decoded, and keys are base58-encoded without web3.js (base58.ts).
import { payloadBytes, programDataLines } from './logs.js';
import { DECODED_PROGRAM_IDS, DECODERS_BY_PROGRAM } from './programs/index.js';
import { discriminator } from './programs/bytes.js';
import type { ChainEvent, DecodedTx, TxLogs } from './types.js';

/**
 * Decodes the events of the four programs the tap follows, attributed by emitting program (the top of the
 * invoke stack), never by discriminator alone. A failed transaction yields no event; a truncated log yields
 * the events before the cut and `truncated: true`.
 */
export function decodeTx(tx: TxLogs): DecodedTx {
  const out: DecodedTx = { signature: tx.signature, slot: tx.slot, failed: tx.err !== null && tx.err !== undefined, truncated: false, events: [], undecoded: 0 };
  const { lines, truncated } = programDataLines(tx.logs, DECODED_PROGRAM_IDS);
  out.truncated = truncated;
  if (out.failed) return out;
  const blockTimeMs = tx.blockTimeMs ?? null;
  for (const line of lines) {
    const program = DECODERS_BY_PROGRAM.get(line.programId!)!;
    const buf = payloadBytes(line.base64);
    if (buf.length < 8) {
      out.undecoded++;
      continue;
    }
    const disc = discriminator(buf);
    const decoder = program.decoders.get(disc);
    if (!decoder) {
      if (!program.ignored.has(disc)) out.undecoded++;
      continue;
    }
    const event: ChainEvent | null = decoder(buf, { programId: program.programId, signature: tx.signature, slot: tx.slot, ordinal: out.events.length, blockTimeMs });
    if (event) out.events.push(event);
    else out.undecoded++;
  }
  return out;
}
