// Order flow of one token from its trades, for confidence features: who trades in the current 4h window,
// what the token's creator has sold since the scanner first saw the token, and how much of the buying
// since launch happened in the creation slot (snipers and bundled dev buys). Only trades that name their
// trader (the chain tap) feed it; for everything else the features stay null.
import type { Trade } from '../domain/market.js';
import { FOUR_HOUR_MS, bucketStart } from '../domain/time.js';

export interface TradeFlow {
  /** Start of the 4h window `users` belongs to. */
  windowStart: number;
  users: Set<string>;
  creator: string | null;
  creatorSellUsd: number;
  /** Slot of the token's creation, when the first trade seen was the creator's own buy (the dev buy of the create transaction). */
  launchSlot: number | null;
  /** Set once the first trade with a trader and a slot has been seen: after that the launch is known or missed for good. */
  launchDecided: boolean;
  boughtUsd: number;
  boughtInLaunchSlotUsd: number;
}

/** The features the flow gives; null where the trades did not carry what they need. */
export interface TradeFlowSnapshot {
  /** Distinct traders in the current 4h window (null: no trade there named its trader). */
  uniqueTraders4h: number | null;
  /** USD the token's creator sold since the token was first seen (null: creator unknown). */
  creatorSellUsd: number | null;
  /** Share 0..1 of USD bought since launch that was bought in the creation slot (null: launch not seen). */
  launchSlotBuyShare: number | null;
}

export function newTradeFlow(): TradeFlow {
  return { windowStart: -1, users: new Set(), creator: null, creatorSellUsd: 0, launchSlot: null, launchDecided: false, boughtUsd: 0, boughtInLaunchSlotUsd: 0 };
}

/** Adds one applied trade (in event-time order) to the flow. */
export function addTradeToFlow(flow: TradeFlow, t: Trade, slot: number | null): void {
  const user = t.user ?? null;
  if (t.creator) flow.creator = t.creator;
  const window = bucketStart(t.ts, FOUR_HOUR_MS);
  if (window !== flow.windowStart) {
    flow.windowStart = window;
    flow.users.clear();
  }
  if (user !== null) flow.users.add(user);
  if (!flow.launchDecided && user !== null && slot !== null) {
    flow.launchDecided = true;
    // pump.fun's create transaction carries the creator's first buy: seeing it means we saw the launch.
    if (t.side === 'buy' && flow.creator !== null && user === flow.creator) flow.launchSlot = slot;
  }
  if (t.side === 'sell' && user !== null && user === flow.creator) flow.creatorSellUsd += t.volumeUsd;
  if (t.side === 'buy' && flow.launchSlot !== null) {
    flow.boughtUsd += t.volumeUsd;
    if (slot === flow.launchSlot) flow.boughtInLaunchSlotUsd += t.volumeUsd;
  }
}

/** The flow's features for the 4h window starting at `windowStart` (the signal's window). */
export function tradeFlowSnapshot(flow: TradeFlow | null | undefined, windowStart: number): TradeFlowSnapshot {
  if (!flow) return { uniqueTraders4h: null, creatorSellUsd: null, launchSlotBuyShare: null };
  const sameWindow = windowStart === flow.windowStart;
  return {
    uniqueTraders4h: sameWindow && flow.users.size > 0 ? flow.users.size : null,
    creatorSellUsd: flow.creator === null ? null : flow.creatorSellUsd,
    launchSlotBuyShare: flow.launchSlot !== null && flow.boughtUsd > 0 ? flow.boughtInLaunchSlotUsd / flow.boughtUsd : null,
  };
}

// Flows live beside the engine's token records (not in them): a token without named traders costs nothing.
const flows = new WeakMap<object, TradeFlow>();

/** Adds a trade to the flow of the token record `rec` (any object the engine keys a token by). */
export function noteTradeFlow(rec: object, t: Trade): void {
  if (t.user == null && t.creator == null) return;
  let flow = flows.get(rec);
  if (!flow) flows.set(rec, (flow = newTradeFlow()));
  addTradeToFlow(flow, t, t.provenance?.slot ?? null);
}

export function tradeFlowOf(rec: object, windowStart: number): TradeFlowSnapshot {
  return tradeFlowSnapshot(flows.get(rec), windowStart);
}
