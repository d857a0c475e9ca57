/**
 * Which followed tokens to read again this round only for their holder concentration (their mint security
 * is final and never changes otherwise): first tokens whose stored read is old (`backlog`, taken out as they
 * are picked or found gone), then this session's reads older than holdersRefreshMs (`due`), at most `budget`
 * in all and none already in `want`. Each costs a getTokenLargestAccounts from the RPC budget the mint reads
 * and the chain tap share, hence the small budget.
 */
export function holderRefreshes(
  backlog: Set<string>, want: readonly string[], followed: (mint: string) => boolean, budget: number, due: (limit: number) => string[],
): string[] {
  const out: string[] = [];
  for (const m of backlog) {
    if (out.length >= budget) break;
    backlog.delete(m);
    if (followed(m) && !want.includes(m)) out.push(m);
  }
  const left = budget - out.length;
  if (left <= 0) return out;
  for (const m of due(left)) {
    if (out.length >= budget) break;
    if (!want.includes(m) && !out.includes(m)) out.push(m);
  }
  return out;
}
