// Small helpers shared by the benchmark suites: markdown tables, percentiles, number formatting.

/** Prints a markdown table (header row, separator, rows). */
export function printTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map(String).join(' | ')} |`);
}

/** The q-quantile (0..1) of `xs` by nearest rank; sorts a copy. NaN for an empty list. */
export function quantile(xs: ArrayLike<number>, q: number): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** p50 / p99 / max of a sample, each formatted with `digits` decimals. */
export function spread(xs: ArrayLike<number>, digits = 3): [string, string, string] {
  if (xs.length === 0) return ['-', '-', '-'];
  const s = Float64Array.from(xs).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return [at(0.5).toFixed(digits), at(0.99).toFixed(digits), s[s.length - 1].toFixed(digits)];
}

/** Integer with thousands separators. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** Runs a full garbage collection when the process was started with --expose-gc. */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

export const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';
