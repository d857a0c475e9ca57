import { LOG_SCHEMA_VERSION, type IgnitionLine } from '../../domain/signals.js';

/**
 * The ignition `pump-scanner alerts test` sends: the figures of a real ignition of the bundled sample
 * (CBRL, 2025-08-23 07:30 UTC) with passing gates, under the symbol TEST so nobody trades on it, and a
 * fresh id (`test-<ms>`) so a receiver that dedupes by Idempotency-Key still shows each test.
 */
export function sampleAlertLine(nowMs: number): IgnitionLine {
  const gate = (gate: IgnitionLine['gates'][number]['gate'], value: number | string, threshold: number | string) =>
    ({ gate, status: 'pass' as const, value, threshold, reason: null, source: 'sample', ageMs: 0 });
  return {
    v: LOG_SCHEMA_VERSION, type: 'ignition', ts: 1755934200000,
    mint: '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump', pool: '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP',
    symbol: 'TEST', id: `test-${nowMs}`,
    window4hStart: 1755921600000, changePct: 11.7632, volumeRatio5m: 10.8964, volume5mUsd: 10833.936424, volumeSma5mUsd: 994.267593, price: 0.000300492,
    ladder: {
      entry: 0.000300492, sl: 0.00009978814285714288, tp: [0.0006015477857142858, 0.0009026035714285714, 0.0013040112857142859],
      atr: 0.00013380257142857143, r: 0.00020070385714285715, slMode: 'atr', breakevenAfterTp1: true,
    },
    ladderUnavailable: null,
    gates: [
      gate('liquidity', 82_150, 50_000), gate('volume_24h', 1_240_000, 100_000), gate('price_impact', 0.61, 2),
      gate('mint_authority', 'renounced', 'renounced'), gate('freeze_authority', 'renounced', 'renounced'), gate('token2022_traps', 'none', 'transferFee,permanentDelegate,transferHook,nonTransferable,defaultAccountFrozen'),
    ],
    confidence: { score: 54.77405484953041, p: 0.2033898305084746, calibrated: true, features: {} },
  };
}
