/** Splits one CSV line. The fast path is a plain split; quoted fields (RFC 4180 style) take the slow path. */
export function splitCsvLine(line: string): string[] {
  return line.indexOf('"') === -1 ? line.split(',') : splitQuoted(line);
}

function splitQuoted(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(field); field = ''; }
    else field += ch;
  }
  out.push(field);
  return out;
}

/** Header names compared case-insensitively, ignoring spaces and dashes (`Open Price` = `open_price`). */
export function normaliseHeaderName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Column roles and the header names (aliases) that carry them, most specific first. */
export const COLUMN_ALIASES = {
  time: ['timestamp', 'unix_time', 'unixtime', 'time', 'ts', 'open_time', 'start', 'block_timestamp', 'datetime', 'date'],
  open: ['open', 'open_price', 'o'],
  high: ['high', 'high_price', 'h'],
  low: ['low', 'low_price', 'l'],
  close: ['close', 'close_price', 'c'],
  volume: ['volume_usd', 'v_usd', 'volumeusd', 'volume', 'vol', 'v'],
  price: ['price_usd', 'priceusd', 'price'],
  priceFrom: ['price_from_in_usd'],
  priceTo: ['price_to_in_usd'],
  tokenFrom: ['from_token_address'],
  tokenTo: ['to_token_address'],
  amountFrom: ['from_token_amount'],
  amountTo: ['to_token_amount'],
  side: ['side', 'kind_of_trade', 'trade_type'],
  tx: ['tx_hash', 'signature', 'tx', 'tx_signature'],
  id: ['id'],
  pool: ['pool_id', 'pool', 'pool_address', 'pair', 'pair_address'],
  symbol: ['symbol'],
  mint: ['mint', 'token_address', 'base_token_address', 'token_mint', 'address'],
  interval: ['timeframe', 'interval', 'resolution', 'type'],
} as const;

export type ColumnRole = keyof typeof COLUMN_ALIASES;

/** Index of each role's column (first occurrence of the first alias present), or -1. */
export function findColumns(header: string[]): Record<ColumnRole, number> {
  const names = header.map(normaliseHeaderName);
  const found = {} as Record<ColumnRole, number>;
  for (const role of Object.keys(COLUMN_ALIASES) as ColumnRole[]) {
    found[role] = -1;
    for (const alias of COLUMN_ALIASES[role]) {
      const at = names.indexOf(alias);
      if (at !== -1) { found[role] = at; break; }
    }
  }
  return found;
}

/** `solana_<address>` (GeckoTerminal's network-prefixed id) -> `<address>`. */
export function stripNetworkPrefix(id: string): string {
  const s = id.trim();
  return s.startsWith('solana_') ? s.slice('solana_'.length) : s;
}

/** Pool address from a file named `solana_<pool>.<ext>` (the collector's export naming), else null. */
export function poolFromFileName(file: string): string | null {
  const base = file.split(/[\\/]/).pop() ?? '';
  const m = /^solana_([1-9A-HJ-NP-Za-km-z]{32,44})\.[a-z]+$/.exec(base);
  return m ? m[1] : null;
}
