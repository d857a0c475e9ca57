import type { Candle, MarketRecord, Trade } from '../domain/market.js';
import { MINUTE_MS, bucketStart } from '../domain/time.js';
import { applyPieceAt, bucketsOf, type Piece } from '../candles/windows.js';
import { TradeFilter, tradeFilterConfigOf } from './trade-filter.js';
import { noteTradeFlow } from '../confidence/trade-flow.js';
import { tiersOfInput, tokenKeyOf, type TokenRec } from './token.js';
import { checkCandleOrder, rememberTradeId } from './token-dedup.js';
import type { EngineConfig } from './decide.js';
import { EngineCloses } from './engine-closes.js';
import type { EngineHooks } from './engine-hooks.js';
import { DropSeqs, SourceCounts, droppedLine } from './stats.js';

/** The engine's market layer: trades and candles applied to a token's windows, closes, drops. */
export abstract class EngineMarket extends EngineCloses {
  /** Tokens known only by a pool, by pool: finds them without building their `pool:` key per input. */
  protected readonly poolTokens = new Map<string, TokenRec>();
  protected readonly counts = new SourceCounts(this.stats);
  /** The bucket start of the input being applied in each of its tiers (applyMarket's scratch). */
  protected readonly bucketStarts = new Float64Array(3);
  /** Dropped lines per token key: their ids stay the same whichever other tokens share this engine (bus partitions). */
  private readonly dropSeqs = new DropSeqs();
  /** Dust and outlier trades (trade-filter.ts): per-token recent prices, kept outside the token record. */
  protected readonly tradeFilter: TradeFilter;

  constructor(cfg: EngineConfig, hooks: EngineHooks) {
    super(cfg, hooks);
    this.tradeFilter = new TradeFilter(tradeFilterConfigOf(cfg.input));
  }

  protected touch(rec: TokenRec, t: number): void {
    if (rec.firstSeenAt === -Infinity) rec.firstSeenAt = t;
    rec.lastInputAt = t;
    rec.dirty = true;
  }

  protected applyMarket(rec: TokenRec, r: Trade | Candle, t: number): void {
    this.settle1m(rec, false);
    const isTrade = r.kind === 'trade';
    const ts = isTrade ? r.ts : r.start;
    // A candle is its own piece (its OHLCV fields); only a trade needs one made.
    const piece: Piece = isTrade ? { open: r.priceUsd, high: r.priceUsd, low: r.priceUsd, close: r.priceUsd, volumeUsd: r.volumeUsd } : r;
    if (r.pool && rec.lead === null) rec.lead = r.pool;
    if (r.pool && r.pool !== rec.lead) return this.applySecondary(rec, r, piece.close, ts);
    if (!isTrade && r.warmup && t > rec.silentUntil) rec.silentUntil = t;
    const w = rec.w;
    const tiers = tiersOfInput(rec, isTrade ? 0 : r.intervalMs);
    if (tiers.length === 0) return this.drop(r, 'invalid', `interval_not_supported:${isTrade ? 0 : r.intervalMs}`);
    const starts = this.bucketStarts;
    if (bucketsOf(tiers, ts, starts)) return this.drop(r, 'late', 'bucket_already_closed');
    if (isTrade && r.id !== null && !rememberTradeId(rec, r.id, bucketStart(ts, MINUTE_MS))) return this.drop(r, 'duplicate', 'trade_id_seen');
    if (!isTrade && r.final) {
      const order = checkCandleOrder(rec, r.intervalMs, r.start);
      if (order) return this.drop(r, order, order === 'duplicate' ? 'candle_seen' : 'candle_out_of_order');
    }
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i];
      // Nothing forming: a NaN start, which compares false.
      if (starts[i] > tier.start) this.closeThrough(rec, tier.start + tier.intervalMs);
    }
    // The candle key is only needed where provisional candles are in play.
    const provisional = !isTrade && !r.final;
    const key = isTrade || (!provisional && tiers[0].provKey === null) ? null : `${r.pool ?? ''}|${r.intervalMs}|${r.start}`;
    for (let i = 0; i < tiers.length; i++) applyPieceAt(tiers[i], starts[i], piece, key, provisional);
    if (isTrade && r.side !== null) {
      if (r.side === 'buy') w.buyUsd += r.volumeUsd;
      else w.sellUsd += r.volumeUsd;
      w.sidedTrades += 1;
    }
    if (isTrade) noteTradeFlow(rec, r);
    this.stats.applied += 1;
    this.counts.of(r.source).applied += 1;
    this.afterPiece(rec, piece, tiers.includes(w.t5m), tiers.includes(w.t4h));
    if (!isTrade && r.warmup) this.warming.add(rec);
    else this.register(rec);
  }

  /** A record of a token's other pool: a cross-pool price only. */
  protected applySecondary(rec: TokenRec, r: Trade | Candle, close: number, ts: number): void {
    const others = (rec.otherPools ??= new Map());
    others.set(r.pool!, { priceUsd: close, liquidityUsd: others.get(r.pool!)?.liquidityUsd ?? null, at: ts });
    this.stats.secondary += 1;
    this.counts.of(r.source).secondary += 1;
  }

  protected drop(r: MarketRecord, reason: 'late' | 'duplicate' | 'invalid', detail: string): void {
    this.stats.dropped[reason] += 1;
    this.counts.of(r.source)[reason] += 1;
    const key = tokenKeyOf(r.mint, r.pool);
    this.hooks.emit(droppedLine(r, reason, detail, this.now, key, key ? (this.tokens.get(key)?.symbol ?? null) : null, this.dropSeqs.next(key)));
  }
}
