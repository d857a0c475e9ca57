import type { Input } from '../domain/market.js';

/**
 * Partition of a token: FNV-1a (32 bit) of its key, modulo the partition count. Stable across processes,
 * machines and Node versions, so a token always lands in the same partition for a given count.
 */
export function partitionOf(tokenKey: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < tokenKey.length; i++) {
    h ^= tokenKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}

/** The engine's token key (mint, else `pool:<pool>`); records with neither go to partition 0. */
export function routingKeyOf(input: Input): string | null {
  if (input.kind === 'tick') return null;
  if (input.mint) return input.mint;
  return input.pool ? `pool:${input.pool}` : null;
}

/**
 * Splits a batch by partition, keeping the order within each: ticks go to every partition (each engine
 * needs the clock), every other record (watermarks included) to its token's partition.
 */
export function splitByPartition(inputs: readonly Input[], partitions: number): Input[][] {
  const out: Input[][] = Array.from({ length: partitions }, () => []);
  for (const input of inputs) {
    if (input.kind === 'tick') {
      for (const p of out) p.push(input);
      continue;
    }
    const key = routingKeyOf(input);
    out[key === null || partitions === 1 ? 0 : partitionOf(key, partitions)].push(input);
  }
  return out;
}
