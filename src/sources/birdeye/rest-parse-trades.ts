import type { Trade } from '../../domain/market.js';
import { collect, FieldError, numeric, optNum, optStr, reqArr, reqNum, reqObj, reqStr, whole, type Obj, type Parsed } from '../http/fields.js';
import { birdeyeTradeId } from './trade-id.js';

const SOURCE = 'birdeye';

function uiAmount(leg: Obj, at: string): number {
  const v = numeric(leg.uiAmount) ?? numeric(leg.ui_amount);
  if (v === null) throw new FieldError(`${at}.uiAmount`, 'missing');
  return Math.abs(v);
}

function legPrice(leg: Obj): number | null {
  return optNum(leg, 'price') ?? optNum(leg, 'nearestPrice');
}

/**
 * One swap of `mint`. Prices come from the amounts, not from `pricePair` or `base` (the asked token may be
 * either leg, and pricePair's direction differs between versions): USD value = other leg's amount times its
 * USD price (falling back to the token leg's own price), token price = USD value / token amount.
 */
function tradeOf(o: Obj, at: string, mint: string, knownAt: number, v3: boolean): Trade {
  const from = reqObj(o.from, `${at}.from`);
  const to = reqObj(o.to, `${at}.to`);
  const fromAddr = reqStr(from, 'address', `${at}.from`);
  const toAddr = reqStr(to, 'address', `${at}.to`);
  if (fromAddr !== mint && toAddr !== mint) throw new FieldError(`${at}.from.address`, `neither leg is ${mint}`);
  const bought = toAddr === mint;
  const [tokenLeg, otherLeg, tokenAt, otherAt] = bought ? [to, from, `${at}.to`, `${at}.from`] : [from, to, `${at}.from`, `${at}.to`];
  const tokenAmount = uiAmount(tokenLeg, tokenAt);
  if (tokenAmount === 0) throw new FieldError(`${tokenAt}.uiAmount`, 'zero amount');
  const otherPrice = legPrice(otherLeg);
  const tokenPrice = legPrice(tokenLeg);
  const volumeUsd = otherPrice !== null ? uiAmount(otherLeg, otherAt) * otherPrice : tokenPrice !== null ? tokenAmount * tokenPrice : null;
  if (volumeUsd === null) throw new FieldError(`${otherAt}.price`, 'no USD price on either leg');
  const ts = reqNum(o, v3 ? 'block_unix_time' : 'blockUnixTime', at) * 1000;
  const hash = reqStr(o, v3 ? 'tx_hash' : 'txHash', at);
  return {
    kind: 'trade', knownAt, ts, mint, pool: optStr(o, v3 ? 'pool_id' : 'poolId'), source: SOURCE,
    priceUsd: volumeUsd / tokenAmount, volumeUsd, side: bought ? 'buy' : 'sell',
    id: birdeyeTradeId(hash, o.ins_index, o.inner_ins_index),
  };
}

/** `/defi/txs/token` (v1) or `/defi/v3/token/txs` data: trades of `mint`, oldest first. */
export function parseTrades(data: unknown, mint: string, knownAt: number, v3: boolean): Parsed<Trade> & { hasNext: boolean } {
  let hasNext = false;
  const parsed = whole(() => {
    const d = reqObj(data, 'data');
    hasNext = (v3 ? d.has_next : d.hasNext) === true;
    const items = reqArr(d.items, 'data.items');
    return collect(items, 'data.items', (it, at) => tradeOf(reqObj(it, at), at, mint, knownAt, v3));
  });
  parsed.records.sort((a, b) => a.ts - b.ts);
  return { ...parsed, hasNext };
}

