import { ReplayInputError } from './errors.js';
import type { FileVerdict } from './row-parser.js';

const HOUR_MS = 3_600_000;
/** GeckoTerminal's id time trails the block time by seconds; a minute either way is agreement. */
const AGREEMENT_MS = 120_000;

/**
 * Checks a trade file's block times against the unix time GeckoTerminal embeds in trade ids.
 * The collector exported UTC wall-clock times labelled with its local offset (`... 10:22:16-06`
 * for a swap at 10:22:16 UTC): the id time, and the 1m candle holding that swap, prove it. When the
 * median disagreement is a whole number of hours the times are shifted back and a note says so;
 * any other disagreement is an error, because the times cannot be trusted.
 */
export function blockTimeVerdict(file: string, column: string, idMinusBlockMs: number[]): FileVerdict {
  if (idMinusBlockMs.length === 0) return { shiftMs: 0, notes: [] };
  const sorted = [...idMinusBlockMs].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  if (Math.abs(median) <= AGREEMENT_MS) return { shiftMs: 0, notes: [] };
  const hours = Math.round(median / HOUR_MS);
  if (hours !== 0 && Math.abs(hours) <= 14 && Math.abs(median - hours * HOUR_MS) <= AGREEMENT_MS) {
    return {
      shiftMs: hours * HOUR_MS,
      notes: [`${column} is ${Math.abs(hours)}h ${hours > 0 ? 'behind' : 'ahead of'} the unix time in the trade ids (a mislabelled UTC offset); shifted by ${hours > 0 ? '+' : ''}${hours}h`],
    };
  }
  throw new ReplayInputError(file, null, `column ${column} disagrees with the unix time in the trade ids by ${Math.round(median / 1000)}s (median); cannot tell which is right`);
}
