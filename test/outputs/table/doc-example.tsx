import type { ScanEvent } from '../../../src/domain/index.js';
import { confirmation, fakeMint, ignition, outcome, rejected, status, T0, tokenView } from './events.js';
import { renderTable, settle } from './render-helpers.js';

/**
 * The fixed event stream behind the table example in docs/table.md and README.md: CBRL with a ladder and an
 * outcome, a token with no symbol whose calibrated p rests on 2 of 7 features, a rejected token, and three
 * sources in different states.
 */
export const CBRL = { mint: '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump', symbol: 'CBRL', pool: '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP' };
const NOSYM = { mint: fakeMint(77), symbol: null };
const RUG = { mint: fakeMint(78), symbol: 'RUG' };

export function docExampleEvents(): ScanEvent[] {
  const old = ignition(CBRL, { ts: T0 - 4 * 3_600_000, score: 71 });
  const ign = ignition(CBRL, { ts: T0, score: 62 });
  const few = ignition(NOSYM, { ts: T0 + 20_000, p: 0.45, ratio: 32_569, price: 0.000002315 });
  few.confidence = { ...few.confidence!, features: { volumeZ: 1.2, rsi: 61, smaSlope: null, atrPercentile: null, buyShare: null, crossPoolDeviation: null, liquidityToVolume: null } };
  return [
    status('dexscreener', 'ok', T0 - 60_000, 100, 300), status('dexscreener', 'ok', T0, 220, 300),
    status('geckoterminal', 'rate_limited', T0, 5, 30, T0 + 41_000),
    status('solana', 'circuit_open', T0, 3, 240, T0 + 55_000),
    old, confirmation(old), outcome(old, 'SL', T0 - 3_600_000),
    ign, few, rejected(RUG, { ts: T0 + 30_000 }), tokenView(CBRL, { ts: T0 + 30_000 }),
  ];
}

/** The table (recent panel, header, rows, key hint) as `docExampleEvents` leave it at 160 columns, without colour. */
export async function renderDocExample(): Promise<string> {
  const t = renderTable({ columns: 160, rows: 14, start: T0 + 30_000, stats: () => ({ inputsPerSec: 1234.5 }) });
  const frame = await t.push(...docExampleEvents());
  await settle(5);
  t.end();
  return frame.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();
}

// `node dist/test/outputs/table/doc-example.js` prints the example, to paste into the docs after a change.
if (process.argv[1]?.endsWith('doc-example.js')) void renderDocExample().then((s) => console.log(s));
