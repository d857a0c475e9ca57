// The decoder table: emitting program id -> that program's decoders by discriminator. Keyed by program first
// because other programs reuse the same discriminators (OKX router and PancakeSwap CLMM emit `SwapEvent`
// 40c6cde8260871e2; Raydium LaunchLab and Moonshot emit pump's `TradeEvent` bddb7fd34ee661ee).
import type { ProgramDecoders } from './event.js';
import { pumpDecoders } from './pump/index.js';
import { pumpAmmDecoders } from './pump_amm/index.js';
import { raydiumCpmmDecoders } from './raydium_cpmm/index.js';
import { raydiumClmmDecoders } from './raydium_clmm/index.js';

export { PUMP_PROGRAM_ID, PUMP_TOKEN_DECIMALS } from './pump/index.js';
export { PUMP_AMM_PROGRAM_ID } from './pump_amm/index.js';
export { RAYDIUM_CPMM_PROGRAM_ID } from './raydium_cpmm/index.js';
export { RAYDIUM_CLMM_PROGRAM_ID } from './raydium_clmm/index.js';
export type { EventContext, EventDecoder, ProgramDecoders } from './event.js';

export const PROGRAMS: readonly ProgramDecoders[] = [pumpDecoders, pumpAmmDecoders, raydiumCpmmDecoders, raydiumClmmDecoders];

/** Decoders by emitting program id. */
export const DECODERS_BY_PROGRAM: ReadonlyMap<string, ProgramDecoders> = new Map(PROGRAMS.map((p) => [p.programId, p]));

/** Program ids whose `Program data:` lines are worth decoding. */
export const DECODED_PROGRAM_IDS: ReadonlySet<string> = new Set(DECODERS_BY_PROGRAM.keys());
