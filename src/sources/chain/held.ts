import type { DecodedSwap } from './types.js';

/** A swap waiting for its pool's mints (`pool`) or a mint's decimals (`mint`). */
export interface Held {
  swap: DecodedSwap;
  ts: number;
  /** Clock time it was held. */
  since: number;
  pool: string | null;
  mint: string | null;
}

/** Held swaps by what they wait for, bounded; the owner asks for the pools and mints to read. */
export class HeldSwaps {
  private readonly byPool = new Map<string, Held[]>();
  private readonly byMint = new Map<string, Held[]>();
  private count = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.count;
  }

  /** False when full (the swap is lost and should be counted). */
  add(h: Held): boolean {
    if (this.count >= this.max) return false;
    const key = h.pool ?? h.mint;
    if (key === null) return false;
    const map = h.pool !== null ? this.byPool : this.byMint;
    const list = map.get(key);
    if (list) list.push(h);
    else map.set(key, [h]);
    this.count++;
    return true;
  }

  /** Pools and mints that swaps wait for, oldest first, at most `limit` each. */
  wanted(limit: number): { pools: Array<{ pool: string; program: string }>; mints: string[] } {
    const pools = [...this.byPool.entries()].slice(0, limit).map(([pool, l]) => ({ pool, program: l[0].swap.program }));
    return { pools, mints: [...this.byMint.keys()].slice(0, limit) };
  }

  takePool(pool: string): Held[] {
    return this.take(this.byPool, pool);
  }

  takeMint(mint: string): Held[] {
    return this.take(this.byMint, mint);
  }

  /** Drops swaps held since before `cutoff`; returns how many. */
  expire(cutoff: number): number {
    let n = 0;
    for (const map of [this.byPool, this.byMint]) {
      for (const [k, list] of map) {
        const keep = list.filter((h) => h.since >= cutoff);
        n += list.length - keep.length;
        if (keep.length) map.set(k, keep);
        else map.delete(k);
      }
    }
    this.count -= n;
    return n;
  }

  private take(map: Map<string, Held[]>, key: string): Held[] {
    const list = map.get(key) ?? [];
    map.delete(key);
    this.count -= list.length;
    return list;
  }
}
